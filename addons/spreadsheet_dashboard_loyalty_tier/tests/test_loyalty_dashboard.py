import json
import re

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.spreadsheet.utils.validate_data import fields_in_spreadsheet, menus_xml_ids_in_spreadsheet

PIVOT_FORMULA = re.compile(r"PIVOT(?:\.VALUE|\.HEADER)?\((\d+)")


@tagged("post_install", "-at_install")
class TestLoyaltyDashboard(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dashboard = cls.env.ref("spreadsheet_dashboard_loyalty_tier.spreadsheet_dashboard_loyalty")
        cls.data = json.loads(cls.dashboard.spreadsheet_data)
        cls.manager = new_test_user(cls.env, "loy_dash_manager", groups="sales_team.group_sale_manager")
        cls.all_leads = new_test_user(cls.env, "loy_dash_all", groups="sales_team.group_sale_salesman_all_leads")
        cls.own_leads = new_test_user(cls.env, "loy_dash_own", groups="sales_team.group_sale_salesman")
        cls.internal = new_test_user(cls.env, "loy_dash_internal", groups="base.group_user")
        cls.portal = new_test_user(cls.env, "loy_dash_portal", groups="base.group_portal")

    def _field_chain_exists(self, model, chain):
        for name in chain.split("."):
            field = self.env[model]._fields.get(name)
            if not field:
                return False
            model = field.comodel_name or model
        return True

    def test_dashboard_is_published_in_sales_with_valid_json(self):
        self.assertEqual(self.dashboard.name, "Loyalty")
        self.assertTrue(self.dashboard.is_published)
        self.assertEqual(
            self.dashboard.dashboard_group_id, self.env.ref("spreadsheet_dashboard.spreadsheet_dashboard_group_sales")
        )
        self.assertEqual([sheet["name"] for sheet in self.data["sheets"]], ["Dashboard", "Data"])
        self.dashboard._check_spreadsheet_data()  # Odoo's own check under tests: models, fields and menus exist

    def test_every_model_field_menu_and_pivot_it_names_exists(self):
        used = fields_in_spreadsheet(self.data)
        self.assertEqual(set(used), {"loyalty.member.report", "loyalty.campaign.report", "loyalty.tier.history"})
        for model, names in used.items():
            for name in names:
                self.assertTrue(self._field_chain_exists(model, name), f"{model}.{name}")
        # Global filters: their models, and the field each pivot and chart matches them on (Odoo's check skips those).
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

    def test_its_pivots_and_charts_read_as_a_salesperson_who_sees_all_documents(self):
        charts = [
            figure["data"]
            for sheet in self.data["sheets"]
            for figure in sheet["figures"]
            if "metaData" in figure["data"]
        ]
        queries = [
            (
                pivot["model"],
                [row["fieldName"] for row in pivot["rows"] + pivot["columns"]],
                [measure["fieldName"] for measure in pivot["measures"]],
            )
            for pivot in self.data["pivots"].values()
        ] + [
            (chart["metaData"]["resModel"], chart["metaData"]["groupBy"], [chart["metaData"]["measure"]])
            for chart in charts
        ]
        for model_name, groupby, measures in queries:
            model = self.env[model_name].with_user(self.all_leads)
            aggregates = [
                "__count" if name == "__count" else f"{name}:{model._fields[name].aggregator}" for name in measures
            ]
            model.formatted_read_group([], groupby, aggregates)

    def test_only_salespeople_who_see_all_documents_and_managers_get_the_dashboard(self):
        Dashboard = self.env["spreadsheet.dashboard"]
        for user in (self.manager, self.all_leads):
            self.assertIn(self.dashboard, Dashboard.with_user(user).search([]), user.login)
        for user in (self.own_leads, self.internal):
            self.assertNotIn(self.dashboard, Dashboard.with_user(user).search([]), user.login)
        with self.assertRaises(AccessError):
            Dashboard.with_user(self.portal).search([])

    def test_the_dashboard_route_serves_it_with_its_translations(self):
        self.authenticate(self.all_leads.login, self.all_leads.login)
        response = self.url_open(f"/spreadsheet/dashboard/data/{self.dashboard.id}")
        self.assertEqual(response.status_code, 200)
        served = response.json()
        self.assertEqual(served["translation_namespace"], "spreadsheet_dashboard_loyalty_tier")
        self.assertEqual(set(served["snapshot"]["pivots"]), set(self.data["pivots"]))
        self.authenticate(self.own_leads.login, self.own_leads.login)
        with mute_logger("odoo.http"):
            response = self.url_open(f"/spreadsheet/dashboard/data/{self.dashboard.id}")
        self.assertEqual(response.status_code, 403)  # refused by the record rule, never a 500

    def test_a_manager_opens_it_in_the_browser(self):
        self.start_tour(
            "/odoo/action-spreadsheet_dashboard.ir_actions_dashboard_action",
            "spreadsheet_dashboard_loyalty_tier_open",
            login=self.manager.login,
        )
