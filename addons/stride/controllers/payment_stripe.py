import json
import logging

from werkzeug.exceptions import BadRequest, Forbidden

from odoo import http
from odoo.http import request

from odoo.addons.payment_stripe import utils as stripe_utils
from odoo.addons.payment_stripe.controllers.main import StripeController

_logger = logging.getLogger(__name__)


def is_stripe_event(body: str) -> bool:
    """Whether ``body`` has the shape of a Stripe event as far as Odoo reads it before checking the signature: a JSON
    object with a text ``type`` and a ``data.object`` that has an ``id`` (https://docs.stripe.com/api/events/object)."""
    try:
        event = json.loads(body)
    except ValueError:
        return False
    if not isinstance(event, dict) or not isinstance(event.get("type"), str):
        return False
    data = event.get("data")
    stripe_object = data.get("object") if isinstance(data, dict) else None
    return isinstance(stripe_object, dict) and isinstance(stripe_object.get("id"), str)


class StrideStripeController(StripeController):
    @http.route()
    def stripe_webhook(self):
        """Override of `payment_stripe` to answer 400 to a body that is no Stripe event: Odoo parsed it unchecked and
        answered 500 to a body that is not JSON, or is JSON of another shape."""
        if not is_stripe_event(request.httprequest.get_data(as_text=True)):
            raise BadRequest()
        return super().stripe_webhook()

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
