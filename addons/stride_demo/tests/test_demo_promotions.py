from datetime import timedelta
from urllib.parse import quote

import lxml.html
from markupsafe import escape

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from odoo.addons.stride_demo.lib import promotions

from .common import StrideDemoMixin, StrideRecordsMixin


def _struck_through(page: str) -> bool:
    """Whether a product page shows the price before discount struck through (website_sale's product_list_price)."""
    spans = lxml.html.fromstring(page).xpath("//div[@name='product_price_container']//span[@name='product_list_price']")
    return bool(spans) and "d-none" not in spans[0].get("class", "").split()


@tagged("post_install", "-at_install")
class TestDemoPromotions(StrideDemoMixin, StrideRecordsMixin, HttpCase):
    """The demo shop runs a promotion: the WELCOME10 code, the winter sale struck through on the boots, a banner on
    /shop; and it has two upcoming events. The flows are also tested on records the tests build."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.category = cls.env["product.category"].create({"name": "Test Sale Boots"})
        cls.boot = cls._shoe("Test Sale Chelsea Boot", cls._shop_category("Test Sale Shop Boots"), price=200.0)
        cls.boot.write({"categ_id": cls.category.id, "taxes_id": [Command.clear()], "sale_ok": True})

    def _page(self, url):
        # First renders compile templates and images: slow on a loaded machine (see test_demo_pages).
        response = self.url_open(url, timeout=90)
        self.assertEqual(response.status_code, 200, url)
        return response.text

    def _order_of(self, product, partner):
        return self.env["sale.order"].create({
            "partner_id": partner.id,
            "order_line": [Command.create({"product_id": product.product_variant_id.id, "product_uom_qty": 1})],
        })

    def _reward_share(self, order):
        """The reward lines' total as a share of the product lines' (0.1 for 10% off)."""
        rewards = order.order_line.filtered("is_reward_line")
        products = order.order_line - rewards
        return -sum(rewards.mapped("price_subtotal")) / sum(products.mapped("price_subtotal"))

    # The demo --------------------------------------------------------------------------------------------------

    def test_welcome10_takes_ten_percent_off_an_order(self):
        partner = self.env["res.partner"].create({"name": "Welcome Tester"})
        order = self._order_of(self.boot, partner)
        status = order._try_apply_code(promotions.WELCOME_CODE)
        self.assertNotIn("error", status)
        [(coupon, rewards)] = list(status.items())
        order._apply_program_reward(rewards[:1], coupon)
        self.assertEqual(coupon.program_id, self.env.ref("stride_demo.loyalty_program_welcome_code_demo"))
        self.assertAlmostEqual(self._reward_share(order), promotions.WELCOME_PERCENT / 100, places=2)

    def test_the_winter_sale_strikes_through_the_boots_and_the_banner_announces_it(self):
        boots = self.shoes.filtered(lambda shoe: shoe.categ_id.name == promotions.SALE_CATEGORY)
        self.assertTrue(boots)
        self.assertTrue(_struck_through(self._page(boots[0].website_url)), "the boots are on sale today")
        others = self.shoes.filtered(lambda shoe: shoe.categ_id.name != promotions.SALE_CATEGORY)
        self.assertFalse(_struck_through(self._page(others[0].website_url)), "the sale is on boots only")
        shop = self._page("/shop")
        self.assertIn('id="stride_promotion_banner"', shop)
        self.assertIn(promotions.WELCOME_CODE, shop)
        self.assertIn(str(escape(promotions.SALE_NAME)), shop)
        zone = self.env["ir.ui.view"].search([("key", "like", "oe_structure_website_sale_products_1"),
                                              ("website_id", "!=", False)])
        self.assertTrue(any("stride_promotion_banner" in view.arch for view in zone),
                        "a website view the editor edits, not code")

    def test_two_upcoming_events_one_at_the_shop_one_online(self):
        in_person = self.env.ref("stride_demo.event_in_person_demo")
        webinar = self.env.ref("stride_demo.event_webinar_demo")
        now = fields.Datetime.now()
        for event in in_person | webinar:
            self.assertTrue(event.website_published and event.date_begin > now and event.event_registrations_open)
        self.assertTrue(in_person.address_id and not in_person.event_url)
        self.assertTrue(webinar.event_url and not webinar.address_id)
        published = self.env["event.event"].search([("website_published", "=", True), ("date_end", ">", now)])
        self.assertEqual(published, in_person | webinar, "Odoo's own demo events are unpublished")
        listing = self._page("/event")
        for event in in_person | webinar:
            self.assertIn(str(escape(event.name)), listing)

    # Records of the tests' own --------------------------------------------------------------------------------

    def test_the_banner_and_the_events_read_in_the_shop_languages(self):
        in_person = self.env.ref("stride_demo.event_in_person_demo")
        webinar = self.env.ref("stride_demo.event_webinar_demo")
        for lang in ("fr_FR", "de_DE", "es_ES", "vi_VN", "zh_CN"):
            for event in in_person | webinar:
                with self.subTest(lang=lang, event=event.name):
                    self.assertNotEqual(event.with_context(lang=lang).name, event.name)
                    self.assertNotEqual(event.with_context(lang=lang).description, event.description)
        shop = lxml.html.fromstring(self._page("/fr/shop"))
        banner = " ".join(shop.xpath("//section[@id='stride_promotion_banner']")[0].text_content().split())
        self.assertIn("Soldes d'hiver : -20 % sur les bottes", banner)
        self.assertIn("Le code WELCOME10 vous offre -10 %", banner)
        self.assertNotIn("off boots", banner)
        listing = self._page("/fr/event")
        self.assertIn(str(escape("Webinaire : trouvez votre vraie pointure")), listing)
        self.assertIn(str(escape("Stride Run Club : 10 km au bord de la rivière")), listing)

    def test_a_discount_code_at_checkout_discounts_the_cart(self):
        program = self.env["loyalty.program"].create({
            "name": "Test 15% code",
            "program_type": "promo_code",
            "trigger": "with_code",
            "applies_on": "current",
            "rule_ids": [Command.create({"mode": "with_code", "code": "TESTCODE15"})],
            "reward_ids": [Command.create({
                "reward_type": "discount", "discount_mode": "percent", "discount": 15,
                "discount_applicability": "order",
            })],
        })
        self.authenticate(None, None)
        self.make_jsonrpc_request("/shop/cart/add", {
            "product_template_id": self.boot.id, "product_id": self.boot.product_variant_id.id, "quantity": 1,
        })
        response = self.url_open(f"/shop/pricelist?promo={quote('TESTCODE15')}", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303), response.text[:500])
        order = self.env["sale.order"].search(
            [("order_line.product_id", "=", self.boot.product_variant_id.id)], order="id desc", limit=1)
        self.assertEqual(order.order_line.filtered("is_reward_line").reward_id.program_id, program)
        self.assertAlmostEqual(self._reward_share(order), 0.15, places=2)
        self._page("/shop/cart")

    def test_a_dated_sale_is_struck_through_only_while_it_runs(self):
        today = fields.Date.context_today(self.env.user)
        rules = self.env["stride.demo.builder"]._demo_sale_rules(
            self.category, today - timedelta(days=2), today + timedelta(days=5))
        self.assertTrue(_struck_through(self._page(self.boot.website_url)))
        rules.write({
            "date_start": fields.Datetime.to_datetime(today - timedelta(days=30)),
            "date_end": fields.Datetime.to_datetime(today - timedelta(days=2)),
        })
        self.assertFalse(_struck_through(self._page(self.boot.website_url)), "the sale has ended")

    def test_a_hostile_code_at_checkout_never_fails(self):
        self.authenticate(None, None)
        self.make_jsonrpc_request("/shop/cart/add", {
            "product_template_id": self.boot.id, "product_id": self.boot.product_variant_id.id, "quantity": 1,
        })
        for code in ("<script>alert(1)</script>", "²٣", "x" * 3000, "WELCOME10' OR 1=1 --"):
            with self.subTest(code=code[:20]):
                response = self.url_open(f"/shop/pricelist?promo={quote(code)}", allow_redirects=False)
                self.assertIn(response.status_code, (302, 303))
                self.assertNotIn("<script>alert(1)</script>", self._page("/shop/cart"))
