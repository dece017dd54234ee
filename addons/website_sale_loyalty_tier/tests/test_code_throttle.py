from datetime import timedelta
from urllib.parse import parse_qs, quote, urlsplit

import lxml.html

from odoo import fields
from odoo.fields import Command
from odoo.tests import HttpCase, tagged

from ..lib.throttle import session_key
from ..models.loyalty_code_throttle import PARAM_IP_LIMIT, PARAM_SESSION_LIMIT, PARAM_WINDOW_MINUTES
from .common import classed, text

GENERIC = "This code cannot be used here. Check it, or try again in a few minutes if you tried several codes."


@tagged("post_install", "-at_install")
class TestCodeThrottle(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.template"].create({
            "name": "Throttle Test Sneaker", "list_price": 80.0, "is_published": True, "sale_ok": True,
            "taxes_id": [Command.clear()],
        })
        coupons = cls.env["loyalty.program"].create({
            "name": "Throttle Test Coupons",
            "program_type": "coupons",
            "trigger": "with_code",
            "applies_on": "current",
            "rule_ids": [Command.create({})],
            "reward_ids": [Command.create({
                "reward_type": "discount", "discount": 10, "discount_mode": "percent",
                "discount_applicability": "order", "required_points": 1,
            })],
        })
        cls.valid = cls.env["loyalty.card"].create({"program_id": coupons.id, "points": 1})
        cls.expired = cls.env["loyalty.card"].create({
            "program_id": coupons.id, "points": 1,
            # Expired yesterday on the day Odoo checks a website order's codes (its salesperson's timezone).
            "expiration_date": cls.env["website"].get_current_website()._loyalty_tier_today() - timedelta(days=1),
        })
        cls.used = cls.env["loyalty.card"].create({"program_id": coupons.id, "points": 0})
        params = cls.env["ir.config_parameter"].sudo()
        params.set_param(PARAM_SESSION_LIMIT, 3)
        params.set_param(PARAM_IP_LIMIT, 5)
        params.set_param(PARAM_WINDOW_MINUTES, 15)

    def _new_visitor_with_cart(self):
        self.authenticate(None, None)
        self.make_jsonrpc_request("/shop/cart/add", {
            "product_template_id": self.product.id, "product_id": self.product.product_variant_id.id, "quantity": 1,
        })

    def _try(self, code):
        """The message the cart shows after trying ``code`` in its code field (None: no error)."""
        response = self.url_open(f"/shop/pricelist?promo={quote(code)}", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303), response.text[:500])
        cart = self.url_open("/shop/cart")
        self.assertEqual(cart.status_code, 200)
        box = classed(lxml.html.fromstring(cart.content), "oe_website_sale_gift_card")
        errors = classed(box[0], "alert-danger") if box else []
        return text(errors[0]) if errors else None

    def _order(self):
        return self.env["sale.order"].search([("order_line.product_id", "=", self.product.product_variant_id.id)],
                                             order="id desc", limit=1)

    def test_a_valid_code_applies(self):
        self._new_visitor_with_cart()
        self.assertIsNone(self._try(self.valid.code))
        self.assertTrue(self._order().order_line.filtered("is_reward_line"))

    def test_every_refusal_reads_the_same(self):
        # Unknown, expired, used up, a loyalty card's code (cannot be applied) or nonsense: nothing tells them apart.
        self.env["ir.config_parameter"].sudo().set_param(PARAM_SESSION_LIMIT, 0)
        self.env["ir.config_parameter"].sudo().set_param(PARAM_IP_LIMIT, 0)
        self._new_visitor_with_cart()
        for code in ("NO-SUCH-CODE", self.expired.code, self.used.code, "²٣", "<script>alert(1)</script>"):
            with self.subTest(code=code):
                self.assertEqual(self._try(code), GENERIC)
        self.assertFalse(self._order().order_line.filtered("is_reward_line"))

    def test_a_session_is_blocked_after_its_limit_even_for_a_valid_code(self):
        self._new_visitor_with_cart()
        for code in ("WRONG-1", "WRONG-2", "WRONG-3"):
            self.assertEqual(self._try(code), GENERIC)
        self.assertEqual(self._try(self.valid.code), GENERIC)
        self.assertFalse(self._order().order_line.filtered("is_reward_line"), "blocked: the valid code is not tried")
        counter = self.env["loyalty.code.throttle"].search(
            [("kind", "=", "session"), ("key", "=", session_key(self.session.sid))])
        self.assertEqual(counter.failures, 3, "a blocked try is not counted again")
        self.assertFalse(self.env["loyalty.code.throttle"].search([("key", "=", self.session.sid)]),
                         "the session id itself is never stored")

    def test_a_new_session_from_the_same_address_meets_the_ip_limit(self):
        self._new_visitor_with_cart()
        for code in ("WRONG-1", "WRONG-2", "WRONG-3"):
            self._try(code)
        self._new_visitor_with_cart()
        self.assertEqual(self._try("WRONG-4"), GENERIC)
        self.assertEqual(self._try("WRONG-5"), GENERIC)
        self.assertEqual(self._try(self.valid.code), GENERIC, "five wrong codes from this address")
        self.assertFalse(self._order().order_line.filtered("is_reward_line"))

    def test_the_block_lifts_when_the_window_closes(self):
        self._new_visitor_with_cart()
        for code in ("WRONG-1", "WRONG-2", "WRONG-3"):
            self._try(code)
        self.env["loyalty.code.throttle"].search([]).window_start = fields.Datetime.now() - timedelta(minutes=16)
        self.assertIsNone(self._try(self.valid.code))

    def test_hostile_codes_answer_with_the_message_never_an_error(self):
        self.env["ir.config_parameter"].sudo().set_param(PARAM_SESSION_LIMIT, 0)
        self.env["ir.config_parameter"].sudo().set_param(PARAM_IP_LIMIT, 0)
        self._new_visitor_with_cart()
        for code in ("x" * 2000, "٣" * 300, "A\x00B", "' OR 1=1 --", "%00", "\u202e" + self.valid.code):
            with self.subTest(code=code[:20]):
                self.assertEqual(self._try(code), GENERIC)
        # A huge body through the form itself (a URL that long is refused by the HTTP server before Odoo).
        cart = lxml.html.fromstring(self.url_open("/shop/cart").content)
        token = cart.xpath("//form[@name='coupon_code']//input[@name='csrf_token']/@value")[0]
        response = self.url_open("/shop/pricelist", data={"promo": "٣" * 1_000_000, "csrf_token": token},
                                 allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertEqual(self._try("STILL-WRONG"), GENERIC)
        response = self.url_open("/shop/pricelist?promo=&promo=X&r=https://evil.example/",
                                 allow_redirects=False)
        self.assertLess(response.status_code, 500)
        self.assertNotIn("evil.example", response.headers.get("Location", ""))

    def test_the_code_field_and_coupon_links_go_back_only_to_a_short_local_path(self):
        # Odoo keeps the path of any ``r``: a link could send the customer to a page of the attacker's choosing, of
        # any length. Only a short path of the shop is followed; anything else goes to the cart (or the shop).
        self._new_visitor_with_cart()
        for target in ("https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)",
                       "/" + "x" * 5000, "/shop\tSet-Cookie: a=1"):
            with self.subTest(r=target[:30]):
                code_field = self.url_open(f"/shop/pricelist?promo=WRONG-CODE&r={quote(target, safe='')}",
                                           allow_redirects=False)
                self.assertEqual(urlsplit(code_field.headers["Location"]).path, "/shop/cart")
                link = self.url_open(f"/coupon/NO-SUCH-CODE?r={quote(target, safe='')}", allow_redirects=False)
                self.assertEqual(urlsplit(link.headers["Location"]).path, "/shop")
        kept = self.url_open("/shop/pricelist?promo=WRONG-CODE&r=/shop/cart%3Fstep%3D1", allow_redirects=False)
        self.assertEqual(urlsplit(kept.headers["Location"]).query, "step=1")

    def test_without_a_cart_nothing_is_tried(self):
        self.authenticate(None, None)
        response = self.url_open(f"/shop/pricelist?promo={self.valid.code}", allow_redirects=False)
        self.assertEqual(urlsplit(response.headers["Location"]).path, "/shop")

    def test_coupon_links_are_limited_and_refused_with_the_same_message(self):
        self._new_visitor_with_cart()
        response = self.url_open("/coupon/NO-SUCH-CODE?r=/shop/cart", allow_redirects=False)
        query = parse_qs(urlsplit(response.headers["Location"]).query)
        self.assertEqual(query["coupon_error"], [GENERIC])
        self._try("WRONG-2")
        self._try("WRONG-3")
        response = self.url_open(f"/coupon/{self.valid.code}?r=/shop/cart", allow_redirects=False)
        self.assertLess(response.status_code, 400)
        self.assertFalse(self._order().order_line.filtered("is_reward_line"), "blocked: the link's code is not kept")
        response = self.url_open("/coupon/" + "٣" * 300, allow_redirects=False)
        self.assertLess(response.status_code, 500)

    def test_hostile_coupon_links_answer_with_the_message_never_an_error(self):
        self.env["ir.config_parameter"].sudo().set_param(PARAM_SESSION_LIMIT, 0)
        self.env["ir.config_parameter"].sudo().set_param(PARAM_IP_LIMIT, 0)
        self._new_visitor_with_cart()
        codes = ("²٣", "<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "x" * 2000, "%00", "' OR 1=1 --")
        for code in codes:
            with self.subTest(code=code[:20]):
                response = self.url_open(f"/coupon/{quote(code, safe='')}?r=/shop/cart", allow_redirects=False)
                # A "/" in the code is no <code> of the route (404); Werkzeug rewrites an encoded "%" first (301).
                self.assertIn(response.status_code, (301, 302, 303, 404), response.text[:300])
                if response.status_code in (301, 404):
                    continue
                query = parse_qs(urlsplit(response.headers["Location"]).query)
                # A code that cannot be one is refused before Odoo's route: the message waits in the cart's code field.
                self.assertIn(query.get("coupon_error"), (None, [GENERIC]))
                cart = self.url_open(response.headers["Location"])
                self.assertEqual(cart.status_code, 200)
                self.assertNotIn(b"onerror=alert(1)>", cart.content)
        self.assertFalse(self._order().order_line.filtered("is_reward_line"))
