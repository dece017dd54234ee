from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged

from .metrics_common import DAY_1, InsightMetricsCommon


@tagged("post_install", "-at_install")
class TestInsightReconversionShowsItsCurrency(InsightMetricsCommon):
    """After a change of reporting currency the stored figures stay in the former currency until the reconversion
    cron reaches their customer: they are shown in the currency they are in, and nothing is added to them in the
    other one meanwhile."""

    def setUp(self):
        super().setUp()
        Partner = self.env["res.partner"]
        self.early, self.late = Partner.create([{"name": "Early Customer"}, {"name": "Late Customer"}])
        for partner in self.early | self.late:
            self._confirm(self._order(110.0, qty=2, currency=self.usd, partner=partner))  # 200.00 EUR each
        self.settings = self.env["res.config.settings"].sudo()
        self.settings.create({"insight_reporting_currency_id": self.usd.id}).execute()

    def _cron_run(self, time_left, batch_size=2000):
        """One run of the reconversion cron; ``time_left``: what Odoo's ``_commit_progress`` answers after each
        batch (0: the run's time is up)."""
        with patch.object(self.registry["ir.cron"], "_commit_progress", return_value=time_left):
            self.env["res.partner"]._insight_cron_reconvert(batch_size=batch_size)
        self.env.invalidate_all()

    def _currency_shown(self, partner):
        partner.invalidate_recordset()
        return partner.insight_currency_id

    def test_figures_show_the_currency_they_are_in_while_being_converted(self):
        self.assertEqual(self._currency_shown(self.early), self.eur, "not converted yet: still euros")
        self.assertMetrics(self.early, 200.0, 1, 200.0, DAY_1, DAY_1, 0.0)
        page = self.settings.create({})
        self.assertEqual(page.insight_reconversion_from_currency_id, self.eur)
        left = page.insight_reconversion_left
        self.assertGreaterEqual(left, 2)
        # The cron's time is up right after the early customer (it goes in id order).
        customer_ids = self.env["res.partner"]._insight_customer_ids()
        self._cron_run(0.0, batch_size=customer_ids.index(self.early.id) + 1)
        self.assertEqual(self._currency_shown(self.early), self.usd)
        self.assertMetrics(self.early, 220.0, 1, 220.0, DAY_1, DAY_1, 0.0)
        self.assertEqual(self._currency_shown(self.late), self.eur)
        self.assertMetrics(self.late, 200.0, 1, 200.0, DAY_1, DAY_1, 0.0)
        self.assertLess(self.settings.create({}).insight_reconversion_left, left)
        # Orders confirmed meanwhile: counted at once for the converted customer; left to the cron for the other,
        # whose figures are still in euros (not 200 EUR + 110 USD).
        self._confirm(self._order(110.0, currency=self.usd, partner=self.early))
        self._confirm(self._order(110.0, currency=self.usd, partner=self.late))
        self.assertMetrics(self.early, 330.0, 2, 165.0, DAY_1, DAY_1, 0.0)
        self.assertMetrics(self.late, 200.0, 1, 200.0, DAY_1, DAY_1, 0.0)
        # The cron's next run finishes: everything in dollars, the order of the meantime counted.
        self._cron_run(float("inf"))
        self.assertEqual(self._currency_shown(self.late), self.usd)
        self.assertMetrics(self.late, 330.0, 2, 165.0, DAY_1, DAY_1, 0.0)
        page = self.settings.create({})
        self.assertEqual(page.insight_reconversion_left, 0)
        self.assertFalse(page.insight_reconversion_from_currency_id)

    def test_a_new_change_waits_for_the_running_conversion(self):
        # A third currency now would leave figures in three currencies at once.
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.settings.create({"insight_reporting_currency_id": self.vnd.id}).execute()
        self.env.registry.clear_cache("stable")  # the refused save cached the parameter it wrote (stable cache)
        self.env.invalidate_all()
        self.assertEqual(self.env["res.partner"]._insight_reporting_currency(), self.usd)
        self._cron_run(float("inf"))
        self.settings.create({"insight_reporting_currency_id": self.vnd.id}).execute()
        self.assertEqual(self._currency_shown(self.early), self.usd, "converting into VND, still in dollars")

    def test_the_nightly_drift_check_converts_everybody_and_ends_the_conversion(self):
        self.env["res.partner"]._insight_check_drift()
        self.assertEqual(self._currency_shown(self.late), self.usd)
        self.assertMetrics(self.late, 220.0, 1, 220.0, DAY_1, DAY_1, 0.0)
        self.assertEqual(self.settings.create({}).insight_reconversion_left, 0)
