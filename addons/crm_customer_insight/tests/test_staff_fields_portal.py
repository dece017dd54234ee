import json
from datetime import date, datetime, timedelta

from odoo.tests import HttpCase, get_db_name, new_test_user, tagged
from odoo.tools import mute_logger

# What the shop's staff keeps about a customer. A portal customer may read their own commercial partner (base's
# res_partner_portal_public_rule), so none of these may come back to them over the web client's RPC or JSON-2.
STAFF_FIELDS = [
    "customer_status",
    "preferred_currency_id",
    "insight_marketing_consent",
    "insight_marketing_consent_date",
    "insight_privacy_erased",
    "insight_currency_id",
    "insight_lifetime_value",
    "insight_order_count",
    "insight_average_order",
    "insight_first_order_date",
    "insight_last_order_date",
    "insight_average_days_between",
    "insight_recency_score",
    "insight_frequency_score",
    "insight_monetary_score",
    "insight_segment",
    "insight_expected_order_date",
    "insight_churn_risk",
    "insight_churn_reason",
    "insight_suggestion_count",
    "insight_in_threads_of_user",
]
CHURN_REASON = "Overdue by 90 days for a customer who ordered every 30"


@tagged("post_install", "-at_install")
class TestStaffFieldsHiddenFromPortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = new_test_user(
            cls.env, login="insight_portal_reader", password="insight_portal_reader", groups="base.group_portal",
            name="Phuong Portal", email="phuong@example.com",
        )
        cls.partner = cls.portal.partner_id
        cls.partner.write({
            "insight_order_count": 4,
            "insight_lifetime_value": 480.0,
            "insight_last_order_date": date(2026, 6, 1),
            "insight_segment": "at_risk",
            "insight_churn_risk": "high",
            "insight_churn_reason": CHURN_REASON,
        })

    def _call_kw(self, method, args, kwargs=None):
        response = self.url_open(
            f"/web/dataset/call_kw/res.partner/{method}",
            json={"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
                "model": "res.partner", "method": method, "args": args, "kwargs": kwargs or {},
            }},
        )
        self.assertEqual(response.status_code, 200, response.text[:300])
        return response.json()

    def _assert_refused(self, answer, what):
        self.assertNotIn(CHURN_REASON, json.dumps(answer), what)
        self.assertIn("error", answer, f"{what}: {str(answer)[:300]}")
        self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.AccessError", what)

    @mute_logger("odoo.http", "odoo.models")
    def test_portal_customer_cannot_read_staff_fields_of_own_partner_over_call_kw(self):
        self.authenticate(self.portal.login, self.portal.login)
        for field in STAFF_FIELDS:
            with self.subTest(field=field):
                self._assert_refused(self._call_kw("read", [self.partner.ids, [field]]), f"read {field}")
                self._assert_refused(
                    self._call_kw("search_read", [[("id", "=", self.partner.id)]], {"fields": [field]}),
                    f"search_read {field}",
                )
        # Nor probe them through a search domain.
        self._assert_refused(
            self._call_kw("search_read", [[("insight_churn_risk", "=", "high")]], {"fields": ["name"]}),
            "search on churn risk",
        )
        # What the customer may see of themselves still comes back.
        answer = self._call_kw("read", [self.partner.ids, ["name", "email"]])
        self.assertEqual(answer.get("result"), [
            {"id": self.partner.id, "name": "Phuong Portal", "email": "phuong@example.com"},
        ], str(answer)[:300])
        answer = self._call_kw("search_read", [[("id", "=", self.partner.id)]], {"fields": ["name", "email"]})
        self.assertEqual(answer.get("result"), [
            {"id": self.partner.id, "name": "Phuong Portal", "email": "phuong@example.com"},
        ], str(answer)[:300])

    @mute_logger("odoo.http", "odoo.models")
    def test_portal_customer_cannot_read_staff_fields_of_own_partner_over_json2(self):
        self.env["ir.config_parameter"].sudo().set_param("portal.allow_api_keys", True)
        key = self.env["res.users.apikeys"].with_user(self.portal)._generate(
            "rpc", "insight staff fields test", datetime.now() + timedelta(days=1),
        )

        def json2(method, payload):
            return self.url_open(
                f"/json/2/res.partner/{method}",
                data=json.dumps(payload),
                headers={"Content-Type": "application/json", "Authorization": f"bearer {key}",
                         "X-Odoo-Database": get_db_name()},
            )

        for field in STAFF_FIELDS:
            with self.subTest(field=field):
                for method, payload in (
                    ("read", {"ids": self.partner.ids, "fields": [field]}),
                    ("search_read", {"domain": [("id", "=", self.partner.id)], "fields": [field]}),
                ):
                    response = json2(method, payload)
                    self.assertEqual(response.status_code, 403, f"{method} {field}: {response.text[:300]}")
                    self.assertNotIn(CHURN_REASON, response.text)
        response = json2("read", {"ids": self.partner.ids, "fields": ["name", "email"]})
        self.assertEqual(response.status_code, 200, response.text[:300])
        self.assertEqual(response.json(), [
            {"id": self.partner.id, "name": "Phuong Portal", "email": "phuong@example.com"},
        ])
