from odoo.tests import new_test_user, tagged

from odoo.addons.sale_order_pipeline.tests.common import PipelineCase


@tagged("post_install", "-at_install")
class TestReviewAccess(PipelineCase):
    """The product reviews left from orders follow the visibility of their order, role by role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.all_salesman = new_test_user(
            cls.env, login="review_all_docs", groups="sales_team.group_sale_salesman_all_leads", name="Al All"
        )
        cls.own_order = cls._reviewed_order(cls.customer_user, salesperson=cls.salesman)
        cls.other_order = cls._reviewed_order(cls.other_customer_user, salesperson=cls.all_salesman)
        cls.both = cls.own_order | cls.other_order

    @classmethod
    def _reviewed_order(cls, customer_user, salesperson):
        order = cls._order(partner=customer_user.partner_id)
        order.user_id = salesperson
        order.action_confirm()
        order.action_pipeline_advance()
        order.action_pipeline_ship(f"TRK-{customer_user.id}", cls.carrier.id)
        order.action_pipeline_confirm_receipt()
        order.with_user(customer_user).action_pipeline_review_product(cls.product.product_tmpl_id.id, 4, "Snug")
        return order

    def _seen_orders(self, user):
        reviews = self.env["sale.order.product.review"].with_user(user).search([("order_id", "in", self.both.ids)])
        reviews.read(["rating", "product_tmpl_id"])
        return reviews.order_id

    def test_each_role_sees_the_reviews_of_the_orders_it_sees(self):
        expected = {
            self.salesman: self.own_order,
            self.all_salesman: self.both,
            self.warehouse_user: self.both,
            self.manager: self.both,
            self.customer_user: self.own_order,
            self.other_customer_user: self.other_order,
        }
        for user, orders in expected.items():
            with self.subTest(user=user.login):
                self.assertEqual(self._seen_orders(user), orders)
