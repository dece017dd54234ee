import logging

import lxml.html

from odoo.fields import Command
from odoo.tests import HttpCase, tagged

from .common import classed, loyalty_tier_switched_off, make_loyalty_shop, make_variant_product, text

_logger = logging.getLogger(__name__)

# Ceilings of warm pages with loyalty_tier's own earning and tier code (no stand-ins), demo data installed; the
# measures and the same pages without loyalty are logged by the tests below ("Queries of ...") and in the readme.
CART_BUDGET = 98  # 96 measured alone, 98-99 with the whole suite, one fewer since the cart no longer reads the
# website's public user (90 against 85 without loyalty in a database of the demo shop, 2026-11-30)
PORTAL_BUDGET = 26


@tagged("post_install", "-at_install")
class TestLoyaltyLive(HttpCase):
    """The website with ``loyalty_tier``'s real earning preview, points for a price and tier progress: what the pages
    show is what those methods compute, and what it costs in queries."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.records = make_loyalty_shop(cls.env)
        cls.program = cls.records["program"]
        cls.card = cls.records["card"]
        cls.card.write({"tier_spend_12m": 1100.0, "tier_orders_12m": 4})

    def _add_to_cart(self):
        product = self.records["product"]
        self.make_jsonrpc_request("/shop/cart/add", {
            "product_template_id": product.id, "product_id": product.product_variant_id.id, "quantity": 1,
        })
        return self.env["sale.order"].search(
            [("partner_id", "=", self.records["loyal_user"].partner_id.id), ("state", "=", "draft")],
            order="id desc", limit=1,
        )

    def _page(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return lxml.html.fromstring(response.content)

    def _warm_count(self, url):
        self.url_open(url)
        self.env.flush_all()
        before = self.cr.sql_log_count
        self.url_open(url)
        return self.cr.sql_log_count - before

    def test_cart_shows_the_preview_of_loyalty_tier(self):
        self.authenticate("loyal_customer", "loyal_customer")
        order = self._add_to_cart()
        page = self._page("/shop/cart")
        expected = order._loyalty_points_preview()[self.program]["total"]
        self.assertGreater(expected, 0)
        boxes = classed(page, "o_loyalty_tier_cart")
        self.assertEqual(len(boxes), 1)
        self.assertIn(f"This order earns {self.program._loyalty_tier_format_points(expected)}", text(boxes[0]))

    def test_portal_progress_is_loyalty_tiers_progress(self):
        progress = self.card._tier_progress()
        self.assertEqual(progress["next_tier"], self.records["gold"])
        self.authenticate("loyal_customer", "loyal_customer")
        page = self._page("/my/loyalty")
        bar = classed(classed(page, "o_loyalty_tier_progress")[0], "progress")[0]
        self.assertEqual(bar.get("aria-valuenow"), str(int(round(progress["ratio"] * 100))))
        missing = text(classed(page, "o_loyalty_tier_missing")[0])
        self.assertIn("Gold", missing)
        self.assertIn(f"{progress['missing_spend']:,.2f}", missing)

    def test_product_page_shows_points_for_value(self):
        self.authenticate(None, None)
        page = self._page(self.records["product"].website_url)
        price = float(text(classed(page, "oe_price")[0]).replace(",", "").strip("$€ "))
        expected = self.program._points_for_value(price, self.records["website"].currency_id)
        self.assertGreater(expected, 0)
        shown = text(classed(page, "o_loyalty_tier_product_points")[0])
        self.assertIn(f"Earn {self.program._loyalty_tier_format_points(expected)}", shown)

    def test_combination_info_of_another_variant_carries_its_points(self):
        sized = make_variant_product(self.env)
        self.authenticate(None, None)
        infos = {}
        for variant in sized.product_variant_ids:
            infos[variant.product_template_attribute_value_ids.name] = self.make_jsonrpc_request(
                "/website_sale/get_combination_info",
                {
                    "product_template_id": sized.id,
                    "product_id": variant.id,
                    "combination": variant.product_template_attribute_value_ids.ids,
                    "add_qty": 1,
                },
            )
        self.assertGreater(infos["Large"]["price"], infos["Small"]["price"])  # 50 more, before the pricelist
        currency = self.records["website"].currency_id
        for info in infos.values():
            expected = self.program._points_for_value(info["price"], currency)
            self.assertGreater(expected, 0)
            self.assertEqual(info["loyalty_tier_points"], [{"program_id": self.program.id, "points": expected}])
            html = lxml.html.fragment_fromstring(info["loyalty_tier_points_html"], create_parent="div")
            shown = text(classed(html, "o_loyalty_tier_product_points")[0])
            self.assertEqual(shown, f"Earn {self.program._loyalty_tier_format_points(expected)}")
        self.assertNotEqual(infos["Large"]["loyalty_tier_points"], infos["Small"]["loyalty_tier_points"])

    def test_malformed_combination_requests_are_bad_requests(self):
        # Odoo casts the arguments with int() and float() and browses what it gets: these answered a server error.
        product = self.records["product"]
        good = {"product_template_id": product.id, "product_id": product.product_variant_id.id, "combination": [],
                "add_qty": 1}
        self.authenticate(None, None)
        for name, value in (
            ("product_template_id", "<script>alert(1)</script>"), ("product_template_id", "²"),
            ("product_template_id", None), ("product_template_id", [1]), ("product_template_id", 99999999999),
            ("product_template_id", 2_000_000_000), ("product_id", "١٢٣x"), ("product_id", {"id": 1}),
            ("combination", True), ("combination", -0.5), ("combination", ["x"]), ("add_qty", "\x00"),
            ("add_qty", [2]), ("add_qty", "nan"), ("uom_id", "two"),
        ):
            with self.subTest(**{name: value}):
                response = self.url_open("/website_sale/get_combination_info", json={
                    "jsonrpc": "2.0", "method": "call", "id": 1, "params": {**good, name: value},
                })
                self.assertEqual(response.json()["error"]["data"]["name"], "werkzeug.exceptions.BadRequest")
        missing = self.url_open("/website_sale/get_combination_info", json={
            "jsonrpc": "2.0", "method": "call", "id": 1, "params": {"product_template_id": product.id},
        })
        self.assertEqual(missing.json()["error"]["data"]["name"], "werkzeug.exceptions.BadRequest")
        self.assertIn("loyalty_tier_points", self.make_jsonrpc_request("/website_sale/get_combination_info", good))

    def test_cart_query_budget_with_and_without_loyalty(self):
        self.authenticate("loyal_customer", "loyal_customer")
        self._add_to_cart()
        with_loyalty = self._warm_count("/shop/cart")
        with self.assertQueryCount(CART_BUDGET):
            self.url_open("/shop/cart")
        self.env["loyalty.program"].search([("program_type", "=", "loyalty")]).action_archive()
        without_loyalty = self._warm_count("/shop/cart")
        _logger.info("Queries of /shop/cart: %d with a loyalty program, %d without", with_loyalty, without_loyalty)
        self.assertLessEqual(with_loyalty - without_loyalty, 12, (with_loyalty, without_loyalty))

    def test_portal_query_budget_with_and_without_a_card(self):
        self.authenticate("loyal_customer", "loyal_customer")
        with_card = self._warm_count("/my/loyalty")
        with self.assertQueryCount(PORTAL_BUDGET):
            self.url_open("/my/loyalty")
        self.card.active = False
        without_card = self._warm_count("/my/loyalty")
        _logger.info("Queries of /my/loyalty: %d with a card, %d without", with_card, without_card)
        self.assertLessEqual(with_card - without_card, 14, (with_card, without_card))

    def test_product_page_query_cost_with_and_without_loyalty(self):
        self.authenticate(None, None)
        url = self.records["product"].website_url
        with_loyalty = self._warm_count(url)
        self.env["loyalty.program"].search([("program_type", "=", "loyalty")]).action_archive()
        without_loyalty = self._warm_count(url)
        _logger.info("Queries of the product page: %d with a loyalty program, %d without", with_loyalty,
                     without_loyalty)
        self.assertLessEqual(with_loyalty - without_loyalty, 3, (with_loyalty, without_loyalty))

    def test_cart_costs_a_few_queries_over_the_same_cart_without_loyalty_tier(self):
        # A club like the demo shop's, with frequency and streak bonuses: the preview reads the card's past orders.
        self.program.write({"frequency_bonus_nth": 3, "frequency_bonus_points": 20, "streak_bonus_points": 5})
        self.authenticate("loyal_customer", "loyal_customer")
        self._add_to_cart()
        self.assertEqual(len(classed(self._page("/shop/cart"), "o_loyalty_tier_cart")), 1)
        with_loyalty_tier = self._warm_count("/shop/cart")
        with loyalty_tier_switched_off():
            self.assertFalse(classed(self._page("/shop/cart"), "o_loyalty_tier_cart"))
            without_loyalty_tier = self._warm_count("/shop/cart")
        _logger.info("Queries of /shop/cart: %d with loyalty_tier's preview, card, tier and perk checks, %d without",
                     with_loyalty_tier, without_loyalty_tier)
        # +3 (84 / 81) with the loyalty addons alone and with the whole suite (it was +5 there, 86 / 81: the demo
        # shop's archived club read again by every cart's preview; +9 / +11 before).
        self.assertLessEqual(with_loyalty_tier - without_loyalty_tier, 3, (with_loyalty_tier, without_loyalty_tier))

    def test_cart_does_not_read_an_archived_loyalty_program(self):
        # A shop that archived last year's club: the preview picks its programs among the cached ones in memory, and
        # the cart has not read an archived one (it was read again on every cart, 2 queries).
        self.env["loyalty.program"].create({
            "name": "Last Year's Club",
            "program_type": "loyalty",
            "active": False,
            "rule_ids": [Command.create({"reward_point_mode": "money", "reward_point_amount": 1})],
        })
        self.authenticate("loyal_customer", "loyal_customer")
        self._add_to_cart()
        self.assertEqual(len(classed(self._page("/shop/cart"), "o_loyalty_tier_cart")), 1)
        with_loyalty_tier = self._warm_count("/shop/cart")
        with loyalty_tier_switched_off():
            self._page("/shop/cart")
            without_loyalty_tier = self._warm_count("/shop/cart")
        self.assertLessEqual(with_loyalty_tier - without_loyalty_tier, 3, (with_loyalty_tier, without_loyalty_tier))

    def test_product_page_points_cost_one_query_at_most(self):
        self.authenticate(None, None)
        url = self.records["product"].website_url
        self.assertTrue(classed(self._page(url), "o_loyalty_tier_product_points"))
        with_points = self._warm_count(url)
        with loyalty_tier_switched_off():
            self.assertFalse(classed(self._page(url), "o_loyalty_tier_product_points"))
            without_points = self._warm_count(url)
        _logger.info("Queries of the product page: %d with its loyalty points, %d without", with_points,
                     without_points)
        self.assertLessEqual(with_points - without_points, 1, (with_points, without_points))
