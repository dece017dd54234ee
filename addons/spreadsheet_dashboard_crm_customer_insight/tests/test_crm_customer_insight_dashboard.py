import json
import re

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.crm_customer_insight.tests.customer_report_common import CustomerReportCase
from odoo.addons.spreadsheet.utils.validate_data import fields_in_spreadsheet, menus_xml_ids_in_spreadsheet

PIVOT_FORMULA = re.compile(r"PIVOT(?:\.VALUE|\.HEADER)?\((\d+)")


@tagged("post_install", "-at_install")
class TestCrmCustomerInsightDashboard(CustomerReportCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dashboard = cls.env.ref(
            "spreadsheet_dashboard_crm_customer_insight.spreadsheet_dashboard_crm_customer_insight"
        )
        cls.data = json.loads(cls.dashboard.spreadsheet_data)
        cls.internal = new_test_user(cls.env, "insight_dash_internal", groups="base.group_user")
        cls.salesman = new_test_user(cls.env, "insight_dash_salesman", groups="sales_team.group_sale_salesman")
        cls.portal = new_test_user(cls.env, "insight_dash_portal", groups="base.group_portal")

    def _field_chain_exists(self, model, chain):
        for name in chain.split("."):
            field = self.env[model]._fields.get(name)
            if not field:
                return False
            model = field.comodel_name or model
        return True

    def _pivot_values(self, pivot_id, user, extra_domain):
        """A pivot of the dashboard evaluated as the spreadsheet asks the server: its domain, rows and measures."""
        pivot = self.data["pivots"][pivot_id]
        model = self.env[pivot["model"]].with_user(user)
        aggregates = [
            "__count" if m["fieldName"] == "__count" else f"{m['fieldName']}:{model._fields[m['fieldName']].aggregator}"
            for m in pivot["measures"]
        ]
        groupby = [row["fieldName"] for row in pivot["rows"]]
        groups = model.formatted_read_group(pivot["domain"] + extra_domain, groupby, aggregates)
        return {
            tuple(group[name][0] if isinstance(group[name], tuple) else group[name] for name in groupby):
                tuple(group[aggregate] for aggregate in aggregates)
            for group in groups
        }

    def test_dashboard_is_published_in_sales_with_valid_json(self):
        self.assertEqual(self.dashboard.name, "Customer Insight")
        self.assertTrue(self.dashboard.is_published)
        self.assertEqual(
            self.dashboard.dashboard_group_id, self.env.ref("spreadsheet_dashboard.spreadsheet_dashboard_group_sales")
        )
        self.assertEqual([sheet["name"] for sheet in self.data["sheets"]], ["Dashboard", "Data"])
        self.dashboard._check_spreadsheet_data()  # Odoo's own check under tests: models, fields and menus exist

    def test_every_model_field_menu_and_pivot_it_names_exists(self):
        used = fields_in_spreadsheet(self.data)
        self.assertEqual(set(used), {"res.partner", "crm.customer.revenue.report", "crm.customer.activity.report"})
        for model, names in used.items():
            for name in names:
                self.assertTrue(self._field_chain_exists(model, name), f"{model}.{name}")
        filter_ids = {global_filter["id"] for global_filter in self.data["globalFilters"]}
        for global_filter in self.data["globalFilters"]:
            if global_filter["type"] == "relation":
                self.assertIn(global_filter["modelName"], self.env)
        charts = [figure["data"] for sheet in self.data["sheets"] for figure in sheet["figures"]]
        matchings = [(pivot["model"], pivot["fieldMatching"]) for pivot in self.data["pivots"].values()] + [
            (chart["metaData"]["resModel"], chart["fieldMatching"]) for chart in charts if "metaData" in chart
        ]
        for model, matching in matchings:
            self.assertLessEqual(set(matching), filter_ids)
            for match in matching.values():
                self.assertTrue(self._field_chain_exists(model, match["chain"]), f"{model}.{match['chain']}")
        for xml_id in menus_xml_ids_in_spreadsheet(self.data):
            self.assertTrue(self.env.ref(xml_id).action, xml_id)
        formulas = [cell for sheet in self.data["sheets"] for cell in sheet["cells"].values() if cell.startswith("=")]
        pivot_ids = {pivot_id for formula in formulas for pivot_id in PIVOT_FORMULA.findall(formula)}
        self.assertEqual(pivot_ids, set(self.data["pivots"]))

    def test_its_figures_are_the_hand_computed_ones(self):
        customers = [("id", "in", self.customers.ids)]
        # Growth: new customers per country (Ana and the unassigned customer in Vietnam, Bert and Chloe in Germany).
        self.assertEqual(self._pivot_values("1", self.manager, customers),
                         {(self.vietnam.id,): (2,), (self.germany.id,): (2,)})
        # Revenue by country: 100 + 150 + 60 in Vietnam, 120 + 80 in Germany, confirmed orders only.
        self.assertEqual(self._pivot_values("2", self.manager, [("partner_id", "in", self.customers.ids)]),
                         {(self.vietnam.id,): (310.0, 3), (self.germany.id,): (200.0, 2)})
        # Top customers: lifetime value and orders.
        self.assertEqual(self._pivot_values("3", self.manager, customers), {
            (self.ana.id,): (300.0, 3), (self.bert.id,): (120.0, 1), (self.chloe.id,): (80.0, 2),
            (self.unassigned.id,): (60.0, 1),
        })
        # Activity per salesperson: done, open, overdue, orders.
        salespeople = [("user_id", "in", (self.agent_a | self.agent_b).ids)]
        self.assertEqual(self._pivot_values("4", self.manager, salespeople), {
            (self.agent_a.id,): (1, 2, 1, 3), (self.agent_b.id,): (0, 1, 1, 1),
        })
        # Segments: customers and value.
        self.assertEqual(self._pivot_values("5", self.manager, customers), {
            ("champions",): (1, 300.0), ("new",): (2, 180.0), ("at_risk",): (1, 80.0),
        })
        # Churn risk: high and medium customers with their value.
        self.assertEqual(self._pivot_values("6", self.manager, customers), {
            ("high", self.bert.id): (120.0,), ("medium", self.chloe.id): (80.0,),
        })
        # Scorecards: customers with orders and their value; customers at risk.
        self.assertEqual(self._pivot_values("7", self.manager, customers), {(): (4, 560.0)})
        self.assertEqual(self._pivot_values("8", self.manager, customers), {(): (2,)})

    def test_an_agent_reads_it_with_own_customers_only(self):
        customers = [("id", "in", self.customers.ids)]
        self.assertEqual(self._pivot_values("3", self.agent_a, customers), {
            (self.ana.id,): (300.0, 3), (self.chloe.id,): (80.0, 2),
        })
        self.assertEqual(self._pivot_values("2", self.agent_a, [("partner_id", "in", self.customers.ids)]),
                         {(self.vietnam.id,): (250.0, 2), (self.germany.id,): (80.0, 1)})

    def test_every_customer_insight_role_gets_the_dashboard_and_no_one_else(self):
        Dashboard = self.env["spreadsheet.dashboard"]
        for user in (self.readonly, self.agent_a, self.manager):
            self.assertIn(self.dashboard, Dashboard.with_user(user).search([]), user.login)
        for user in (self.internal, self.salesman):
            self.assertNotIn(self.dashboard, Dashboard.with_user(user).search([]), user.login)
        with self.assertRaises(AccessError):
            Dashboard.with_user(self.portal).search([])

    def test_the_dashboard_route_serves_it_with_its_translations(self):
        self.authenticate(self.readonly.login, self.readonly.login)
        response = self.url_open(f"/spreadsheet/dashboard/data/{self.dashboard.id}")
        self.assertEqual(response.status_code, 200)
        served = response.json()
        self.assertEqual(served["translation_namespace"], "spreadsheet_dashboard_crm_customer_insight")
        self.assertEqual(set(served["snapshot"]["pivots"]), set(self.data["pivots"]))
        self.authenticate(self.salesman.login, self.salesman.login)
        with mute_logger("odoo.http"):
            response = self.url_open(f"/spreadsheet/dashboard/data/{self.dashboard.id}")
        self.assertEqual(response.status_code, 403)  # refused by the record rule, never a 500

    def test_an_agent_opens_it_in_the_browser(self):
        self.start_tour(
            "/odoo/action-spreadsheet_dashboard.ir_actions_dashboard_action",
            "spreadsheet_dashboard_crm_customer_insight_open",
            login=self.agent_a.login,
        )
