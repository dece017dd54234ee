from odoo import api, models

from odoo.addons.webhook_subscription.models.webhook_subscription import ALLOW_LOOPBACK_PARAM

from ..lib import webhooks
from .stride_demo_builder import demo_xmlid


# One file per subject is the point of the builder (see readme/DEVELOP.md), hence several classes inheriting it.
class StrideDemoBuilder(models.AbstractModel):
    """Webhooks: subscriptions to the fulfilment stages and stock thresholds pointing at the echo receiver that
    ``scripts/serve`` starts on this machine, so that a stage moved on the fulfilment board shows as a signed
    delivery in the terminal."""

    _inherit = "stride.demo.builder"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _stride_demo_steps(self):
        # 90: last, so that replaying the order history and the stock steps queue no delivery.
        return super()._stride_demo_steps() + [(90, "_demo_webhooks")]

    def _demo_webhooks(self, shop):
        # The stock checks the earlier steps queued for the commit run now: their crossings are the demo's history,
        # not news for the echo receiver.
        self.env["stock.threshold.alert"]._run_queued_checks()
        # The receiver is on this machine, in plain http: a demo server only (stride_demo is never for production).
        self.env["ir.config_parameter"].sudo().set_param(ALLOW_LOOPBACK_PARAM, "True")
        subscriptions = self.env["webhook.subscription"].create([
            {"name": name, "event": event, "target_url": webhooks.ECHO_URL, "secret": webhooks.ECHO_SECRET}
            for name, event in webhooks.SUBSCRIPTIONS
        ])
        self._register_xmlids({
            demo_xmlid("webhook_subscription", event): subscription
            for (_name, event), subscription in zip(webhooks.SUBSCRIPTIONS, subscriptions, strict=True)
        })
        shop["webhook_subscriptions"] = subscriptions
