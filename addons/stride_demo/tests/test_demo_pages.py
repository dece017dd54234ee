from markupsafe import escape

from odoo.tests import HttpCase, tagged

from odoo.addons.stride_demo.lib import catalog, history

from .common import StrideDemoMixin


@tagged("post_install", "-at_install")
class TestDemoPages(StrideDemoMixin, HttpCase):
    """The demo shop shows each feature with its own data."""

    def _page(self, url):
        # The first render of the demo shop compiles its templates and images: on a loaded machine it outlasts
        # url_open's 12 s default (both /shop tests timed out at load 9 while six Odoo runs shared two cores).
        return self.url_open(url, timeout=90).text

    def test_shop_filters_shoes_by_brand_gender_and_width(self):
        page = self._page("/shop")
        self.assertIn('id="o_wsale_shoe_filters"', page)
        for label in [brand.name for brand in catalog.BRANDS] + ["Women", "Men", "Wide", "Narrow"]:
            self.assertIn(str(escape(label)), page)
        wide = self.shoes.filtered(lambda shoe: shoe.shoe_width == "wide")
        narrow = self.shoes.filtered(lambda shoe: shoe.shoe_width == "narrow")
        page = self._page("/shop?width=wide")
        for shoe in wide:
            self.assertIn(str(escape(shoe.name)), page)
        for shoe in narrow:
            self.assertNotIn(str(escape(shoe.name)), page)

    def test_product_page_shows_sizes_and_the_brand_size_guide(self):
        small = next(brand for brand in catalog.BRANDS if brand.size_offset_mm < 0)
        shoe = self.shoes.filtered(lambda shoe: shoe.shoe_brand_id.name == small.name)[:1]
        self.assertTrue(shoe, "a demo model of the brand that runs small")
        page = self._page(f"{shoe.website_url}?size_system=eu")
        self.assertIn('id="o_wsale_shoe_sizes"', page)
        self.assertIn(str(escape(small.fit_note)), page)
        self.assertIn("o_wsale_shoe_size_stock", page)
        variant = shoe.product_variant_ids[:1]
        info = self.make_jsonrpc_request(
            "/website_sale/get_combination_info",
            {"product_template_id": shoe.id, "product_id": variant.id,
             "combination": variant.product_template_attribute_value_ids.ids, "add_qty": 1},
            timeout=90,
        )
        self.assertIn("in_stock", {size["state"] for size in info["shoe_size_stock"].values()})

    def test_customer_login_sees_a_delivered_order_with_its_feedback(self):
        customer = self.env.ref("stride_demo.user_customer_demo")
        orders = self.env["sale.order"].search([("partner_id", "=", customer.partner_id.id)])
        rated = orders.filtered(lambda order: order.pipeline_stage == history.FEEDBACK)[:1]
        self.assertTrue(rated and orders.filtered(lambda order: order.pipeline_stage == history.DELIVERED))
        self.authenticate("customer", "customer")
        page = self._page(f"/my/orders/{rated.id}")
        self.assertIn(rated.name, page)
        self.assertIn("Feedback received", page)
        self.assertIn(f"{rated.pipeline_feedback_ids.rating}/5", page)

    def test_shop_opens_with_the_demo_shoes_first(self):
        front = self.env["product.template"].search(
            [("is_published", "=", True), ("sale_ok", "=", True)], order="website_sequence, id", limit=6,
        )
        self.assertTrue(all(
            template.get_external_id()[template.id].startswith("stride_demo.product_template_") for template in front
        ), "the first page of the shop belongs to the demo shoes")
        page = self._page("/shop")
        for template in front:
            self.assertIn(str(escape(template.name)), page)
        self.assertIn("/image_1024/", page, "each shoe shows its picture")

    def test_demo_shop_sells_shoes_not_furniture(self):
        published = self.env["product.template"].search([("is_published", "=", True), ("sale_ok", "=", True)])
        odoo_demo = self.env["ir.model.data"].search([
            ("model", "=", "product.template"), ("res_id", "in", published.ids),
            ("module", "in", self.env["ir.module.module"].search([("author", "=", "Odoo S.A.")]).mapped("name")),
        ])
        self.assertFalse(odoo_demo, "Odoo's furniture demo products are unpublished")
        categories = self.env["product.public.category"].search([]).mapped("name")
        self.assertNotIn("Desks", categories)
