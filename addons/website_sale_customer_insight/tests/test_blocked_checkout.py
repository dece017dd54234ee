from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import CheckoutCase

BLOCKED_MESSAGE = "We cannot take this order online."
# The block of the payment page holding the payment methods and the Pay button.
PAYMENT_SECTION = 'name="website_sale_non_free_cart"'
# What a refused payment may answer with: a message for the customer, never a server error.
CLIENT_ERRORS = {
    "odoo.exceptions.ValidationError",
    "odoo.exceptions.UserError",
    "odoo.exceptions.AccessError",
    "odoo.exceptions.MissingError",
    "werkzeug.exceptions.BadRequest",
}


@tagged("post_install", "-at_install")
class TestBlockedCheckout(HttpCase, CheckoutCase):
    """A blocked customer is told so at checkout and can neither pay nor get a confirmed order from the shop."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_shop()

    def _block(self, user=None):
        (user or self.buyer).partner_id.customer_status = "blocked"

    def _pay_route(self, order, order_id=None, **overrides):
        params = {
            "access_token": order._portal_ensure_token(),
            "provider_id": self.provider.id,
            "payment_method_id": self.provider.payment_method_ids[:1].id,
            "token_id": None,
            "flow": "direct",
            "tokenization_requested": False,
            "landing_route": "/shop/payment/validate",
            **overrides,
        }
        response = self.url_open(
            f"/shop/payment/transaction/{order_id or order.id}",
            json={"jsonrpc": "2.0", "method": "call", "id": 1, "params": params},
        )
        self.assertLess(response.status_code, 500, response.text[:500])
        return response.json()

    def assertClientError(self, body, message=None):
        self.assertIn("error", body, body)
        self.assertIn(body["error"]["data"]["name"], CLIENT_ERRORS, body["error"]["data"].get("debug", "")[-800:])
        if message:
            self.assertIn(message, body["error"]["data"]["message"])

    def _transactions(self, order):
        return self.env["payment.transaction"].sudo().search([("sale_order_ids", "in", order.ids)])

    def test_the_payment_page_shows_the_message_instead_of_the_payment_methods(self):
        self._cart()
        self.authenticate("insight_buyer", "insight_buyer")
        open_page = self.url_open("/shop/payment")
        self.assertEqual(open_page.status_code, 200)
        self.assertNotIn(BLOCKED_MESSAGE, open_page.text)
        self.assertIn(PAYMENT_SECTION, open_page.text)
        self._block()
        blocked_page = self.url_open("/shop/payment")
        self.assertEqual(blocked_page.status_code, 200)
        self.assertIn(BLOCKED_MESSAGE, blocked_page.text)
        self.assertNotIn(PAYMENT_SECTION, blocked_page.text)

    @mute_logger("odoo.http")
    def test_no_payment_transaction_for_a_blocked_customer(self):
        order = self._cart()
        self._block()
        self.authenticate("insight_buyer", "insight_buyer")
        self.assertClientError(self._pay_route(order), BLOCKED_MESSAGE)
        self.assertFalse(self._transactions(order))
        self.buyer.partner_id.customer_status = "active"
        self.assertIn("result", self._pay_route(order))
        self.assertTrue(self._transactions(order))

    @mute_logger("odoo.http")
    def test_a_blocked_customers_free_cart_is_not_confirmed(self):
        order = self._cart(product=self.free_product)
        self._block()
        self.authenticate("insight_buyer", "insight_buyer")
        response = self.url_open("/shop/payment/validate")
        self.assertLess(response.status_code, 500, response.text[:500])
        self.assertEqual(order.state, "draft")

    @mute_logger("odoo.http")
    def test_hostile_requests_answer_a_message_and_create_nothing(self):
        mine, theirs = self._cart(), self._cart(user=self.neighbour)
        self._block()
        self.authenticate("insight_buyer", "insight_buyer")
        attempts = [
            {"order_id": theirs.id},  # someone else's cart with my token
            {"order_id": theirs.id, "access_token": "²٣<script>alert(1)</script>"},
            {"order_id": 2_147_483_000},
            {"access_token": "x" * 100_000},
            {"amount": "٣"},
            {"partner_id": self.neighbour.partner_id.id},  # not a parameter a shopper may choose
            {"provider_id": "²"},
            {"payment_method_id": "٣", "token_id": "<script>alert(1)</script>"},
            {"landing_route": "https://evil.example/" + "x" * 10_000},
        ]
        for attempt in attempts:
            with self.subTest(attempt={key: str(value)[:40] for key, value in attempt.items()}):
                self.assertClientError(self._pay_route(mine, **attempt))
        for path in ("/shop/payment/transaction/٣", "/shop/payment/transaction/²", "/shop/payment/transaction/-1"):
            with self.subTest(path=path):
                response = self.url_open(
                    path, json={"jsonrpc": "2.0", "method": "call", "id": 1, "params": {"access_token": "x"}}
                )
                self.assertLess(response.status_code, 500, response.text[:500])
        huge = self.url_open(
            f"/shop/payment/transaction/{mine.id}",
            data="{" + "x" * 5_000_000,
            headers={"Content-Type": "application/json"},
        )
        self.assertLess(huge.status_code, 500)
        self.assertFalse(self._transactions(mine | theirs))
        self.assertEqual((mine | theirs).mapped("state"), ["draft", "draft"])

    @mute_logger("odoo.http")
    def test_someone_else_holding_the_link_does_not_pay_a_blocked_customers_cart(self):
        # A payment link travels with its token: whoever opens it pays for the blocked customer's order.
        order = self._cart()
        self._block()
        self.authenticate("insight_neighbour", "insight_neighbour")
        self.assertClientError(self._pay_route(order), BLOCKED_MESSAGE)
        self.authenticate(None, None)
        self.assertClientError(self._pay_route(order), BLOCKED_MESSAGE)
        self.assertFalse(self._transactions(order))
        self.assertEqual(order.state, "draft")
