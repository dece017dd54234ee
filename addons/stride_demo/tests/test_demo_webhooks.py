import json

from odoo import Command
from odoo.tests import TransactionCase, tagged

from odoo.addons.stride_demo.lib import webhooks
from odoo.addons.webhook_subscription.lib.signature import signature_header, verify


@tagged("post_install", "-at_install")
class TestDemoWebhooks(TransactionCase):
    """The demo shop's subscriptions point at the echo receiver of scripts/serve, which verifies them with the demo
    secret."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.subscriptions = cls.env["webhook.subscription"].browse([
            cls.env.ref(f"stride_demo.webhook_subscription_{event.replace('.', '_')}_demo").id
            for _name, event in webhooks.SUBSCRIPTIONS
        ])

    def test_subscriptions_reach_the_echo_receiver_with_the_demo_secret(self):
        self.assertEqual(
            [(s.event, s.target_url, s.active) for s in self.subscriptions],
            [(event, webhooks.ECHO_URL, True) for _name, event in webhooks.SUBSCRIPTIONS],
        )
        self.assertEqual({s._signing_secrets()[0] for s in self.subscriptions}, {webhooks.ECHO_SECRET})
        self.assertTrue(self.env["webhook.subscription"]._webhook_allow_loopback())

    def test_building_the_demo_queued_nothing(self):
        # The demo's order history and stock steps ran before the subscriptions existed: no backlog to echo. Only what
        # the install's transaction queued counts: tests that commit real transactions (concurrent checkouts) may have
        # queued their own deliveries since.
        installed = max(self.subscriptions.mapped("create_date"))
        self.assertFalse(self.subscriptions.delivery_ids.filtered(lambda delivery: delivery.create_date <= installed))

    def test_a_confirmed_order_is_queued_for_the_echo_receiver_and_verifies(self):
        order = self.env["sale.order"].create({
            "partner_id": self.env.ref("stride_demo.user_customer_demo").partner_id.id,
            "order_line": [Command.create({
                "product_id": self.env["product.product"].search([("sale_ok", "=", True), ("type", "=", "consu")],
                                                                 limit=1).id,
            })],
        })
        order.action_confirm()
        [delivery] = self.subscriptions.delivery_ids.filtered(
            lambda delivery: delivery.event == "order.status_changed"
            and json.loads(delivery.payload)["data"].get("id") == order.id
        )
        payload = json.loads(delivery.payload)
        self.assertEqual((payload["event"], payload["data"]["id"]), ("order.status_changed", order.id))
        # What the echo receiver checks: the header Odoo builds from the subscription's secrets verifies with the
        # demo secret.
        body = delivery.payload.encode()
        header = signature_header(delivery.subscription_id._signing_secrets(), 1_800_000_000, body)
        self.assertTrue(verify(header, body, webhooks.ECHO_SECRET, now=1_800_000_000))
