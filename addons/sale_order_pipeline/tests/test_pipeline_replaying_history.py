import json
from datetime import datetime, timedelta

from odoo.tests import HttpCase, tagged

from odoo.addons.sale_order_pipeline.models.sale_order import replaying_history

from .common import PipelineCase

# Context keys a caller could try: the demo's old mute flag, and names that look like the Python switch.
MUTE_ATTEMPTS = {
    "stride_demo_history": True,
    "replaying_history": True,
    "sale_order_pipeline_replaying_history": True,
    "pipeline_replaying_history": True,
}


@tagged("post_install", "-at_install")
class TestReplayingHistory(HttpCase, PipelineCase):
    def test_replayed_history_is_recorded_without_telling_anyone(self):
        order = self._order()
        with replaying_history():
            order.action_confirm()
            order.action_pipeline_advance()
            order.action_pipeline_ship("TRK-H", self.carrier.id)
            order.action_pipeline_add_transit_event("in_transit", "Lyon", carrier_ref="H-1")
            # A "delivered" update still moves the order, quietly.
            order.action_pipeline_add_transit_event("delivered", carrier_ref="H-2")
        self.assertEqual(order.pipeline_stage, "delivered")
        self.assertEqual(
            order.pipeline_history_ids.sorted("id").mapped("stage"), ["confirmed", "packaging", "shipping", "delivered"]
        )
        self.assertEqual(len(order.pipeline_transit_event_ids), 2)
        self.assertFalse(self._customer_mails(order))
        self.assertFalse(self._team_notices(order, self.manager))
        # Once the replay is over, the next move is announced as usual, once.
        order.with_user(self.customer_user).action_pipeline_leave_feedback(5)
        self.assertEqual(len(self._customer_mails(order)), 1)
        self.assertEqual(len(self._team_notices(order, self.manager)), 1)

    def test_sale_own_confirmation_is_silenced_too(self):
        order = self._order()
        with replaying_history():
            # What a payment does: sale sends its own confirmation, deferred or not.
            order.with_context(send_email=True).action_confirm()
        self.assertEqual(order.pipeline_stage, "confirmed")
        self.assertFalse(self._customer_mails(order))
        self.assertFalse(order.pending_email_template_id)

    def test_an_error_inside_ends_the_replay(self):
        with self.assertRaises(RuntimeError), replaying_history():
            raise RuntimeError("The import failed")
        order = self._order()
        order.action_confirm()
        self.assertEqual(len(self._customer_mails(order)), 1)

    def test_no_context_key_silences_the_pipeline(self):
        order = self._order().with_context(**MUTE_ATTEMPTS)
        order.action_confirm()
        order.action_pipeline_advance()
        order.action_pipeline_ship("TRK-M", self.carrier.id)
        order.action_pipeline_add_transit_event("in_transit", "Lyon", carrier_ref="M-1")
        self.assertEqual(len(self._customer_mails(order)), 4)
        self.assertEqual(len(self._transit_mails(order)), 1)
        self.assertEqual(len(self._team_notices(order, self.manager)), 3)

    def test_no_context_key_from_json2_silences_the_pipeline(self):
        order = self._order()
        order.action_confirm()
        key = (
            self.env["res.users.apikeys"]
            .with_user(self.warehouse_user)
            ._generate(scope="rpc", name="demo", expiration_date=datetime.now() + timedelta(days=1))
        )
        response = self.url_open(
            "/json/2/sale.order/action_pipeline_advance",
            data=json.dumps({"ids": order.ids, "context": MUTE_ATTEMPTS}),
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {key}"},
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(order.pipeline_stage, "packaging")
        self.assertEqual(len(self._customer_mails(order).filtered(lambda m: "being packed" in m.subject)), 1)
        self.assertEqual(len(self._team_notices(order, self.manager)), 2)
