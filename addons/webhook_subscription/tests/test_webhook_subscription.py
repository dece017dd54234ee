from unittest.mock import patch

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import WebhookCase


@tagged("post_install", "-at_install")
class TestWebhookSubscription(WebhookCase):
    def test_private_and_plain_http_targets_are_refused(self):
        for url in (
            "https://10.0.0.5/hook", "https://169.254.169.254/latest/meta-data", "https://[fe80::1]/",
            "http://hooks.example.com/", "https://user:pw@hooks.example.com/", "javascript:alert(1)",
            "https://192.168.1.1/", "file:///etc/passwd", "https://hooks.example.com:99999/",
        ):
            with self.subTest(url=url), self.assertRaises(ValidationError):
                self.Subscription.create({"name": "x", "event": "customer.created", "target_url": url})

    def test_loopback_only_while_allowed(self):
        subscription = self.subscribe("customer.created", "/ok")  # allowed while Odoo runs its tests
        with patch.object(type(self.Subscription), "_webhook_allow_loopback", return_value=False), \
                self.assertRaisesRegex(ValidationError, "localhost"):
            subscription.target_url = self.receiver.url("/other")
        self.Subscription.create({"name": "x", "event": "customer.created", "target_url": "https://hooks.example.com/"})

    def test_secret_is_generated_and_not_copied(self):
        subscription = self.subscribe("customer.created", "/s")
        self.assertTrue(subscription.secret.startswith("whsec_"))
        self.assertEqual(len(subscription.secret), 6 + 64)
        self.assertNotEqual(subscription.copy().secret, subscription.secret)

    def test_delivery_counts(self):
        subscription = self.subscribe("customer.created", "/n")
        self.receiver.plans["/n"] = [(500, 0)]
        self.customer()
        self.customer("Second")
        self.send_all()
        self.assertEqual((subscription.delivery_count, subscription.failing_count), (2, 1))
        action = subscription.action_view_deliveries()
        self.assertEqual(self.Delivery.search(action["domain"]), subscription.delivery_ids)
