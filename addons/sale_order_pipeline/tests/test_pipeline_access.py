from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import PipelineCase

# What the pipeline records about an order, and the Odoo ratings that hold its feedback.
PIPELINE_MODELS = ("sale.order.stage.history", "sale.order.transit.event", "sale.order.feedback")


@tagged("post_install", "-at_install")
class TestPipelineAccess(PipelineCase):
    """Stage history, carrier updates and feedback follow the visibility of their order, role by role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.all_salesman = new_test_user(
            cls.env, login="pipeline_all_docs", groups="sales_team.group_sale_salesman_all_leads", name="Al All"
        )
        # One order of the own-documents salesperson (customer Ana), one of somebody else (the other customer).
        cls.own_order = cls._rated_order("TRK-OWN", cls.customer_user, salesperson=cls.salesman)
        cls.other_order = cls._rated_order("TRK-OTHER", cls.other_customer_user, salesperson=cls.all_salesman)
        cls.both = cls.own_order | cls.other_order

    @classmethod
    def _rated_order(cls, tracking_ref, customer_user, salesperson):
        order = cls._order(partner=customer_user.partner_id)
        order.user_id = salesperson
        order.action_confirm()
        order.action_pipeline_advance()
        order.action_pipeline_ship(tracking_ref, cls.carrier.id)
        order.action_pipeline_add_transit_event("in_transit", "Lyon hub")
        order.action_pipeline_confirm_receipt()
        order.with_user(customer_user).action_pipeline_leave_feedback(4, f"Said by {customer_user.name}")
        return order

    def _seen_orders(self, user, model):
        records = self.env[model].with_user(user).search([("order_id", "in", self.both.ids)])
        records.read(["order_id"])
        return records.order_id

    def _seen_rated_orders(self, user):
        ratings = (
            self.env["rating.rating"]
            .with_user(user)
            .search([("res_model", "=", "sale.order"), ("res_id", "in", self.both.ids)])
        )
        ratings.read(["feedback"])
        return self.env["sale.order"].browse(ratings.mapped("res_id"))

    def _assert_sees(self, user, orders, models=PIPELINE_MODELS):
        for model in models:
            with self.subTest(user=user.login, model=model):
                self.assertEqual(self._seen_orders(user, model), orders)

    def test_own_documents_salesperson_sees_only_their_orders(self):
        self._assert_sees(self.salesman, self.own_order)
        self.assertEqual(self._seen_rated_orders(self.salesman), self.own_order)
        with self.assertRaises(AccessError):
            self.env["sale.order.feedback"].with_user(self.salesman).browse(
                self.other_order.pipeline_feedback_ids.ids
            ).read(["comment"])

    def test_all_documents_salesperson_and_manager_see_all(self):
        for user in (self.all_salesman, self.manager):
            self._assert_sees(user, self.both)
            self.assertEqual(self._seen_rated_orders(user), self.both)

    def test_stock_user_sees_what_the_warehouse_reads(self):
        # sale_stock lets the warehouse read every order: its history, carrier updates and feedback come with it.
        self._assert_sees(self.warehouse_user, self.both)
        self.assertEqual(self._seen_rated_orders(self.warehouse_user), self.both)

    def test_portal_customer_sees_only_their_own(self):
        self._assert_sees(self.customer_user, self.own_order)
        self._assert_sees(self.other_customer_user, self.other_order)
        with self.assertRaises(AccessError):
            self._seen_rated_orders(self.customer_user)

    def test_employee_without_sales_rights_reads_no_order_rating(self):
        employee = new_test_user(self.env, login="pipeline_employee", groups="base.group_user")
        self.assertFalse(self._seen_rated_orders(employee))

    def test_only_sales_managers_change_a_customer_rating(self):
        rating = self.env["rating.rating"].search(
            [("res_model", "=", "sale.order"), ("res_id", "=", self.own_order.id)]
        )
        for user in (self.salesman, self.all_salesman, self.warehouse_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                rating.with_user(user).write({"rating": 5})
        rating.with_user(self.manager).write({"feedback": "Edited for privacy"})
        self.assertEqual(self.own_order.pipeline_feedback_ids.comment, "Edited for privacy")
