from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from odoo.addons.stride_demo.lib.roles import ROLE_GROUPS

from .common import StrideRecordsMixin


@tagged("post_install", "-at_install")
class TestRoles(StrideRecordsMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {role: cls._role_user(role) for role in ROLE_GROUPS if role != "customer"}
        cls.customer = cls._role_user("customer")
        cls.other_customer = cls.env["res.partner"].create({"name": "Another Shoe Lover"})
        shoe = cls._shoe("Stride Test Harbor Loafer", cls._shop_category("Test Casual"))
        cls.own_order = cls._order(cls.customer.partner_id, shoe)
        cls.other_order = cls._order(cls.other_customer, shoe)
        cls.purchase = cls.env["purchase.order"].create({
            "partner_id": cls.env["res.partner"].create({"name": "Test Sole Supplier"}).id,
            "order_line": [(0, 0, {"product_id": shoe.product_variant_id.id, "product_qty": 12})],
        })
        cls.invoice = cls.env["account.move"].create({"move_type": "out_invoice", "partner_id": cls.other_customer.id})

    def _menu_roots(self, user):
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(False)
        return {menus[menu_id]["xmlid"] for menu_id in menus["root"]["children"]}

    # portal customer

    def test_customer_reads_only_own_orders(self):
        orders = self.env["sale.order"].with_user(self.customer)
        self.assertEqual(orders.search([("id", "in", (self.own_order | self.other_order).ids)]), self.own_order)
        with self.assertRaises(AccessError):
            orders.browse(self.other_order.id).read(["name"])

    def test_customer_portal_shows_own_order_and_refuses_others(self):
        self.authenticate(self.customer.login, self.customer.login)
        self.assertIn(self.own_order.name, self.url_open("/my/orders").text)
        own = self.url_open(f"/my/orders/{self.own_order.id}", allow_redirects=False)
        self.assertEqual(own.status_code, 200)
        other = self.url_open(f"/my/orders/{self.other_order.id}", allow_redirects=False)
        self.assertIn(other.status_code, (302, 303))
        self.assertNotIn(f"/my/orders/{self.other_order.id}", other.headers["Location"])

    def test_customer_sees_own_deliveries_but_no_stock_or_purchases(self):
        pickings = self.env["stock.picking"].with_user(self.customer).search([])
        self.assertFalse(pickings.sudo().sale_id - self.own_order, "only the deliveries of their own orders")
        self.assertFalse(self.env["purchase.order"].with_user(self.customer).search([]))
        with self.assertRaises(AccessError):
            self.env["stock.quant"].with_user(self.customer).search([])

    def test_customer_cannot_open_the_backend(self):
        self.authenticate(self.customer.login, self.customer.login)
        response = self.url_open("/odoo/action-sale.action_orders", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertNotIn("/odoo", response.headers["Location"])
        with self.assertRaises(AccessError):
            self.env["ir.ui.menu"].with_user(self.customer).load_menus(False)

    # public visitor

    def test_visitor_is_sent_to_login_for_portal_and_backend(self):
        self.assertIn("/web/login", self.url_open("/my/orders").url)
        self.assertIn("/web/login", self.url_open("/odoo").url)

    # warehouse

    def test_warehouse_reads_pickings_but_cannot_buy_or_see_accounting(self):
        warehouse = self.users["warehouse"]
        pickings = self.env["stock.picking"].with_user(warehouse).search([("sale_id", "=", self.own_order.id)])
        self.assertEqual(pickings, self.own_order.picking_ids)
        with self.assertRaises(AccessError):
            self.purchase.with_user(warehouse).button_confirm()
        with self.assertRaises(AccessError):
            self.invoice.with_user(warehouse).read(["name"])
        roots = self._menu_roots(warehouse)
        self.assertIn("stock.menu_stock_root", roots)
        self.assertNotIn("purchase.menu_purchase_root", roots)
        self.assertNotIn("account.menu_finance", roots)

    # support

    def test_support_sells_and_chats_but_does_not_buy(self):
        support = self.users["support"]
        quotation = self.env["sale.order"].with_user(support).create({"partner_id": self.other_customer.id})
        self.assertEqual(quotation.user_id, support)
        self.assertIn("im_livechat.menu_livechat_root", self._menu_roots(support))
        with self.assertRaises(AccessError):
            self.purchase.with_user(support).read(["name"])
        with self.assertRaises(AccessError):
            self.env["stock.quant"].with_user(support).check_access("write")

    # manager

    def test_manager_runs_sales_purchase_and_stock(self):
        manager = self.users["manager"]
        self.purchase.with_user(manager).button_confirm()
        self.assertEqual(self.purchase.state, "purchase")
        self.env["product.template"].with_user(manager).check_access("write")
        self.assertGreaterEqual(
            self._menu_roots(manager), {"purchase.menu_purchase_root", "stock.menu_stock_root", "crm.crm_menu_root"},
        )
        self.assertFalse(manager.has_group("base.group_system"), "a manager is not a settings administrator")

    # the demo logins themselves

    def test_demo_logins_have_their_role_and_password(self):
        for role, groups in ROLE_GROUPS.items():
            user = self.env.ref(f"stride_demo.user_{role}_demo")
            self.assertEqual(user.login, role)
            self.assertTrue(all(user.has_group(group) for group in groups), role)
            self.assertEqual(user.share, role == "customer")
            self.authenticate(role, role)
            landing = self.url_open("/odoo", allow_redirects=False)
            self.assertEqual(landing.status_code in (302, 303), role == "customer", role)
