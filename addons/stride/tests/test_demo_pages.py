from markupsafe import escape

from odoo.tests import HttpCase, tagged

from odoo.addons.stride.lib import catalog, history

from .common import StrideDemoMixin


@tagged("post_install", "-at_install")
class TestDemoPages(StrideDemoMixin, HttpCase):
    """The demo shop shows each feature with its own data (skipped when the database has no demo data)."""

    def test_shop_filters_shoes_by_brand_gender_and_width(self):
        page = self.url_open("/shop").text
        self.assertIn('id="o_wsale_shoe_filters"', page)
        for label in [brand.name for brand in catalog.BRANDS] + ["Women", "Men", "Wide", "Narrow"]:
            self.assertIn(str(escape(label)), page)
        wide = self.shoes.filtered(lambda shoe: shoe.shoe_width == "wide")
        narrow = self.shoes.filtered(lambda shoe: shoe.shoe_width == "narrow")
        page = self.url_open("/shop?width=wide").text
        for shoe in wide:
            self.assertIn(str(escape(shoe.name)), page)
        for shoe in narrow:
            self.assertNotIn(str(escape(shoe.name)), page)

    def test_product_page_shows_sizes_and_the_brand_size_guide(self):
        small = next(brand for brand in catalog.BRANDS if brand.size_offset_mm < 0)
        shoe = self.shoes.filtered(lambda shoe: shoe.shoe_brand_id.name == small.name)[:1]
        self.assertTrue(shoe, "a demo model of the brand that runs small")
        page = self.url_open(f"{shoe.website_url}?size_system=eu").text
        self.assertIn('id="o_wsale_shoe_sizes"', page)
        self.assertIn(str(escape(small.fit_note)), page)
        self.assertIn("o_wsale_shoe_size_in_stock", page)

    def test_customer_login_sees_a_delivered_order_with_its_feedback(self):
        customer = self.env.ref("stride.user_customer_demo")
        orders = self.env["sale.order"].search([("partner_id", "=", customer.partner_id.id)])
        rated = orders.filtered(lambda order: order.pipeline_stage == history.FEEDBACK)[:1]
        self.assertTrue(rated and orders.filtered(lambda order: order.pipeline_stage == history.DELIVERED))
        self.authenticate("customer", "customer")
        page = self.url_open(f"/my/orders/{rated.id}").text
        self.assertIn(rated.name, page)
        self.assertIn("Feedback received", page)
        self.assertIn(f"{rated.pipeline_feedback_ids.rating}/5", page)
