from odoo.tests import TransactionCase, tagged

from odoo.addons.stride_demo.models.stride_demo_payment import DEMO_PROVIDER_VALUES, PLACEHOLDER


@tagged("post_install", "-at_install")
class TestDemoPaymentProviders(TransactionCase):
    """The demo's Stripe, PayPal and MoMo: test mode, placeholder keys, hidden from customers."""

    def test_real_providers_are_in_test_mode_with_placeholder_keys_hidden_from_customers(self):
        for xmlid in DEMO_PROVIDER_VALUES:
            provider = self.env.ref(xmlid)
            self.assertEqual((provider.state, provider.is_published), ("test", False), xmlid)
        stripe = self.env.ref("payment.payment_provider_stripe").sudo()
        self.assertIn(PLACEHOLDER, stripe.stripe_secret_key)
        self.assertIn(PLACEHOLDER, self.env.ref("payment.payment_provider_paypal").sudo().paypal_client_secret)
        self.assertIn(PLACEHOLDER, self.env.ref("payment_momo.payment_provider_momo").sudo().momo_secret_key)
        # The shoppers keep paying with Odoo's demo provider, which stands in for the card networks.
        self.assertTrue(self.env.ref("payment.payment_provider_demo").is_published)

    def test_demo_stripe_checks_webhook_signatures(self):
        # With a signing secret, Stripe's webhook refuses unsigned or forged events (stride's test_stripe_webhook
        # proves it); the demo's is a placeholder, so no real Stripe event is ever accepted either.
        stripe = self.env.ref("payment.payment_provider_stripe").sudo()
        self.assertEqual(stripe.stripe_webhook_secret, f"whsec_{PLACEHOLDER}")
