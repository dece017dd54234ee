import hashlib
import hmac
import json
import time

from odoo.tests import HttpCase, tagged

from odoo.addons.payment_stripe.controllers.main import StripeController

STRIPE_LOG = "odoo.addons.payment_stripe.controllers.main"
STRIDE_LOG = "odoo.addons.stride.controllers.payment_stripe"
WEBHOOK_SECRET = "whsec_stride_test_placeholder"


def stripe_signature_header(secret: str, payload: str, timestamp: int) -> str:
    """The Stripe-Signature header Stripe sends: HMAC-SHA256 of "<timestamp>.<body>" with the endpoint's signing
    secret (https://docs.stripe.com/webhooks#verify-manually), written from Stripe's documentation rather than taken
    from the Odoo code under test."""
    signed = hmac.new(secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={signed}"


@tagged("post_install", "-at_install")
class TestStripeWebhook(HttpCase):
    """Stripe's webhook confirms a payment only when Stripe signed it, whatever the merchant left unset."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stripe = cls.env.ref("payment.payment_provider_stripe")
        cls.stripe.write({
            "state": "test",
            "stripe_publishable_key": "pk_test_stride_test_placeholder",
            "stripe_secret_key": "sk_test_stride_test_placeholder",
            "stripe_webhook_secret": WEBHOOK_SECRET,
        })
        cls.partner = cls.env["res.partner"].create({"name": "Webhook Probe", "email": "webhook.probe@example.com"})

    def _transaction(self, reference):
        return self.env["payment.transaction"].create({
            "provider_id": self.stripe.id,
            "payment_method_id": self.env.ref("payment.payment_method_card").id,
            "amount": 2_790_000,
            "currency_id": self.env.ref("base.VND").id,
            "partner_id": self.partner.id,
            "reference": reference,
            "operation": "online_direct",
        })

    def _payment_succeeded_event(self, tx):
        """What Stripe posts when the customer's payment went through (in VND, a zero-decimal currency)."""
        return json.dumps({
            "id": f"evt_{tx.reference}",
            "type": "payment_intent.succeeded",
            "data": {"object": {
                "id": f"pi_{tx.reference}",
                "object": "payment_intent",
                "description": tx.reference,
                "amount": 2_790_000,
                "currency": "vnd",
                "status": "succeeded",
                "payment_method": f"pm_{tx.reference}",
            }},
        })

    def _post(self, payload, headers):
        return self.url_open(
            StripeController._webhook_url, data=payload, headers={"Content-Type": "application/json", **headers},
        )

    def _assert_refused(self, tx, response):
        self.assertEqual(response.status_code, 403)
        tx.invalidate_recordset()
        self.assertEqual((tx.state, tx.provider_reference), ("draft", False))

    def test_signed_webhook_confirms_the_payment(self):
        tx = self._transaction("STRIDE-WEBHOOK-SIGNED")
        payload = self._payment_succeeded_event(tx)
        response = self._post(payload, {"Stripe-Signature": stripe_signature_header(WEBHOOK_SECRET, payload,
                                                                                    int(time.time()))})
        self.assertEqual(response.status_code, 200)
        tx.invalidate_recordset()
        # Done, not in error: Stripe's 2790000 was read as 2,790,000 VND (zero-decimal), the transaction's amount.
        self.assertEqual((tx.state, tx.provider_reference), ("done", "pi_STRIDE-WEBHOOK-SIGNED"))

    def test_webhook_signed_with_another_secret_is_refused(self):
        tx = self._transaction("STRIDE-WEBHOOK-FORGED")
        payload = self._payment_succeeded_event(tx)
        forged = stripe_signature_header("whsec_guessed_by_the_attacker", payload, int(time.time()))
        with self.assertLogs(STRIPE_LOG, "WARNING") as logs:
            response = self._post(payload, {"Stripe-Signature": forged})
        self.assertIn("invalid signature", logs.output[-1])
        self._assert_refused(tx, response)

    def test_webhook_whose_body_was_changed_is_refused(self):
        tx = self._transaction("STRIDE-WEBHOOK-TAMPERED")
        payload = self._payment_succeeded_event(tx)
        signature = stripe_signature_header(WEBHOOK_SECRET, payload.replace("succeeded", "processing"),
                                            int(time.time()))
        with self.assertLogs(STRIPE_LOG, "WARNING"):
            response = self._post(payload, {"Stripe-Signature": signature})
        self._assert_refused(tx, response)

    def test_webhook_replayed_after_ten_minutes_is_refused(self):
        tx = self._transaction("STRIDE-WEBHOOK-STALE")
        payload = self._payment_succeeded_event(tx)
        eleven_minutes_ago = int(time.time()) - StripeController.WEBHOOK_AGE_TOLERANCE - 60
        with self.assertLogs(STRIPE_LOG, "WARNING") as logs:
            response = self._post(payload, {"Stripe-Signature": stripe_signature_header(WEBHOOK_SECRET, payload,
                                                                                        eleven_minutes_ago)})
        self.assertIn("outdated timestamp", logs.output[-1])
        self._assert_refused(tx, response)

    def test_webhook_is_refused_when_the_provider_has_no_signing_secret(self):
        # Odoo alone skips the check without a secret and confirmed this unsigned, made-up payment.
        self.stripe.stripe_webhook_secret = False
        tx = self._transaction("STRIDE-WEBHOOK-NO-SECRET")
        payload = self._payment_succeeded_event(tx)
        with self.assertLogs(STRIDE_LOG, "WARNING") as logs:
            response = self._post(payload, {"Stripe-Signature": "t=1,v1=whatever"})
        self.assertIn("no webhook signing secret", logs.output[-1])
        self._assert_refused(tx, response)

    def test_webhook_without_or_with_a_garbled_signature_header_is_refused_not_an_error(self):
        tx = self._transaction("STRIDE-WEBHOOK-GARBLED")
        payload = self._payment_succeeded_event(tx)
        # A header is sent as bytes: the unicode digits travel in UTF-8, as a hostile client would send them.
        for signature in (None, "garbage", "t=²٣,v1=00", "t=1,v1=a=b", "<script>alert(1)</script>"):
            headers = {} if signature is None else {"Stripe-Signature": signature.encode()}
            with self.subTest(signature=signature), self.assertLogs(STRIDE_LOG, "WARNING"):
                self._assert_refused(tx, self._post(payload, headers))

    def test_webhook_body_that_is_no_stripe_event_is_a_bad_request(self):
        # Odoo parsed the body before anything else and answered 500 to all of these.
        for body in (" ", "not json", "<script>alert(1)</script>", "[]", '"text"', '{"type": 1}',
                     '{"type": "payment_intent.succeeded"}', '{"type": "payment_intent.succeeded", "data": []}',
                     '{"type": "payment_intent.succeeded", "data": {"object": {"description": "S00001"}}}'):
            with self.subTest(body=body):
                self.assertEqual(self._post(body, {"Stripe-Signature": "t=1,v1=00"}).status_code, 400)
