import json

from odoo.tests import tagged

from odoo.addons.stock_threshold_alert.tests.common import ThresholdAlertCase


@tagged("post_install", "-at_install")
class TestThresholdCrossed(ThresholdAlertCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product.default_code = "TR42"
        cls.subscription = cls.env["webhook.subscription"].create({
            "name": "Stock", "event": "stock.threshold_crossed", "target_url": "https://hooks.example.com/stride",
        })

    def test_one_event_per_crossing(self):
        self._set_stock(3)
        self._set_stock(2)  # still below: the same crossing
        [delivery] = self.subscription.delivery_ids
        data = json.loads(delivery.payload)["data"]
        alert = self._alerts()
        self.assertEqual(
            (data["alert_id"], data["sku"], data["warehouse_code"], data["severity"], data["threshold"],
             data["qty_free"]),
            (alert.id, "TR42", "THRT", "low", 5, 3),
        )

        self._set_stock(10)  # back above: resolved, no event
        self._set_stock(0)  # a new crossing, straight out of stock
        self.assertEqual(len(self.subscription.delivery_ids), 2)
        self.assertEqual(json.loads(self.subscription.delivery_ids.sorted("id")[-1].payload)["data"]["severity"], "out")
