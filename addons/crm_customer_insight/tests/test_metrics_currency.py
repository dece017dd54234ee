from datetime import date

from odoo.tests import tagged

from .metrics_common import DAY_1, DAY_2, InsightMetricsCommon


@tagged("post_install", "-at_install")
class TestInsightAmount(InsightMetricsCommon):
    def _odoo_convert(self, order):
        """Odoo's own conversion of the order's total, with the order's company and date."""
        return order.currency_id._convert(
            order.amount_total, self.env["res.partner"]._insight_reporting_currency(), order.company_id,
            order.date_order.date(),
        )

    def test_confirmed_orders_are_converted_at_their_date(self):
        eur_order = self._confirm(self._order(100.0))
        usd_order = self._confirm(self._order(110.0, qty=2, currency=self.usd))  # 220 USD / 1.10
        vnd_order = self._confirm(self._order(3_000_000.0, currency=self.vnd), DAY_2)  # / 30,000
        late_usd_order = self._confirm(self._order(125.0, currency=self.usd), DAY_2)  # / 1.25
        self.assertRecordValues(
            eur_order | usd_order | vnd_order | late_usd_order,
            [{"insight_amount": 100.0}, {"insight_amount": 200.0}, {"insight_amount": 100.0},
             {"insight_amount": 100.0}],
        )

    def test_quotations_are_not_converted(self):
        quotation = self._order(110.0, currency=self.usd)
        self.assertEqual(quotation.insight_amount, 0.0)

    def test_batch_conversion_picks_the_rate_odoo_picks(self):
        """Company rates before shared ones, the latest on or before the day, else the oldest: the batch query and
        res.currency._convert give the same figure for every order, in every reporting currency."""
        rates = self.env["res.currency.rate"].sudo()
        # Shared rates: newer than the company's on 2026-02-01 (the company's still wins), and the only ones
        # before the company's first rate (2025-06-01: the shared one wins there).
        rates.create({"currency_id": self.usd.id, "name": "2026-02-01", "rate": 2.0, "company_id": False})
        rates.create({"currency_id": self.usd.id, "name": "2025-06-01", "rate": 1.5, "company_id": False})
        rates.create({"currency_id": self.vnd.id, "name": "2025-06-01", "rate": 26000.0, "company_id": False})
        days = [date(2025, 1, 1), date(2025, 12, 1), DAY_1, date(2026, 2, 10), DAY_2]
        orders = self.env["sale.order"]
        for day in days:
            for currency, price in ((self.eur, 99.99), (self.usd, 123.45), (self.vnd, 2_345_678.0)):
                orders |= self._confirm(self._order(price, currency=currency), day)
        for reporting in (self.eur, self.usd, self.vnd):
            self.set_reporting_currency(reporting)
            self.env["res.partner"]._insight_backfill(batch_size=4)
            orders.invalidate_recordset(["insight_amount"])
            for order in orders:
                self.assertEqual(order.insight_amount, self._odoo_convert(order), f"{order.currency_id.name} "
                                 f"{order.date_order.date()} in {reporting.name}")
        # Hand-checked: 123.45 USD on 2026-02-10, company rate 1.10 (not the newer shared 2.0), in VND at the
        # company's 27,500: 123.45 / 1.10 * 27,500 = 3,086,250; on 2025-12-01 the shared 1.5 and 26,000.
        self.assertEqual(orders.filtered(
            lambda o: o.currency_id == self.usd and o.date_order.date() == date(2026, 2, 10)).insight_amount,
            3_086_250.0)
        self.assertEqual(orders.filtered(
            lambda o: o.currency_id == self.usd and o.date_order.date() == date(2025, 12, 1)).insight_amount,
            2_139_800.0)

    def test_reporting_currency_falls_back_to_the_main_company_currency(self):
        partners = self.env["res.partner"]
        main_currency = self.env.ref("base.main_company").currency_id
        self.assertEqual(partners._insight_reporting_currency(), self.eur)
        # An archived currency still counts, as the setting holds it (one no company uses: those cannot be archived,
        # and a database with the demo shop has a company in USD).
        archived = self.env["res.currency"].create({"name": "XTS", "symbol": "¤", "active": False})
        self.set_reporting_currency(archived)
        self.assertEqual(partners._insight_reporting_currency(), archived)
        params = self.env["ir.config_parameter"].sudo()
        self.env.cr.execute("SELECT MAX(id) + 1000 FROM res_currency")
        for value in (str(self.env.cr.fetchone()[0]), "USD", ""):
            params.set_param("crm_customer_insight.reporting_currency_id", value)
            self.assertEqual(partners._insight_reporting_currency(), main_currency, value)
