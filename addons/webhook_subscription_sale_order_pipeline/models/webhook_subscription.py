from odoo import fields, models


class WebhookSubscription(models.Model):
    _inherit = "webhook.subscription"

    event = fields.Selection(
        selection_add=[("order.status_changed", "Order fulfilment stage changed")],
        ondelete={"order.status_changed": "cascade"},
    )
