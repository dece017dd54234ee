import ast
from datetime import date

from odoo import Command
from odoo.tests import tagged

from .customer_report_common import CustomerReportCase

REPORT_MENUS = [
    ("res_partner_menu_customer_growth_report", "res.partner"),
    ("crm_customer_revenue_report_menu", "crm.customer.revenue.report"),
    ("res_partner_menu_top_customers_report", "res.partner"),
    ("res_partner_menu_segments_report", "res.partner"),
    ("crm_customer_activity_report_menu", "crm.customer.activity.report"),
    ("res_partner_menu_churn_risk_report", "res.partner"),
]


@tagged("post_install", "-at_install")
class TestCustomerReports(CustomerReportCase):
    """Each of the six reports read as its pivot reads it (grouped, with the action's domain), by a manager who sees
    every customer of the company; each figure is the hand-computed value from the records of the common case."""

    def _action_domain(self, xml_id):
        return ast.literal_eval(self.env.ref(xml_id).domain or "[]")

    def _partner_groups(self, action, groupby, aggregates):
        domain = self._action_domain(action) + [("id", "in", self.customers.ids)]
        return self.env["res.partner"].with_user(self.manager)._read_group(domain, groupby, aggregates)

    def test_customer_growth_counts_new_customers_by_country_and_month_of_first_order(self):
        groups = self._partner_groups(
            "crm_customer_insight.res_partner_action_customer_growth_report",
            ["country_id", "insight_first_order_date:month"],
            ["__count"],
        )
        self.assertEqual(
            {(country.code, month, count) for country, month, count in groups},
            {("VN", date(2026, 1, 1), 1), ("DE", date(2026, 1, 1), 1), ("DE", date(2026, 2, 1), 1),
             ("VN", date(2026, 2, 1), 1)},
        )

    def test_revenue_by_country_and_month_sums_confirmed_orders_in_the_reporting_currency(self):
        Report = self.env["crm.customer.revenue.report"].with_user(self.manager)
        domain = [("partner_id", "in", self.customers.ids)]
        by_month = Report._read_group(domain, ["country_id", "date:month"], ["amount:sum", "__count"])
        # Ana 100 + 150 in January; Bert 120 in January; Chloe 80 in February (her cancelled 500 and quotation 700
        # are not revenue); the unassigned customer 60 in February.
        self.assertEqual(
            {(country.code, month, amount, count) for country, month, amount, count in by_month},
            {("VN", date(2026, 1, 1), 250.0, 2), ("DE", date(2026, 1, 1), 120.0, 1),
             ("DE", date(2026, 2, 1), 80.0, 1), ("VN", date(2026, 2, 1), 60.0, 1)},
        )
        by_country = Report.formatted_read_group(domain, ["country_id"], ["amount:sum"])
        self.assertEqual(
            {group["country_id"][0]: group["amount:sum"] for group in by_country},
            {self.vietnam.id: 310.0, self.germany.id: 200.0},
        )

    def test_revenue_rows_are_on_the_customer_even_when_a_contact_ordered(self):
        order = self._order(self.ana_delivery, self.ana_order_1.date_order, 40.0, self.agent_a)
        row = self.env["crm.customer.revenue.report"].search([("order_id", "=", order.id)])
        self.assertEqual((row.partner_id, row.country_id, row.user_id, row.amount), (self.ana, self.vietnam,
                                                                                   self.agent_a, 40.0))

    def test_top_customers_by_lifetime_value_and_by_order_count(self):
        action = "crm_customer_insight.res_partner_action_top_customers_report"
        Partner = self.env["res.partner"].with_user(self.manager)
        domain = self._action_domain(action) + [("id", "in", self.customers.ids)]
        by_value = Partner.search(domain, order="insight_lifetime_value desc")
        self.assertEqual(by_value.mapped("name"), ["Ana Nguyen", "Bert Schulz", "Chloe Weber", "Nobody's customer"])
        by_orders = Partner.search(domain, order="insight_order_count desc, id")
        self.assertEqual(by_orders[:3].mapped("name"), ["Ana Nguyen", "Chloe Weber", "Bert Schulz"])
        groups = self._partner_groups(
            action, ["commercial_partner_id"], ["insight_lifetime_value:sum", "insight_order_count:sum"]
        )
        self.assertEqual(
            {partner.name: (value, count) for partner, value, count in groups},
            {"Ana Nguyen": (300.0, 3), "Bert Schulz": (120.0, 1), "Chloe Weber": (80.0, 2),
             "Nobody's customer": (60.0, 1)},
        )
        # The list of the action is the one the report opens on, most valuable first.
        view = self.env.ref("crm_customer_insight.res_partner_view_list_customer_report")
        self.assertIn('default_order="insight_lifetime_value desc"', view.arch_db)

    def test_segment_distribution_counts_customers_and_value_per_segment(self):
        groups = self._partner_groups(
            "crm_customer_insight.res_partner_action_segments_report",
            ["insight_segment"],
            ["__count", "insight_lifetime_value:sum"],
        )
        self.assertEqual(
            {segment: (count, value) for segment, count, value in groups},
            {"champions": (1, 300.0), "new": (2, 180.0), "at_risk": (1, 80.0)},
        )

    def test_activity_summary_per_salesperson(self):
        Report = self.env["crm.customer.activity.report"].with_user(self.manager)
        salespeople = self.agent_a | self.agent_b | self.manager
        groups = Report._read_group(
            [("user_id", "in", salespeople.ids)],
            ["user_id"],
            ["done_count:sum", "open_count:sum", "overdue_count:sum", "order_count:sum", "amount:sum"],
        )
        # Agent A: the done call on Ana's order, the open and the overdue call on Ana (the product's activity is not
        # customer work); orders: Ana's two and Chloe's confirmed one (100 + 150 + 80). Agent B: the overdue call
        # on Bert's order, Bert's order. The manager sold the unassigned customer's order.
        self.assertEqual(
            {user.login: figures for user, *figures in groups},
            {"insight_agent_a": [1, 2, 1, 3, 330.0], "insight_agent_b": [0, 1, 1, 1, 120.0],
             "insight_manager": [0, 0, 0, 1, 60.0]},
        )

    def test_churn_risk_list_shows_high_and_medium_risk_with_the_reason(self):
        action = "crm_customer_insight.res_partner_action_churn_risk_report"
        domain = self._action_domain(action) + [("id", "in", self.customers.ids)]
        at_risk = self.env["res.partner"].with_user(self.manager).search(domain, order="insight_lifetime_value desc")
        self.assertEqual(
            [(p.name, p.insight_churn_risk, p.insight_churn_reason) for p in at_risk],
            [("Bert Schulz", "high", "No order for 200 days; expected every 60"),
             ("Chloe Weber", "medium", "Next order 20 days late")],
        )

    def test_reports_are_limited_to_the_companies_of_the_user(self):
        other_company = self.env["res.company"].create({"name": "Stride DE GmbH"})
        self.manager.company_ids |= other_company
        order = self.env["sale.order"].with_company(other_company).create({
            "partner_id": self.ana.id,
            "company_id": other_company.id,
            "order_line": [Command.create({"product_id": self.product.id, "product_uom_qty": 1})],
        })
        order.action_confirm()
        order.insight_amount = 999.0
        # The company switcher: only the main company ticked, the other company's order is not counted.
        Report = self.env["crm.customer.revenue.report"].with_user(self.manager)
        main_only = Report.with_context(allowed_company_ids=[self.env.company.id])
        self.assertFalse(main_only.search([("order_id", "=", order.id)]))
        in_both = Report.with_context(allowed_company_ids=[self.env.company.id, other_company.id])
        self.assertEqual(in_both.search([("order_id", "=", order.id)]).amount, 999.0)

    def test_every_report_has_a_menu_and_its_views_load_for_a_read_only_user(self):
        reports = self.env.ref("crm_customer_insight.crm_customer_insight_menu_reports")
        for xml_id, model in REPORT_MENUS:
            menu = self.env.ref(f"crm_customer_insight.{xml_id}")
            self.assertEqual((menu.parent_id, menu.action.res_model), (reports, model), xml_id)
            action = menu.action
            views = [(view.view_id.id, view.view_mode) for view in action.view_ids] or [
                (False, view_type) for view_type in action.view_mode.split(",")
            ]
            loaded = self.env[model].with_user(self.readonly).get_views(views + [(False, "search")])
            self.assertEqual(set(loaded["views"]), {"pivot", "graph", "list", "search"}, xml_id)
