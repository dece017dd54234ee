from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import DAY_1, LoyaltyPointsCommon


@tagged("post_install", "-at_install")
class TestLoyaltyPointsAccess(LoyaltyPointsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.company
        common = {"company_id": company.id, "company_ids": company.ids}
        cls.portal = new_test_user(cls.env, "club_portal", groups="base.group_portal", **common)
        cls.public = cls.env.ref("base.public_user")
        # A warehouse user (stock is not a dependency: an internal user without sales rights when it is absent).
        stock_group = "stock.group_stock_user" if cls.env.ref("stock.group_stock_user", False) else "base.group_user"
        cls.stock_user = new_test_user(cls.env, "club_stock", groups=stock_group, **common)
        cls.own_salesman = new_test_user(cls.env, "club_own", groups="sales_team.group_sale_salesman", **common)
        cls.all_salesman = new_test_user(
            cls.env, "club_all", groups="sales_team.group_sale_salesman_all_leads", **common
        )
        cls.manager = new_test_user(cls.env, "club_manager", groups="sales_team.group_sale_manager", **common)
        cls.accountant = new_test_user(cls.env, "club_billing", groups="account.group_account_invoice", **common)

    def setUp(self):
        super().setUp()
        self.order = self._confirm(self._order())
        self.card = self._card()

    def test_portal_and_public_cannot_write_points_or_history(self):
        line = self.card.history_ids[:1]
        for role, user in (("portal", self.portal), ("public", self.public)):
            with self.subTest(role=role):
                with self.assertRaises(AccessError):
                    self.card.with_user(user).write({"points": 1000.0})
                with self.assertRaises(AccessError):
                    line.with_user(user).write({"issued": 1000.0, "points_remaining": 1000.0})
                with self.assertRaises(AccessError):
                    self.env["loyalty.history"].with_user(user).create(
                        {"card_id": self.card.id, "description": "free points", "issued": 1000.0}
                    )
        self.assertEqual(self.card.points, 100.0)

    def test_salespeople_change_points_only_through_update_balance_which_writes_history(self):
        # Sale's rights let them write a card's balance over the API, with no line in the customer's history.
        for role, user in (("own", self.own_salesman), ("all", self.all_salesman)):
            with self.subTest(role=role), self.assertRaises(AccessError):
                self.card.with_user(user).write({"points": 1000.0})
        self.assertEqual(self.card.points, 100.0)
        wizard = self.env["loyalty.card.update.balance"].with_user(self.own_salesman).create(
            {"card_id": self.card.id, "new_balance": 130.0, "description": "Goodwill"}
        )
        wizard.action_update_card_point()
        self.assertEqual(self.card.points, 130.0)
        self.assertEqual(self.card.history_ids.filtered(lambda line: line.description == "Goodwill").issued, 30.0)
        self.card.with_user(self.manager)._check_points_written_with_history()  # a Sales administrator still may

    def test_stock_user_cannot_read_points(self):
        with self.assertRaises(AccessError):
            self.card.history_ids.with_user(self.stock_user).read(["issued"])

    def test_salespeople_and_manager_see_the_order_points(self):
        self.order.user_id = self.own_salesman
        for role, user in (("own", self.own_salesman), ("all", self.all_salesman), ("manager", self.manager)):
            with self.subTest(role=role):
                order = self.order.with_user(user)
                self.assertEqual(order.loyalty_history_count, 1)
                action = order.action_view_loyalty_history()
                lines = self.env["loyalty.history"].with_user(user).search(action["domain"])
                self.assertEqual(lines.mapped("issued"), [100.0])

    def test_own_documents_salesman_confirming_earns_the_points(self):
        order = self._order()
        order.user_id = self.own_salesman
        self._confirm(order.with_user(self.own_salesman), DAY_1)
        self.assertEqual(self.card.points, 200.0)

    def test_an_accountant_paying_the_invoice_earns_the_points_of_a_paid_program(self):
        self.program.points_trigger = "paid"
        order = self._confirm(self._order(), DAY_1)
        invoice = self._invoice(order)
        self._pay(invoice, user=self.accountant)
        self.assertEqual(self._lines(order, "value").issued, 100.0)
