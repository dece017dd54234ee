from datetime import date

from odoo.tests import tagged

from .common_segments import TODAY, SegmentsCase


@tagged("post_install", "-at_install")
class TestSegmentRefresh(SegmentsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Hand-computed below. Recency ranks D < C < E < B < A; frequency and monetary B < D < E < C < A. The shop's
        # rhythm is the median of the repeat customers' (A 20, C 30, D 60, E 20): 25 days.
        cls.ana = cls._customer("Ana", date(2026, 6, 10), 10, 5000.0, 20.0)
        cls.ben = cls._customer("Ben", date(2026, 6, 1), 1, 100.0)
        cls.cleo = cls._customer("Cleo", date(2026, 3, 1), 4, 2000.0, 30.0)
        cls.dan = cls._customer("Dan", date(2025, 12, 1), 2, 300.0, 60.0)
        cls.eva = cls._customer("Eva", date(2026, 4, 20), 3, 800.0, 20.0)
        cls.customers = cls.ana | cls.ben | cls.cleo | cls.dan | cls.eva

    def _scores(self, partner):
        return (partner.insight_recency_score, partner.insight_frequency_score, partner.insight_monetary_score)

    def test_scores_are_quintiles_of_every_customer(self):
        self.env["res.partner"]._insight_refresh_segments(today=TODAY)
        self.assertEqual(self._scores(self.ana), (5, 5, 5))
        self.assertEqual(self._scores(self.ben), (4, 1, 1))
        self.assertEqual(self._scores(self.cleo), (2, 4, 4))
        self.assertEqual(self._scores(self.dan), (1, 2, 2))
        self.assertEqual(self._scores(self.eva), (3, 3, 3))

    def test_segments_are_named_from_the_scores(self):
        self.env["res.partner"]._insight_refresh_segments(today=TODAY)
        self.assertEqual(
            self.customers.mapped("insight_segment"), ["champions", "new", "at_risk", "hibernating", "loyal"]
        )

    def test_next_order_and_churn_risk_follow_each_rhythm(self):
        self.env["res.partner"]._insight_refresh_segments(today=TODAY)
        self.assertEqual(
            self.customers.mapped("insight_expected_order_date"),
            [date(2026, 6, 30), date(2026, 6, 26), date(2026, 3, 31), date(2026, 1, 30), date(2026, 5, 10)],
        )
        self.assertEqual(self.customers.mapped("insight_churn_risk"), ["low", "low", "high", "high", "medium"])
        self.assertEqual(self.cleo.insight_churn_reason, "No order for 106 days; usually orders every 30 days.")
        self.assertEqual(
            self.ben.insight_churn_reason,
            "No order for 14 days; one order so far, and customers usually reorder every 25 days.",
        )

    def test_a_customer_left_without_orders_is_cleared(self):
        self.env["res.partner"]._insight_refresh_segments(today=TODAY)
        self.dan.insight_order_count = 0
        self.env["res.partner"]._insight_refresh_segments(today=TODAY)
        self.assertFalse(self.dan.insight_segment)
        self.assertFalse(self.dan.insight_churn_risk)
        self.assertFalse(self.dan.insight_expected_order_date)
        self.assertEqual(self._scores(self.dan), (0, 0, 0))
        # Four customers left: one below Eva in recency and in frequency and monetary, (1 + 0.5) / 4 -> 2.
        self.assertEqual(self._scores(self.eva), (2, 2, 2))

    def test_a_second_run_writes_only_what_changed(self):
        partners = self.env["res.partner"]
        self.assertEqual(partners._insight_refresh_segments(today=TODAY), 5)
        self.assertEqual(partners._insight_refresh_segments(today=TODAY), 0)
        # A day later only the reasons change (one more day without an order) and Eva crosses nothing.
        self.assertEqual(partners._insight_refresh_segments(today=date(2026, 6, 16)), 5)

    def test_the_refresh_costs_the_same_queries_for_more_customers(self):
        partners = self.env["res.partner"]
        partners._insight_refresh_segments(today=TODAY)
        for index in range(20):
            self._customer(f"Extra {index}", date(2026, 1, 1 + index), 1 + index % 4, 100.0 * index, 10.0 + index)
        self.env.flush_all()
        # One read of the customers, one of the partners left without orders, one UPDATE for the 25 changed.
        with self.assertQueryCount(3):
            partners._insight_refresh_segments(today=date(2026, 6, 20))
