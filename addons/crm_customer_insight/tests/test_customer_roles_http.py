import json
from datetime import datetime, timedelta
from xmlrpc.client import Fault

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .customer_report_common import CustomerReportCase

MODELS = ["res.partner", "sale.order", "crm.lead", "mail.activity", "crm.customer.revenue.report",
          "crm.customer.activity.report"]


@tagged("post_install", "-at_install")
class TestCustomerRolesOverRpc(CustomerReportCase, HttpCase):
    """The same visibility over the external APIs a script or an integration uses: XML-RPC (/xmlrpc/2/object) with
    the user's password and JSON-2 (/json/2/<model>/<method>) with the user's API key; and the agent's chatter."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lead_a = cls.env["crm.lead"].create({"name": "Ana wants 20 pairs", "partner_id": cls.ana.id,
                                                 "user_id": cls.agent_a.id, "type": "opportunity"})
        cls.lead_b = cls.env["crm.lead"].create({"name": "Bert's team order", "partner_id": cls.bert.id,
                                                 "user_id": cls.agent_b.id, "type": "opportunity"})
        orders = cls.ana_order_1 | cls.ana_order_2 | cls.bert_order | cls.chloe_order | cls.unassigned_order
        cls.watched = {
            "res.partner": cls.ana | cls.bert | cls.chloe | cls.vendor | cls.unassigned,
            "sale.order": orders,
            "crm.lead": cls.lead_a | cls.lead_b,
            "mail.activity": cls.ana_call | cls.ana_late_call | cls.bert_order_call,
        }
        every_activity_row = [2 * activity.id for activity in cls.watched["mail.activity"] | cls.ana_order_done_call]
        cls.everything = {
            **{model: set(records.ids) for model, records in cls.watched.items()},
            "crm.customer.revenue.report": set(orders.ids),
            "crm.customer.activity.report": set(every_activity_row) | {2 * order.id + 1 for order in orders},
        }
        cls.expected = {
            cls.agent_a: {
                "res.partner": {cls.ana.id, cls.chloe.id, cls.vendor.id},
                "sale.order": {cls.ana_order_1.id, cls.ana_order_2.id, cls.chloe_order.id},
                "crm.lead": {cls.lead_a.id},
                "mail.activity": {cls.ana_call.id, cls.ana_late_call.id},
                "crm.customer.revenue.report": {cls.ana_order_1.id, cls.ana_order_2.id, cls.chloe_order.id},
                "crm.customer.activity.report": {
                    2 * activity.id for activity in cls.ana_call | cls.ana_late_call | cls.ana_order_done_call
                } | {2 * order.id + 1 for order in cls.ana_order_1 | cls.ana_order_2 | cls.chloe_order},
            },
            cls.manager: cls.everything,
            cls.readonly: cls.everything,
        }
        expiry = datetime.now() + timedelta(days=1)
        cls.api_keys = {
            user: user.with_user(user).env["res.users.apikeys"]._generate("rpc", "insight test", expiry)
            for user in cls.expected
        }

    def _domain(self, model):
        if model in self.watched:
            return [("id", "in", self.watched[model].ids)]
        field = "partner_id" if model == "crm.customer.revenue.report" else "user_id"
        values = self.customers.ids if field == "partner_id" else (self.agent_a | self.agent_b | self.manager).ids
        return [(field, "in", values)]

    @mute_logger("odoo.addons.rpc.controllers.xmlrpc")  # Odoo 19 warns that XML-RPC is deprecated (removal in 22)
    def _xmlrpc(self, user, model, method, *args, **kwargs):
        return self.xmlrpc_object.execute_kw(self.env.cr.dbname, user.id, user.login, model, method, list(args), kwargs)

    def _json2(self, user, model, method, **params):
        return self.url_open(
            f"/json/2/{model}/{method}",
            data=json.dumps(params),
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {self.api_keys[user]}"},
        )

    def test_each_role_sees_the_same_records_over_xmlrpc(self):
        for user, expected in self.expected.items():
            for model in MODELS:
                found = self._xmlrpc(user, model, "search", self._domain(model))
                self.assertEqual(set(found), expected[model], f"{user.login} {model}")

    def test_each_role_sees_the_same_records_over_json2(self):
        for user, expected in self.expected.items():
            for model in MODELS:
                response = self._json2(user, model, "search", domain=self._domain(model))
                self.assertEqual(response.status_code, 200, response.text)
                self.assertEqual(set(response.json()), expected[model], f"{user.login} {model}")

    @mute_logger("odoo.http", "odoo.models", "odoo.addons.base.models.ir_rule")
    def test_refused_changes_are_refused_over_both_apis(self):
        refused = [
            (self.agent_a, "res.partner", self.bert.id, {"phone": "+49 1"}),
            (self.agent_a, "sale.order", self.bert_order.id, {"note": "x"}),
            (self.readonly, "res.partner", self.ana.id, {"phone": "+84 1"}),
            (self.readonly, "sale.order", self.ana_order_1.id, {"note": "x"}),
            (self.readonly, "crm.lead", self.lead_a.id, {"name": "x"}),
            (self.manager, "crm.customer.revenue.report", self.ana_order_1.id, {"amount": 1.0}),
        ]
        for user, model, record_id, values in refused:
            with self.assertRaises(Fault, msg=f"{user.login} {model}") as caught:
                self._xmlrpc(user, model, "write", [record_id], values)
            self.assertEqual(caught.exception.faultCode, 4, caught.exception.faultString)  # 4: AccessError
            response = self._json2(user, model, "write", ids=[record_id], vals=values)
            self.assertEqual(response.status_code, 403, f"{user.login} {model} {response.text}")
        # What an agent may change, they change over both.
        self.assertTrue(self._xmlrpc(self.agent_a, "res.partner", "write", [self.ana.id], {"phone": "+84 2"}))
        self.assertEqual(self._json2(self.agent_a, "res.partner", "write", ids=[self.ana.id],
                                     vals={"phone": "+84 3"}).json(), True)
        self.assertEqual(self.ana.phone, "+84 3")

    def test_agent_chatter_of_own_order_loads_with_another_customer_following_and_writing(self):
        # Bert (agent B's customer, hidden from agent A) follows Ana's order and wrote on it: the chatter shows his
        # message and him as a follower, as Odoo reads authors and followers for the chatter itself.
        self.ana_order_1.message_subscribe(partner_ids=self.bert.ids)
        self.ana_order_1.message_post(body="Can I change the size?", author_id=self.bert.id, message_type="comment")
        self.authenticate(self.agent_a.login, self.agent_a.login)
        thread = {"thread_model": "sale.order", "thread_id": self.ana_order_1.id}
        messages = self.make_jsonrpc_request("/mail/thread/messages", {**thread, "fetch_params": {"limit": 30}})
        data = self.make_jsonrpc_request("/mail/data", {"fetch_params": [["mail.thread", {
            **thread, "request_list": ["activities", "attachments", "followers", "suggestedRecipients"],
        }]]})
        loaded = json.dumps([messages, data])
        self.assertIn("Can I change the size?", loaded)
        self.assertIn("Bert Schulz", loaded)
        customer_thread = {"thread_model": "res.partner", "thread_id": self.ana.id}
        self.make_jsonrpc_request("/mail/data", {"fetch_params": [["mail.thread", {
            **customer_thread, "request_list": ["activities", "followers"],
        }]]})

    def test_agents_do_not_see_unassigned_documents_of_other_customers_over_both_apis(self):
        nobody = self.env["res.users"]
        nobodys_order = self._order(self.unassigned, datetime(2026, 2, 10, 9), 70.0, nobody)
        ana_unassigned_order = self._order(self.ana, datetime(2026, 2, 11, 9), 40.0, nobody)
        lead_nobody = self.env["crm.lead"].create({"name": "Contact form: 30 pairs?", "user_id": False})
        watched = {"sale.order": nobodys_order | ana_unassigned_order, "crm.lead": lead_nobody | self.lead_a}
        expected = {
            self.agent_a: {"sale.order": ana_unassigned_order, "crm.lead": self.lead_a},
            self.manager: watched,
            self.readonly: watched,
        }
        for user, visible in expected.items():
            for model, records in watched.items():
                domain = [("id", "in", records.ids)]
                self.assertEqual(set(self._xmlrpc(user, model, "search", domain)), set(visible[model].ids),
                                 f"{user.login} {model} over XML-RPC")
                response = self._json2(user, model, "search", domain=domain)
                self.assertEqual(response.status_code, 200, response.text)
                self.assertEqual(set(response.json()), set(visible[model].ids), f"{user.login} {model} over JSON-2")
