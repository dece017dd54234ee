import json
import xmlrpc.client
from datetime import datetime, timedelta

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import PipelineCase


@tagged("post_install", "-at_install")
class TestPipelineApi(HttpCase, PipelineCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls._order()
        cls.order.action_confirm()

    def _execute(self, login, method, *args):
        # XML-RPC still works in 19 but logs a deprecation warning on every call.
        with mute_logger("odoo.addons.rpc.controllers.xmlrpc"):
            uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, login, login, {})
            return self.xmlrpc_object.execute_kw(self.env.cr.dbname, uid, login, "sale.order", method, list(args))

    def test_staff_reads_and_advances_over_xmlrpc(self):
        [values] = self._execute("pipeline_warehouse", "read", [self.order.id], ["pipeline_stage"])
        self.assertEqual(values["pipeline_stage"], "confirmed")
        self.assertTrue(self._execute("pipeline_warehouse", "action_pipeline_advance", [self.order.id]))
        self.assertEqual(self.order.pipeline_stage, "packaging")
        self._execute("pipeline_warehouse", "action_pipeline_ship", [self.order.id], "TRK-API")
        self.assertEqual(self.order.pipeline_stage, "shipping")
        self.assertEqual(self.order.pipeline_tracking_ref, "TRK-API")

    def test_api_refuses_a_skip_with_the_same_message(self):
        with mute_logger("odoo.http"), self.assertRaisesRegex(xmlrpc.client.Fault, "cannot be skipped"):
            self._execute("pipeline_manager", "action_pipeline_set_stage", [self.order.id], "delivered")
        self.assertEqual(self.order.pipeline_stage, "confirmed")

    def test_api_refuses_staff_going_back(self):
        self.order.action_pipeline_advance()
        with mute_logger("odoo.http"), self.assertRaisesRegex(xmlrpc.client.Fault, "not allowed"):
            self._execute("pipeline_warehouse", "action_pipeline_set_stage", [self.order.id], "confirmed", "Oops")
        self.assertEqual(self.order.pipeline_stage, "packaging")

    def test_portal_user_cannot_advance_over_xmlrpc(self):
        with mute_logger("odoo.http"), self.assertRaises(xmlrpc.client.Fault):
            self._execute("pipeline_customer", "action_pipeline_advance", [self.order.id])
        self.assertEqual(self.order.pipeline_stage, "confirmed")

    def test_json2_advances_with_an_api_key(self):
        key = (
            self.env["res.users.apikeys"]
            .with_user(self.warehouse_user)
            ._generate(scope="rpc", name="carrier", expiration_date=datetime.now() + timedelta(days=1))
        )
        response = self.url_open(
            "/json/2/sale.order/action_pipeline_advance",
            data=json.dumps({"ids": [self.order.id]}),
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {key}"},
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(self.order.pipeline_stage, "packaging")

    def test_json2_records_a_carrier_update_once(self):
        self.order.action_pipeline_advance()
        self.order.action_pipeline_ship("TRK-J2")
        key = (
            self.env["res.users.apikeys"]
            .with_user(self.warehouse_user)
            ._generate(scope="rpc", name="carrier", expiration_date=datetime.now() + timedelta(days=1))
        )
        payload = {"ids": [self.order.id], "status": "in_transit", "location": "Hanoi", "carrier_ref": "J2-1"}
        for _retry in range(2):
            response = self.url_open(
                "/json/2/sale.order/action_pipeline_add_transit_event",
                data=json.dumps(payload),
                headers={"Content-Type": "application/json", "Authorization": f"Bearer {key}"},
            )
            self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json(), self.order.pipeline_transit_event_ids.ids)
        self.assertEqual(self.order.pipeline_transit_event_ids.location, "Hanoi")
