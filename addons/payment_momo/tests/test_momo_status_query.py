from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.payment_momo.tests.common import MomoCommon
from odoo.addons.payment_momo.tests.fake_momo import FakeMomo

QUERY = "/v2/gateway/api/query"


@tagged("post_install", "-at_install")
class TestMomoStatusQuery(MomoCommon):
    def _age(self, tx, minutes):
        """Pretend the transaction was created ``minutes`` ago (create_date is set by the ORM)."""
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE payment_transaction SET create_date = %s WHERE id = %s",
            (fields.Datetime.now() - timedelta(minutes=minutes), tx.id),
        )
        tx.invalidate_recordset(["create_date"])

    def test_payment_whose_notification_never_came_is_confirmed_by_the_query(self):
        tx = self._create_momo_order()
        self._age(tx, 30)
        self.fake_momo.pay(tx.reference)
        self.env["payment.transaction"]._cron_momo_query_status()
        self.assertEqual(tx.state, "done")
        [query] = self.fake_momo.requests_to(QUERY)
        self.assertEqual(query["orderId"], tx.reference)
        self.assertEqual(tx.provider_reference, str(self.fake_momo.orders[tx.reference]["transId"]))

    def test_customer_still_on_momo_page_leaves_the_payment_pending(self):
        tx = self._create_momo_order()
        self._age(tx, 30)
        self.env["payment.transaction"]._cron_momo_query_status()
        self.assertEqual(tx.state, "pending")

    def test_query_leaves_recent_final_and_old_transactions_alone(self):
        recent = self._create_momo_order(reference="S-RECENT")
        old = self._create_momo_order(reference="S-OLD")
        done = self._create_momo_order(reference="S-DONE")
        self._age(recent, 2)
        self._age(old, 60 * 24 * 4)
        self._age(done, 30)
        done._set_done()
        self.env["payment.transaction"]._cron_momo_query_status()
        self.assertFalse(self.fake_momo.requests_to(QUERY))

    def test_query_ignores_other_providers_transactions(self):
        other = self._create_transaction(
            "redirect", provider_id=self.dummy_provider.id, payment_method_id=self.pm_unknown.id
        )
        self._age(other, 30)
        self.env["payment.transaction"]._cron_momo_query_status()
        self.assertFalse(self.fake_momo.requests_to(QUERY))

    @mute_logger("odoo.addons.payment_momo.models.payment_transaction")
    def test_momo_timing_out_leaves_the_transaction_for_the_next_run(self):
        tx = self._create_momo_order()
        self._age(tx, 30)
        self.fake_momo.hang.set()
        with self.assertLogs("odoo.addons.payment_momo.models.payment_transaction", "WARNING") as logs:
            self.env["payment.transaction"]._cron_momo_query_status()
        self.assertEqual(tx.state, "draft")
        self.assertIn("S00042", logs.output[0])

    @mute_logger("odoo.addons.payment_momo.models.payment_transaction")
    def test_query_answer_with_another_amount_never_confirms(self):
        tx = self._create_momo_order()
        self._age(tx, 30)
        self.fake_momo.pay(tx.reference)
        self.fake_momo.orders[tx.reference]["amount"] = 15000
        self.env["payment.transaction"]._cron_momo_query_status()
        self.assertEqual(tx.state, "error")

    @mute_logger("odoo.addons.payment_momo.models.payment_transaction")
    def test_query_refused_by_momo_leaves_the_payment_as_it_is(self):
        tx = self._create_momo_order()
        self._age(tx, 30)
        self.momo.momo_secret_key = "a-secret-momo-does-not-know"
        with self.assertLogs("odoo.addons.payment_momo.models.payment_transaction", "WARNING") as logs:
            self.env["payment.transaction"]._cron_momo_query_status()
        self.assertEqual(tx.state, "draft")
        self.assertIn("(code 11)", logs.output[0])

    @mute_logger("odoo.addons.payment_momo.models.payment_transaction")
    def test_unreadable_answer_leaves_the_payment_as_it_is(self):
        tx = self._create_momo_order()
        self._age(tx, 30)
        with patch.object(FakeMomo, "_query", lambda fake, body: ["not", "an", "object"]):
            self.env["payment.transaction"]._cron_momo_query_status()
        self.assertEqual(tx.state, "draft")
