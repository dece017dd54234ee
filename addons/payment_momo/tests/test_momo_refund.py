from odoo.tests import tagged

from odoo.addons.payment_momo.tests.common import MomoCommon

REFUND = "/v2/gateway/api/refund"


@tagged("post_install", "-at_install")
class TestMomoRefund(MomoCommon):
    def _paid_transaction(self):
        tx = self._create_momo_order()
        self.fake_momo.pay(tx.reference)
        tx._process("momo", self.fake_momo.result(tx.reference))
        self.assertEqual(tx.state, "done")
        return tx

    def test_partial_refund_from_the_backend_is_sent_signed_and_confirmed(self):
        tx = self._paid_transaction()
        tx.action_refund(amount_to_refund=50000)
        refund = tx.child_transaction_ids
        self.assertEqual(refund.operation, "refund")
        self.assertEqual(refund.amount, -50000)
        self.assertEqual(refund.state, "done")
        [request] = self.fake_momo.requests_to(REFUND)
        self.assertEqual(request["transId"], int(tx.provider_reference))
        self.assertEqual(request["amount"], 50000)
        # The refund's own reference is its request id: a retry is the same request, never a second refund.
        self.assertEqual(request["requestId"], refund.reference)
        self.assertEqual(self.fake_momo.orders[tx.reference]["refunded"], 50000)

    def test_refund_momo_refuses_leaves_the_refund_in_error(self):
        tx = self._paid_transaction()
        tx.action_refund(amount_to_refund=50000)
        tx.action_refund(amount_to_refund=150000)  # more than what is left
        first, second = tx.child_transaction_ids.sorted("id")
        self.assertEqual(first.state, "done")
        self.assertEqual(second.state, "error")
        self.assertIn("1080", second.state_message)
        self.assertEqual(tx.state, "done")

    def test_refund_without_momo_transaction_id_is_refused_before_asking_momo(self):
        tx = self._paid_transaction()
        tx.provider_reference = False
        tx.action_refund(amount_to_refund=50000)
        self.assertEqual(tx.child_transaction_ids.state, "error")
        self.assertFalse(self.fake_momo.requests_to(REFUND))
