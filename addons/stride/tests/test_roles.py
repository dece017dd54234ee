from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestRoles(HttpCase):
    """Each role reaches what it should, and not more."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = new_test_user(cls.env, login="stride_customer", groups="base.group_portal")
        cls.other_customer = new_test_user(cls.env, login="stride_other", groups="base.group_portal")
        cls.warehouse = new_test_user(
            cls.env, login="stride_warehouse", groups="base.group_user,stock.group_stock_user")
        cls.manager = new_test_user(
            cls.env, login="stride_manager",
            groups="base.group_user,sales_team.group_sale_manager,stock.group_stock_manager,"
                   "purchase.group_purchase_manager",
        )
        product = cls.env["product.product"].create({"name": "Stride Role Shoe", "list_price": 50.0})
        cls.order, cls.other_order = cls.env["sale.order"].create([
            {"partner_id": partner.id, "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 1})]}
            for partner in (cls.customer.partner_id, cls.other_customer.partner_id)
        ])
        for order in cls.order | cls.other_order:
            order.action_confirm()

    def test_portal_customer_sees_only_own_orders(self):
        orders = self.env["sale.order"].with_user(self.customer).search([])
        self.assertEqual(orders, self.order)
        with self.assertRaises(AccessError):
            self.other_order.with_user(self.customer).read(["name"])

    def test_portal_customer_sees_only_own_deliveries_and_no_stock(self):
        pickings = self.env["stock.picking"].with_user(self.customer).search([])
        self.assertFalse(pickings.sudo().sale_id - self.order, "only the deliveries of their own orders")
        self.assertFalse(self.env["purchase.order"].with_user(self.customer).search([]), "vendors' orders only")
        with self.assertRaises(AccessError):
            self.env["stock.quant"].with_user(self.customer).search([])

    def test_portal_customer_gets_the_portal_not_the_backend(self):
        self.authenticate("stride_customer", "stride_customer")
        self.assertEqual(self.url_open("/my/orders").status_code, 200)
        response = self.url_open(f"/my/orders/{self.other_order.id}")
        self.assertNotIn(f"/my/orders/{self.other_order.id}", response.url, "sent away from another's order")
        self.assertNotIn(self.other_order.name, response.text)
        self.assertNotIn("/odoo", self.url_open("/odoo").url, "portal users are sent to their portal")

    def test_public_visitor_is_sent_to_login(self):
        self.assertIn("/web/login", self.url_open("/my/orders").url)
        self.assertIn("/web/login", self.url_open("/odoo").url)

    def test_warehouse_reads_transfers_but_cannot_buy_or_invoice(self):
        pickings = self.env["stock.picking"].with_user(self.warehouse).search([("sale_id", "=", self.order.id)])
        self.assertTrue(pickings)
        with self.assertRaises(AccessError):
            self.env["purchase.order"].with_user(self.warehouse).check_access("create")
        with self.assertRaises(AccessError):
            self.env["account.move"].with_user(self.warehouse).search([])

    def test_manager_buys_and_sells(self):
        for model in ("purchase.order", "sale.order", "stock.warehouse.orderpoint"):
            with self.subTest(model=model):
                self.env[model].with_user(self.manager).check_access("create")

    def test_demo_logins_have_their_roles(self):
        users = {login: self.env.ref(f"stride.user_{login}_demo", raise_if_not_found=False)
                 for login in ("manager", "warehouse", "support", "customer")}
        if not all(users.values()):
            self.skipTest("the stride demo data is not installed")
        self.assertTrue(users["manager"].has_group("purchase.group_purchase_manager"))
        self.assertTrue(users["warehouse"].has_group("stock.group_stock_user"))
        self.assertFalse(users["warehouse"].has_group("sales_team.group_sale_manager"))
        self.assertTrue(users["support"].has_group("sales_team.group_sale_salesman"))
        self.assertTrue(users["customer"].share)
        self.authenticate("customer", "customer")
        self.assertEqual(self.url_open("/my/orders").status_code, 200)
