from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import StockHoldCase

# What a refused payment may answer with: a message for the customer, never a server error.
CLIENT_ERRORS = {
    "odoo.exceptions.ValidationError",
    "odoo.exceptions.UserError",
    "odoo.exceptions.AccessError",
    "odoo.exceptions.MissingError",
    "werkzeug.exceptions.BadRequest",
}


@tagged("post_install", "-at_install")
class TestPaymentRoute(HttpCase, StockHoldCase):
    """The shop's Pay button (/shop/payment/transaction) takes the hold, and nothing else does."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The website that answers the test's requests.
        cls.website = cls.env["website"].get_current_website()
        cls.website.write({"warehouse_id": cls.warehouse.id, "stock_hold_minutes": 10})

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

    def _held_carts(self):
        return self.env["sale.order"].search([("stock_hold_until", "!=", False)])

    @mute_logger("odoo.http")
    def test_pay_button_holds_the_last_unit_and_refuses_the_next_shopper(self):
        self._stock(1)
        first, second = self._cart(), self._cart(customer=1)
        self.assertIn("result", self._pay_route(first))
        self.assertEqual(self._held_carts(), first)
        self.assertClientError(self._pay_route(second), "available")
        self.assertEqual(self._held_carts(), first)

    @mute_logger("odoo.http")
    def test_hostile_payment_requests_answer_a_message_and_hold_nothing(self):
        self._stock(1)
        mine, theirs = self._cart(), self._cart(customer=1)
        attempts = [
            {"order_id": theirs.id},  # someone else's cart with my token
            {"order_id": theirs.id, "access_token": "²٣<script>alert(1)</script>"},
            {"order_id": 2_147_483_000},
            {"access_token": "x" * 100_000},
            {"amount": 0.01},
            {"partner_id": self.customers[2].id},  # not a parameter a shopper may choose
        ]
        for attempt in attempts:
            with self.subTest(attempt={key: str(value)[:40] for key, value in attempt.items()}):
                self.assertClientError(self._pay_route(mine, **attempt))
                self.assertFalse(self._held_carts())
        self.assertIn("result", self._pay_route(mine))
        self.assertEqual(self._held_carts(), mine)
