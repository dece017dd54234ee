from odoo import fields, models


class LoyaltyHistory(models.Model):
    _inherit = "loyalty.history"

    # --- (owner: points) ----------------------------------------------------------------------------
    entry_kind = fields.Selection(
        [
            ("order", "Order"),
            ("value", "Purchase value"),
            ("frequency", "Frequency bonus"),
            ("streak", "Streak bonus"),
            ("reversal", "Reversal"),
            ("expiry", "Expiry"),
            ("adjustment", "Adjustment"),
        ],
        default="order",
    )
    entry_date = fields.Date(default=fields.Date.context_today, index=True)
    expiry_date = fields.Date(index=True, help="Earned points of this line not used by then expire.")
    points_remaining = fields.Float(help="Earned points of this line not yet used nor expired.")
    reminder_sent_date = fields.Date()
