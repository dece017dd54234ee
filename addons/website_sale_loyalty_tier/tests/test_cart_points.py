from datetime import timedelta

import lxml.html

from odoo.tests import HttpCase, tagged

from .common import classed, make_loyalty_shop, sibling_results, text


@tagged("post_install", "-at_install")
class TestCartAndProductPoints(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.records = make_loyalty_shop(cls.env)
        cls.product = cls.records["product"]

    def setUp(self):
        super().setUp()
        self.enterContext(sibling_results(self.records))

    def _add_to_cart(self):
        self.make_jsonrpc_request("/shop/cart/add", {
            "product_template_id": self.product.id, "product_id": self.product.product_variant_id.id, "quantity": 1,
        })

    def _page(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return lxml.html.fromstring(response.content)

    def test_cart_shows_the_points_the_order_earns_and_the_tier_perks(self):
        self.authenticate("loyal_customer", "loyal_customer")
        self._add_to_cart()
        boxes = classed(self._page("/shop/cart"), "o_loyalty_tier_cart")
        self.assertEqual([box.get("data-program-id") for box in boxes], [str(self.records["program"].id)])
        shown = text(boxes[0])
        self.assertIn("This order earns 120 Points", shown)
        self.assertIn("frequency bonus of 20 Points", shown)
        self.assertIn("Silver", shown)
        self.assertIn("Free delivery on every order", shown)
        self.assertIn("Silver Members Five Percent", shown)

    def test_a_perk_that_has_ended_is_not_listed_in_the_cart(self):
        self.records["perk"].copy({
            "name": "Silver Spring Sale Ended",
            "date_from": self.records["today"] - timedelta(days=30),
            "date_to": self.records["today"] - timedelta(days=1),
        })
        self.authenticate("loyal_customer", "loyal_customer")
        self._add_to_cart()
        shown = text(classed(self._page("/shop/cart"), "o_loyalty_tier_cart")[0])
        self.assertIn("Silver Members Five Percent", shown)
        self.assertNotIn("Silver Spring Sale Ended", shown)

    def test_a_visitor_sees_the_points_without_perks(self):
        self.authenticate(None, None)
        self._add_to_cart()
        boxes = classed(self._page("/shop/cart"), "o_loyalty_tier_cart")
        self.assertEqual(len(boxes), 1)
        self.assertIn("This order earns 120 Points", text(boxes[0]))
        self.assertNotIn("Silver", text(boxes[0]))

    def test_the_points_follow_a_quantity_change(self):
        self.authenticate("loyal_customer", "loyal_customer")
        self._add_to_cart()
        order = self.env["sale.order"].search([("partner_id", "=", self.records["loyal_user"].partner_id.id)],
                                              order="id desc", limit=1)
        line = order.order_line.filtered(lambda line: line.product_id == self.product.product_variant_id)
        result = self.make_jsonrpc_request("/shop/cart/update", {"line_id": line.id, "quantity": 2})
        self.assertIn("o_loyalty_tier_cart", result["website_sale.cart_lines"])

    def test_product_page_shows_the_points_for_its_price(self):
        self.authenticate(None, None)
        no_pricelist = self.env["product.pricelist"]
        self.assertIn(self.records["program"], self.records["website"]._loyalty_tier_programs(no_pricelist))
        page = self._page(self.product.website_url)
        points = classed(page, "o_loyalty_tier_product_points")
        self.assertEqual(len(points), 1)
        # One point per unit of the price shown (the demo data's pricelist may discount the list price).
        price = float(text(classed(page, "oe_price")[0]).replace(",", "").strip("$€ "))
        self.assertIn(f"Earn {price:g} Points", text(points[0]))

    def test_no_loyalty_program_no_box(self):
        self.env["loyalty.program"].search([("program_type", "=", "loyalty")]).action_archive()
        self.authenticate(None, None)
        self.assertFalse(classed(self._page(self.product.website_url), "o_loyalty_tier_product_points"))

    def test_the_perk_icons_labels_are_translatable(self):
        # A label computed in an expression (``t-att-aria-label="'Applied' if ..."``) is no term of the view.
        view = self.env.ref("website_sale_loyalty_tier.cart_lines_loyalty_points")
        terms = {term["source"] for term in view.get_field_translations("arch_db")[0]}
        self.assertLessEqual({"Applied", "Perk"}, terms)
