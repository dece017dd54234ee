from odoo import fields, models


class WebhookSubscription(models.Model):
    _inherit = "webhook.subscription"

    event = fields.Selection(
        selection_add=[("stock.threshold_crossed", "Stock threshold crossed")],
        ondelete={"stock.threshold_crossed": "cascade"},
    )
