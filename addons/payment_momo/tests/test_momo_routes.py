import json

from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.payment.tests.http_common import PaymentHttpCommon
from odoo.addons.payment_momo.tests.common import MomoCommon

IPN_URL = "/payment/momo/ipn"
RETURN_URL = "/payment/momo/return"
QUIET = (
    "odoo.addons.payment_momo.controllers.main",
    "odoo.addons.payment_momo.models.payment_transaction",
    "odoo.addons.payment.models.payment_transaction",
)


@tagged("post_install", "-at_install")
class TestMomoRoutes(MomoCommon, PaymentHttpCommon):
    def _request(self, url, **kwargs):
        """The HTTP request as MoMo or the customer's browser makes it; the test then reads what the server wrote."""
        self.env.flush_all()
        response = self.url_open(url, **kwargs)
        self.env.invalidate_all()
        return response

    def _post_ipn(self, data=None, body=None):
        body = json.dumps(data).encode() if body is None else body
        return self._request(IPN_URL, data=body, headers={"Content-Type": "application/json"}, method="POST")

    def _return(self, params):
        return self._request(RETURN_URL, params=params, allow_redirects=False)

    def _paid_result(self, tx, **changes):
        self.fake_momo.pay(tx.reference)
        return self.fake_momo.result(tx.reference, **changes)

    @mute_logger(*QUIET)
    def test_signed_ipn_confirms_the_payment_and_answers_204(self):
        tx = self._create_momo_order()
        response = self._post_ipn(self._paid_result(tx))
        self.assertEqual(response.status_code, 204)
        self.assertEqual(tx.state, "done")

    @mute_logger(*QUIET)
    def test_forged_ipn_is_refused_and_changes_nothing(self):
        tx = self._create_momo_order()
        forged = self._paid_result(tx)
        forged["signature"] = forged["signature"][:-4] + "0000"
        self.assertEqual(self._post_ipn(forged).status_code, 403)
        without = {key: value for key, value in self._paid_result(tx).items() if key != "signature"}
        self.assertEqual(self._post_ipn(without).status_code, 403)
        self.assertEqual(tx.state, "draft")

    @mute_logger(*QUIET)
    def test_ipn_with_a_field_changed_after_signing_is_refused(self):
        tx = self._create_momo_order()
        for field, value in (("amount", 1500), ("resultCode", 0), ("transId", 1), ("partnerCode", "OTHER")):
            with self.subTest(field=field):
                tampered = self._paid_result(tx, resultCode=1006)
                tampered[field] = value
                self.assertEqual(self._post_ipn(tampered).status_code, 403)
                self.assertEqual(tx.state, "draft")

    @mute_logger(*QUIET)
    def test_ipn_signed_with_another_merchant_secret_is_refused(self):
        tx = self._create_momo_order()
        self.momo.momo_secret_key = "a-rotated-secret"
        self.assertEqual(self._post_ipn(self._paid_result(tx)).status_code, 403)
        self.assertEqual(tx.state, "draft")

    @mute_logger(*QUIET)
    def test_replayed_ipn_is_idempotent(self):
        tx = self._create_momo_order()
        result = self._paid_result(tx)
        self.assertEqual(self._post_ipn(result).status_code, 204)
        done_at = tx.last_state_change
        for _attempt in range(3):
            self.assertEqual(self._post_ipn(result).status_code, 204)
        self.assertEqual(tx.state, "done")
        self.assertEqual(tx.last_state_change, done_at)
        self.assertFalse(tx.child_transaction_ids)
        self.assertEqual(self.env["payment.transaction"].search_count([("provider_id", "=", self.momo.id)]), 1)

    @mute_logger(*QUIET)
    def test_signed_ipn_with_a_wrong_amount_never_confirms(self):
        tx = self._create_momo_order()
        self._post_ipn(self._paid_result(tx, amount=1500))
        self.assertEqual(tx.state, "error")

    @mute_logger(*QUIET)
    def test_unicode_digits_in_amount_are_refused_with_400(self):
        tx = self._create_momo_order()
        for amount in ("١٥٠٠٠٠", "150000²", "１５００００", "1.5e5"):
            with self.subTest(amount=amount):
                # Signed by MoMo's key, so only the amount's form is at stake.
                response = self._post_ipn(self._paid_result(tx, amount=amount))
                self.assertEqual(response.status_code, 400)
                self.assertEqual(tx.state, "draft")

    @mute_logger(*QUIET)
    def test_another_transaction_reference_cannot_be_confirmed(self):
        tx = self._create_momo_order()
        other = self._create_momo_order(reference="S00043")
        result = self._paid_result(tx)
        result["orderId"] = other.reference
        result["requestId"] = other.reference
        self.assertEqual(self._post_ipn(result).status_code, 403)
        self.assertEqual((tx + other).mapped("state"), ["draft", "draft"])

    @mute_logger(*QUIET)
    def test_unknown_or_other_provider_reference_answers_404(self):
        dummy_tx = self._create_transaction("redirect", reference="S00044", provider_id=self.dummy_provider.id,
                                            payment_method_id=self.pm_unknown.id)
        self.assertEqual(self._post_ipn(self.fake_momo.result("S00044", amount=150000)).status_code, 404)
        self.assertEqual(self._post_ipn(self.fake_momo.result("NOPE", amount=150000)).status_code, 404)
        self.assertEqual(dummy_tx.state, "draft")

    @mute_logger(*QUIET)
    def test_hostile_bodies_get_4xx_never_500(self):
        tx = self._create_momo_order()
        result = self._paid_result(tx)
        bodies = {
            "not json": (b"partnerCode=MOMO&orderId=S00042", 400),
            "invalid utf-8": (b'{"orderId": "\xff\xfe"}', 400),
            "a list": (b"[1, 2, 3]", 400),
            "a string": (b'"S00042"', 400),
            "nested too deep": (b"[" * 5000 + b"]" * 5000, 400),
            "a field missing": (json.dumps({k: v for k, v in result.items() if k != "transId"}).encode(), 400),
            "a float amount": (json.dumps({**result, "amount": 150000.0}).encode(), 400),
            "an object as order id": (json.dumps({**result, "orderId": {"$ne": ""}}).encode(), 400),
            "script in the message": (json.dumps({**result, "message": "<script>alert(1)</script>"}).encode(), 403),
            "huge": (json.dumps({**result, "extraData": "A" * 20000}).encode(), 413),
        }
        for name, (body, status) in bodies.items():
            with self.subTest(name):
                self.assertEqual(self._post_ipn(body=body).status_code, status)
        self.assertEqual(tx.state, "draft")

    @mute_logger(*QUIET)
    def test_chunked_body_is_refused_unread(self):
        tx = self._create_momo_order()
        body = json.dumps(self._paid_result(tx)).encode()
        response = self._request(
            IPN_URL, data=iter([body]), headers={"Content-Type": "application/json"}, method="POST"
        )
        self.assertEqual(response.status_code, 411)
        self.assertEqual(tx.state, "draft")

    @mute_logger(*QUIET)
    def test_signed_return_applies_the_result_and_shows_the_status_page(self):
        tx = self._create_momo_order()
        response = self._return(self._paid_result(tx))
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith("/payment/status"))
        self.assertEqual(tx.state, "done")

    @mute_logger(*QUIET)
    def test_customer_refusal_on_return_cancels(self):
        tx = self._create_momo_order()
        self._return(self.fake_momo.result(tx.reference, 1006))
        self.assertEqual(tx.state, "cancel")

    @mute_logger(*QUIET)
    def test_forged_or_hostile_return_changes_nothing(self):
        tx = self._create_momo_order()
        forged = self._paid_result(tx)
        forged["signature"] = "0" * 64
        for params in (forged, {}, {"orderId": "S00042", "resultCode": "0"},
                       self._paid_result(tx, amount="١٥٠٠٠٠"), {**self._paid_result(tx), "amount": "²"}):
            with self.subTest(params=params):
                response = self._return(params)
                self.assertEqual(response.status_code, 303)
                self.assertEqual(tx.state, "draft")

    @mute_logger(*QUIET)
    def test_nul_character_in_a_field_is_refused_not_a_500(self):
        # PostgreSQL cannot take a NUL in a string: searching the reference with one would fail with a 500.
        tx = self._create_momo_order()
        result = self._paid_result(tx)
        for field in ("orderId", "message"):
            with self.subTest(field=field):
                self.assertEqual(self._post_ipn({**result, field: result[field] + "\x00"}).status_code, 400)
                self.assertEqual(self._return({**result, field: result[field] + "\x00"}).status_code, 303)
        self.assertEqual(tx.state, "draft")

    @mute_logger(*QUIET)
    def test_nested_body_within_the_parser_depth_is_refused_not_a_500(self):
        # Deep enough for the logged pretty-print to overflow the stack, shallow enough for json.loads.
        for depth in (300, 600):
            with self.subTest(depth=depth):
                body = b'{"orderId": ' + b"[" * depth + b"]" * depth + b"}"
                self.assertEqual(self._post_ipn(body=body).status_code, 400)

    @mute_logger(*QUIET)
    def test_huge_or_unicode_return_parameters_change_nothing(self):
        tx = self._create_momo_order()
        result = self._paid_result(tx)
        for params in (
            {**result, "extraData": "A" * 30000},
            {**result, "orderId": "S٠٠٠٤٢"},
            {**result, "orderId": "S00042", "signature": "é" * 64},
            {**result, "resultCode": "٠", "amount": "1" * 5000},
            dict.fromkeys(result, "<script>alert(1)</script>"),
        ):
            with self.subTest(params=str(params)[:80]):
                response = self._return(params)
                self.assertIn(response.status_code, (303, 414))
        self.assertEqual(tx.state, "draft")
