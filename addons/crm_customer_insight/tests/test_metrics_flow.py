from odoo.tests import Form, new_test_user, tagged

from .metrics_common import DAY_1, DAY_2, InsightMetricsCommon


@tagged("post_install", "-at_install")
class TestInsightMetricsFlow(InsightMetricsCommon):
    """Lan orders 100 EUR and 2 x 110 USD on DAY_1, then 3,000,000 VND on DAY_2 (49 days later): in EUR 100 + 200
    + 100 = 400 over 3 orders. Her credit note of 1 x 110 USD on DAY_3 (1.25) is 88 EUR."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.eur_order = cls._order(100.0)
        cls.usd_order = cls._order(110.0, qty=2, currency=cls.usd)
        cls.vnd_order = cls._order(3_000_000.0, currency=cls.vnd)

    def _confirm_all(self):
        self._confirm(self.eur_order)
        self._confirm(self.usd_order)
        self._confirm(self.vnd_order, DAY_2)

    def test_no_metrics_before_confirmation(self):
        self.assertMetrics(self.customer, 0.0, 0, 0.0, False, False, 0.0)

    def test_each_confirmation_updates_the_metrics(self):
        self._confirm(self.eur_order)
        self.assertMetrics(self.customer, 100.0, 1, 100.0, DAY_1, DAY_1, 0.0)
        self._confirm(self.usd_order)
        self.assertMetrics(self.customer, 300.0, 2, 150.0, DAY_1, DAY_1, 0.0)
        self._confirm(self.vnd_order, DAY_2)
        self.assertMetrics(self.customer, 400.0, 3, 133.33, DAY_1, DAY_2, 24.5)

    def test_cancel_and_back_to_quotation(self):
        self._confirm_all()
        self.vnd_order._action_cancel()
        self.assertMetrics(self.customer, 300.0, 2, 150.0, DAY_1, DAY_1, 0.0)
        self.vnd_order.action_draft()
        self.assertMetrics(self.customer, 300.0, 2, 150.0, DAY_1, DAY_1, 0.0)
        self._confirm(self.vnd_order, DAY_2)
        self.assertMetrics(self.customer, 400.0, 3, 133.33, DAY_1, DAY_2, 24.5)

    def test_refund_lowers_the_lifetime_value_at_its_own_rate(self):
        self._confirm_all()
        refund = self._refund(self.usd_order, qty=1)
        self.assertMetrics(self.customer, 312.0, 3, 104.0, DAY_1, DAY_2, 24.5)
        refund.button_draft()
        self.assertMetrics(self.customer, 400.0, 3, 133.33, DAY_1, DAY_2, 24.5)
        refund.action_post()
        self.assertMetrics(self.customer, 312.0, 3, 104.0, DAY_1, DAY_2, 24.5)
        refund.button_cancel()
        self.assertMetrics(self.customer, 400.0, 3, 133.33, DAY_1, DAY_2, 24.5)

    def test_partner_change_moves_the_order(self):
        self._confirm_all()
        other = self.env["res.partner"].create({"name": "Minh Tran"})
        self.usd_order.partner_id = other
        self.assertMetrics(self.customer, 200.0, 2, 100.0, DAY_1, DAY_2, 49.0)
        self.assertMetrics(other, 200.0, 1, 200.0, DAY_1, DAY_1, 0.0)

    def test_company_and_contacts_share_one_set_of_metrics(self):
        company = self.env["res.partner"].create({"name": "Saigon Runners", "is_company": True})
        buyer = self.env["res.partner"].create({"name": "Hoa", "parent_id": company.id})
        self._confirm(self._order(110.0, qty=2, currency=self.usd, partner=buyer))
        self._confirm(self._order(100.0, partner=company), DAY_2)
        self.assertMetrics(company, 300.0, 2, 150.0, DAY_1, DAY_2, 49.0)
        self.assertMetrics(buyer, 0.0, 0, 0.0, False, False, 0.0)

    def test_a_contact_form_shows_the_company_metrics_link_not_zeros(self):
        company = self.env["res.partner"].create({"name": "Saigon Runners", "is_company": True})
        buyer = self.env["res.partner"].create({"name": "Hoa", "parent_id": company.id})
        viewer = new_test_user(
            self.env, login="insight_viewer",
            groups="base.group_user,crm_customer_insight.group_customer_insight_readonly",
        )
        for partner, metrics_shown in ((company, True), (buyer, False), (self.customer, True)):
            form = Form(partner.with_user(viewer))
            self.assertEqual(not form._get_modifier("insight_lifetime_value", "invisible"), metrics_shown, partner.name)
        action = buyer.open_commercial_entity()
        self.assertEqual(action["res_id"], company.id)

    def test_metrics_in_usd_and_vnd(self):
        """Each order at its own day's rate: in USD 110 + 220 + 125 = 455; in VND 2,750,000 + 5,500,000 +
        3,000,000 = 11,250,000; the refund (110 USD) is 110 USD and 2,640,000 VND at DAY_3's rates."""
        self._confirm_all()
        self._refund(self.usd_order, qty=1)
        partners = self.env["res.partner"]
        self.set_reporting_currency(self.usd)
        partners._insight_backfill()
        self.assertMetrics(self.customer, 345.0, 3, 115.0, DAY_1, DAY_2, 24.5)
        self.assertEqual(self.vnd_order.insight_amount, 125.0)
        self.set_reporting_currency(self.vnd)
        partners._insight_backfill()
        self.assertMetrics(self.customer, 8_610_000.0, 3, 2_870_000.0, DAY_1, DAY_2, 24.5)
        self.assertEqual(self.usd_order.insight_amount, 5_500_000.0)

    def test_incremental_updates_in_vnd(self):
        """Reporting in VND from the start: 2,750,000 + 5,500,000 + 3,000,000; the refund is 2,640,000; cancelling
        the VND order takes its 3,000,000 away; the refund reset to draft gives its 2,640,000 back."""
        self.set_reporting_currency(self.vnd)
        self._confirm_all()
        self.assertMetrics(self.customer, 11_250_000.0, 3, 3_750_000.0, DAY_1, DAY_2, 24.5)
        refund = self._refund(self.usd_order, qty=1)
        self.assertMetrics(self.customer, 8_610_000.0, 3, 2_870_000.0, DAY_1, DAY_2, 24.5)
        self.vnd_order._action_cancel()
        self.assertMetrics(self.customer, 5_610_000.0, 2, 2_805_000.0, DAY_1, DAY_1, 0.0)
        refund.button_draft()
        self.assertMetrics(self.customer, 8_250_000.0, 2, 4_125_000.0, DAY_1, DAY_1, 0.0)

    def test_a_salesperson_confirming_their_own_order_updates_the_metrics(self):
        seller = new_test_user(
            self.env, login="insight_seller", groups="sales_team.group_sale_salesman",
            company_id=self.env.company.id, company_ids=[self.env.company.id],
        )
        self.usd_order.user_id = seller
        self._confirm(self.usd_order.with_user(seller))
        self.assertMetrics(self.customer, 200.0, 1, 200.0, DAY_1, DAY_1, 0.0)
