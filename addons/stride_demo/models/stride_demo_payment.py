from odoo import api, models

# Placeholders, not credentials: the providers are in test mode and these values open no account anywhere. A
# merchant trying the providers replaces them with their own sandbox keys (readme/USAGE.md).
PLACEHOLDER = "stride_demo_placeholder_not_a_real_key"
DEMO_PROVIDER_VALUES = {
    "payment.payment_provider_stripe": {
        "stripe_publishable_key": f"pk_test_{PLACEHOLDER}",
        "stripe_secret_key": f"sk_test_{PLACEHOLDER}",
        # With a signing secret, Odoo checks every webhook's Stripe-Signature; without one it would trust any.
        "stripe_webhook_secret": f"whsec_{PLACEHOLDER}",
    },
    "payment.payment_provider_paypal": {
        "paypal_email_account": "paypal-sandbox@stride.example.com",
        "paypal_client_id": PLACEHOLDER,
        "paypal_client_secret": PLACEHOLDER,
    },
    "payment_momo.payment_provider_momo": {
        "momo_partner_code": "MOMOSTRIDEDEMO",
        "momo_access_key": PLACEHOLDER,
        "momo_secret_key": PLACEHOLDER,
    },
}


# One file per subject is the point of the builder (see readme/DEVELOP.md), hence several classes inheriting it.
class StrideDemoBuilder(models.AbstractModel):
    """The real payment providers (Stripe, PayPal, MoMo) in test mode, ready for the merchant's sandbox keys."""

    _inherit = "stride.demo.builder"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _stride_demo_steps(self):
        # 80: independent of the shop's records; last, so that the history replay never meets these providers.
        return super()._stride_demo_steps() + [(80, "_demo_payment_providers")]

    def _demo_payment_providers(self, shop):
        """Test mode with placeholder keys, unpublished: customers keep paying with the demo provider (published by
        data/payment_provider_data.xml) while internal users see these at checkout; each shows only for the
        currencies it takes (Odoo's routing, see `stride`'s readme)."""
        for xmlid, values in DEMO_PROVIDER_VALUES.items():
            self.env.ref(xmlid).write({**values, "state": "test", "is_published": False})
