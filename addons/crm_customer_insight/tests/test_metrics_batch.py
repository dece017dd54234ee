from unittest.mock import patch

from odoo.tests import tagged
from odoo.tools import SQL

from odoo.addons.crm_customer_insight.models import res_partner as res_partner_module
from odoo.addons.crm_customer_insight.models.res_partner import RECONVERSION_PARAM

from .metrics_common import DAY_1, DAY_2, InsightMetricsCommon


@tagged("post_install", "-at_install")
class TestInsightMetricsBatch(InsightMetricsCommon):
    def _customers(self, count):
        return self.env["res.partner"].create([{"name": f"Customer {index}"} for index in range(count)])

    def _queries_to_refresh(self, partners):
        """Queries of one refresh that rewrites every partner (their metrics wiped first)."""
        self.env.cr.execute(SQL(
            "UPDATE res_partner SET insight_order_count = 0, insight_lifetime_value = 0 WHERE id = ANY(%s)",
            partners.ids,
        ))
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        partners._insight_refresh_metrics()
        return self.env.cr.sql_log_count - before

    def test_refresh_query_count_is_constant(self):
        one, two = self._customers(2)
        self._confirm(self._order(100.0, partner=one))
        for index in range(20):
            self._confirm(self._order(10.0 + index, currency=self.usd, partner=two), DAY_2 if index % 2 else DAY_1)
        ten = self._customers(10)
        for partner in ten:
            self._refund(self._confirm(self._order(110.0, qty=2, currency=self.usd, partner=partner)), qty=1)
        self._queries_to_refresh(one)  # warm the caches (reporting currency parameter)
        counts = {
            "1 partner, 1 order": self._queries_to_refresh(one),
            "1 partner, 20 orders": self._queries_to_refresh(two),
            "10 partners with refunds": self._queries_to_refresh(ten),
        }
        self.assertEqual(len(set(counts.values())), 1, counts)
        # With a cold cache: the company and the partners the ORM reads for their commercial entity, the reporting
        # currency with its rounding, the orders, the refunds, the update, and the suggestions whose stored
        # partner_value follows the lifetime value (segments); the count never grows.
        self.assertLessEqual(counts["1 partner, 1 order"], 7, counts)
        self.assertEqual(two.insight_order_count, 20)
        self.assertEqual(ten[0].insight_lifetime_value, 112.0)  # 200 EUR - 110 USD at 1.25

    def test_backfill_fills_amounts_and_metrics(self):
        customers = self._customers(5)
        orders = self.env["sale.order"]
        for index, partner in enumerate(customers):
            orders |= self._confirm(self._order(110.0, qty=index + 1, currency=self.usd, partner=partner))
        self.env.cr.execute(SQL("UPDATE sale_order SET insight_amount = 0 WHERE id = ANY(%s)", orders.ids))
        self.env.cr.execute(SQL(
            "UPDATE res_partner SET insight_lifetime_value = 0, insight_order_count = 0 WHERE id = ANY(%s)",
            customers.ids,
        ))
        self.env.invalidate_all()
        everything = self.env(su=True, context={"active_test": False})
        expected = len(
            everything["sale.order"].search([]).partner_id.commercial_partner_id
            | everything["res.partner"].search([("insight_order_count", ">", 0)])
        )
        self.assertEqual(self.env["res.partner"]._insight_backfill(batch_size=2), expected)
        self.assertEqual(orders.mapped("insight_amount"), [100.0, 200.0, 300.0, 400.0, 500.0])
        self.assertEqual(customers.mapped("insight_lifetime_value"), [100.0, 200.0, 300.0, 400.0, 500.0])
        self.assertEqual(customers.mapped("insight_order_count"), [1, 1, 1, 1, 1])

    def test_a_backfill_batch_costs_the_same_few_queries_whatever_it_holds(self):
        """A batch converts and stores its orders in one statement (it was a query and then an update sending every
        amount back), then recomputes its customers' metrics in a constant number of queries."""
        small, large = self._customers(2), self._customers(6)
        for index, partner in enumerate(small | large):
            for day in (DAY_1, DAY_2):
                self._confirm(self._order(110.0 + index, currency=self.usd, partner=partner), day)
        partners = self.env["res.partner"]

        def queries_of_one_batch(customers):
            self.env.cr.execute(SQL(
                "UPDATE sale_order SET insight_amount = 0 WHERE partner_id = ANY(%s)", customers.ids,
            ))
            self.env.cr.execute(SQL(
                "UPDATE res_partner SET insight_lifetime_value = 0, insight_order_count = 0 WHERE id = ANY(%s)",
                customers.ids,
            ))
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            batches = list(partners._insight_recompute_batches(len(customers), customers.ids))
            queries = self.env.cr.sql_log_count - before
            self.assertEqual([batch[1:] for batch in batches], [(2 * len(customers), len(customers))])
            return queries

        queries_of_one_batch(small)  # warm the caches (reporting currency parameter)
        self.assertEqual(queries_of_one_batch(small), queries_of_one_batch(large))
        self.assertEqual(queries_of_one_batch(large), 9, "measured: the budget of a batch, exactly (10 before)")
        self.assertEqual(large.mapped("insight_order_count"), [2] * 6)
        self.assertEqual(large[0].insight_lifetime_value, round(112.0 / 1.10 + 112.0 / 1.25, 2))

    def test_drift_check_repairs_and_counts(self):
        customers = self._customers(3)
        orders = self.env["sale.order"]
        for partner in customers:
            orders |= self._confirm(self._order(100.0, partner=partner))
        partners = self.env["res.partner"]
        partners._insight_backfill()  # every customer of the database in step
        self.assertEqual(partners._insight_check_drift(), 0)
        # Drift: an order's amount and its customer's value wrong, another customer's count wrong.
        self.env.cr.execute(SQL("UPDATE sale_order SET insight_amount = 1 WHERE id = %s", orders[0].id))
        self.env.cr.execute(SQL(
            "UPDATE res_partner SET insight_lifetime_value = 1 WHERE id = %s", customers[0].id,
        ))
        self.env.cr.execute(SQL("UPDATE res_partner SET insight_order_count = 7 WHERE id = %s", customers[1].id))
        self.env.invalidate_all()
        with patch.object(res_partner_module._logger, "info") as log:
            self.assertEqual(partners._insight_check_drift(batch_size=2), 2)
        message, partners_repaired, _customers, orders_repaired = log.call_args.args
        self.assertIn("drift check", message)
        self.assertEqual((partners_repaired, orders_repaired), (2, 1))
        self.assertEqual(orders[0].insight_amount, 100.0)
        self.assertMetrics(customers[0], 100.0, 1, 100.0, DAY_1, DAY_1, 0.0)
        self.assertMetrics(customers[1], 100.0, 1, 100.0, DAY_1, DAY_1, 0.0)

    def test_new_reporting_currency_reconverts_in_the_background(self):
        order = self._confirm(self._order(110.0, qty=2, currency=self.usd))
        cron = self.env.ref("crm_customer_insight.ir_cron_insight_reconvert")
        triggers = self.env["ir.cron.trigger"].sudo()
        settings = self.env["res.config.settings"].sudo()
        before = triggers.search_count([("cron_id", "=", cron.id)])
        settings.create({"insight_reporting_currency_id": self.eur.id}).execute()
        self.assertEqual(triggers.search_count([("cron_id", "=", cron.id)]), before, "same currency: no reconversion")
        settings.create({"insight_reporting_currency_id": self.usd.id}).execute()
        self.assertEqual(triggers.search_count([("cron_id", "=", cron.id)]), before + 1)
        self.assertEqual(order.insight_amount, 200.0, "the settings save converts nothing itself")
        with self._cron_time_left(float("inf")):
            self.assertGreater(self.env["res.partner"]._insight_cron_reconvert(), 0)
        self.assertEqual(order.insight_amount, 220.0)
        self.assertMetrics(self.customer, 220.0, 1, 220.0, DAY_1, DAY_1, 0.0)
        self.assertEqual(self.env["res.partner"]._insight_cron_reconvert(), 0, "nothing pending any more")

    def _cron_time_left(self, seconds):
        """Odoo's ``_commit_progress`` as the cron's batches call it, answering ``seconds`` (the time the cron has
        left); outside a cron it would commit, which a test may not."""
        return patch.object(self.registry["ir.cron"], "_commit_progress", return_value=seconds)

    def test_reconversion_commits_each_batch_and_goes_on_where_it_stopped(self):
        customers = self._customers(3)
        orders = self.env["sale.order"]
        for partner in customers:
            orders |= self._confirm(self._order(110.0, currency=self.usd, partner=partner))
        partners = self.env["res.partner"]
        self.env["res.config.settings"].sudo().create({"insight_reporting_currency_id": self.usd.id}).execute()
        customer_ids = partners._insight_customer_ids()
        self.assertGreaterEqual(len(customer_ids), 3)
        # The cron's time is up after its first batch of two customers.
        with self._cron_time_left(0.0) as progress:
            self.assertEqual(partners._insight_cron_reconvert(batch_size=2), 2)
        progress.assert_called_once_with(2, remaining=len(customer_ids) - 2)
        params = self.env["ir.config_parameter"].sudo()
        self.assertEqual(params.get_param(RECONVERSION_PARAM), str(customer_ids[1]), "the last customer done is kept")
        # Its next run goes on from the third customer and ends the reconversion.
        with self._cron_time_left(float("inf")) as progress:
            self.assertEqual(partners._insight_cron_reconvert(batch_size=2), len(customer_ids) - 2)
        self.assertEqual(progress.call_args.kwargs, {"remaining": 0})
        self.assertFalse(params.get_param(RECONVERSION_PARAM))
        self.assertEqual(orders.mapped("insight_amount"), [110.0, 110.0, 110.0])
        self.assertEqual(customers.mapped("insight_lifetime_value"), [110.0, 110.0, 110.0])
