import socket
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.payment_momo.models.payment_provider import PaymentProvider
from odoo.addons.payment_momo.tests.common import MomoCommon

CREATE = "/v2/gateway/api/create"


@tagged("post_install", "-at_install")
class TestMomoPaymentFlow(MomoCommon):
    def test_redirect_form_sends_the_customer_to_momo_payment_page(self):
        tx = self._create_transaction("redirect")
        form = self._extract_values_from_html_form(tx._get_processing_values()["redirect_form_html"])
        self.assertEqual(form["action"], f"{self.fake_momo.url}/v2/gateway/pay?t=TU9NT3wke&s=0c2f2b")
        self.assertEqual(form["method"], "get")
        # A GET form drops the action's query string: the token travels as inputs.
        self.assertEqual(form["inputs"], {"t": "TU9NT3wke", "s": "0c2f2b"})
        self.assertEqual(tx.state, "draft")

    def test_create_request_is_a_signed_capture_wallet_order_in_whole_dong(self):
        self._create_momo_order()
        [request] = self.fake_momo.requests_to(CREATE)
        # The fake MoMo checked the signature with its own raw string: the order exists.
        self.assertEqual(self.fake_momo.orders["S00042"]["resultCode"], 1000)
        self.assertEqual(request["requestType"], "captureWallet")
        self.assertEqual(request["amount"], 150000)
        self.assertEqual(request["partnerCode"], "MOMOSTRIDE01")
        self.assertTrue(request["ipnUrl"].endswith("/payment/momo/ipn"))
        self.assertTrue(request["redirectUrl"].endswith("/payment/momo/return"))
        self.assertNotIn("accessKey", request)

    def test_rendering_again_repeats_the_same_request_not_a_second_order(self):
        tx = self._create_momo_order()
        tx._get_processing_values()
        first, second = self.fake_momo.requests_to(CREATE)
        self.assertEqual(first["requestId"], second["requestId"])
        self.assertEqual(list(self.fake_momo.orders), ["S00042"])
        self.assertEqual(tx.state, "draft")

    def test_transaction_in_another_currency_is_refused_before_asking_momo(self):
        tx = self._create_transaction("redirect", currency_id=self.currency_euro.id, amount=100.0)
        tx._get_processing_values()
        self.assertEqual(tx.state, "error")
        self.assertFalse(self.fake_momo.received)

    def test_order_refused_by_momo_sets_the_transaction_in_error(self):
        self.momo.momo_secret_key = "not-the-secret-momo-knows"
        tx = self._create_transaction("redirect")
        processing_values = tx._get_processing_values()
        self.assertEqual(tx.state, "error")
        self.assertEqual(processing_values["state"], "error")
        self.assertIn("(code 11)", tx.state_message)

    def test_unreachable_momo_sets_the_transaction_in_error(self):
        with socket.socket() as probe:  # a port nobody listens on once closed
            probe.bind(("127.0.0.1", 0))
            closed_url = f"http://127.0.0.1:{probe.getsockname()[1]}"
        tx = self._create_transaction("redirect")
        with patch.object(PaymentProvider, "_momo_get_api_url", lambda provider: closed_url):
            tx._get_processing_values()
        self.assertEqual(tx.state, "error")
        self.assertIn("connection", tx.state_message)

    def test_result_codes_map_to_transaction_states(self):
        expected = {0: "done", 1000: "pending", 7000: "pending", 9000: "pending", 1006: "cancel", 1001: "error",
                    1005: "error", 4001: "error"}
        for result_code, state in expected.items():
            with self.subTest(result_code=result_code):
                tx = self._create_transaction("redirect", reference=f"S-{result_code}")
                tx._process("momo", self.fake_momo.result(tx.reference, result_code, amount=150000, transId=7))
                self.assertEqual(tx.state, state)

    def test_success_records_momo_transaction_id(self):
        tx = self._create_momo_order()
        self.fake_momo.pay(tx.reference)
        tx._process("momo", self.fake_momo.result(tx.reference))
        self.assertEqual(tx.state, "done")
        self.assertEqual(tx.provider_reference, str(self.fake_momo.orders[tx.reference]["transId"]))

    @mute_logger("odoo.addons.payment.models.payment_transaction")
    def test_replayed_result_leaves_a_done_transaction_as_it_is(self):
        tx = self._create_momo_order()
        result = self.fake_momo.result(tx.reference)
        tx._process("momo", result)
        done_at, trans_id = tx.last_state_change, tx.provider_reference
        tx._process("momo", result)
        tx._process("momo", self.fake_momo.result(tx.reference, 1006, transId=99))  # a late failure notice
        self.assertEqual(tx.state, "done")
        self.assertEqual(tx.last_state_change, done_at)
        self.assertEqual(tx.provider_reference, trans_id)

    @mute_logger("odoo.addons.payment_momo.models.payment_transaction")
    def test_wrong_amount_puts_the_transaction_in_error_never_done(self):
        tx = self._create_momo_order()
        with self.assertLogs("odoo.addons.payment_momo.models.payment_transaction", "WARNING") as logs:
            tx._process("momo", self.fake_momo.result(tx.reference, amount=1500))
        self.assertEqual(tx.state, "error")
        self.assertIn("amount", tx.state_message)
        self.assertIn("S00042", logs.output[0])

    @mute_logger("odoo.addons.payment_momo.models.payment_transaction")
    def test_unreadable_amount_puts_the_transaction_in_error(self):
        tx = self._create_momo_order()
        tx._process("momo", self.fake_momo.result(tx.reference, amount="١٥٠٠٠٠"))
        self.assertEqual(tx.state, "error")

    @mute_logger("odoo.addons.payment_momo.models.payment_transaction")
    def test_transaction_in_another_currency_is_never_done(self):
        tx = self._create_transaction("redirect", currency_id=self.currency_euro.id)
        tx._process("momo", self.fake_momo.result(tx.reference, amount=self.amount))
        self.assertEqual(tx.state, "error")
        self.assertIn("currency", tx.state_message)

    def test_confirming_a_payment_stays_within_its_query_budget(self):
        tx = self._create_momo_order()
        result = self.fake_momo.result(tx.reference)
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(11):  # measured: 11
            tx._process("momo", result)
            self.env.flush_all()
        self.assertEqual(tx.state, "done")
