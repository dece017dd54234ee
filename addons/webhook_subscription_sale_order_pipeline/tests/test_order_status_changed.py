import json

from odoo.tests import tagged

from odoo.addons.sale_order_pipeline.tests.common import PipelineCase


@tagged("post_install", "-at_install")
class TestOrderStatusChanged(PipelineCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.subscription = cls.env["webhook.subscription"].create({
            "name": "Fulfilment", "event": "order.status_changed", "target_url": "https://hooks.example.com/stride",
        })

    def _events(self):
        return [json.loads(d.payload)["data"] for d in self.subscription.delivery_ids.sorted("id")]

    def test_each_stage_change_is_one_event(self):
        order = self._order()
        self.assertFalse(self.subscription.delivery_ids)
        order.action_confirm()
        order.with_user(self.warehouse_user).action_pipeline_advance()
        events = self._events()
        self.assertEqual([(e["previous_stage"], e["stage"]) for e in events],
                         [("awaiting", "confirmed"), ("confirmed", "packaging")])
        self.assertEqual({e["id"] for e in events}, {order.id})
        self.assertEqual(events[-1]["state"], "sale")

        # Raised again for a stage change already announced (a replay): nothing new.
        history = order.pipeline_history_ids.sorted("id")[-1]
        order._on_pipeline_stage_changed("confirmed", "packaging", history)
        self.assertEqual(len(self.subscription.delivery_ids), 2)
