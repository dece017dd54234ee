import logging

from werkzeug.exceptions import Forbidden

from odoo.addons.payment_stripe import utils as stripe_utils
from odoo.addons.payment_stripe.controllers.main import StripeController

_logger = logging.getLogger(__name__)


class StrideStripeController(StripeController):
    def _verify_signature(self, tx_sudo):
        """Override of `payment_stripe` to refuse the webhook events it cannot authenticate.

        Without a webhook signing secret on the provider, Odoo skips the check and processes the event: anyone who
        knows an order's reference could post "payment_intent.succeeded" and have it confirmed unpaid. A missing or
        malformed Stripe-Signature header made Odoo answer 500; it is refused like a wrong signature. Payments are
        still confirmed without webhooks: the customer's return fetches the payment from Stripe itself.
        """
        if not stripe_utils.get_webhook_secret(tx_sudo.provider_id):
            _logger.warning(
                "Refused a Stripe webhook event for %s: the provider has no webhook signing secret.", tx_sudo.reference
            )
            raise Forbidden()
        try:
            return super()._verify_signature(tx_sudo)
        except (KeyError, ValueError) as error:
            _logger.warning(
                "Refused a Stripe webhook event for %s: unreadable signature (%s).", tx_sudo.reference, error
            )
            raise Forbidden() from error
