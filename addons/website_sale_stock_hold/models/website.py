from odoo import fields, models


class Website(models.Model):
    _inherit = "website"

    stock_hold_minutes = fields.Integer(
        string="Stock Hold (minutes)",
        default=10,
        help="How long a payment attempt keeps the units of its cart out of other carts.",
    )
    stock_hold_max_minutes = fields.Integer(
        string="Longest Stock Hold (minutes)",
        default=30,
        help="Payment attempts of one order renew its hold up to this many minutes after its first hold, no longer.",
    )
    stock_hold_max_qty = fields.Integer(
        string="Most Units Held per Product",
        default=10,
        help="A cart holding more units of one product than this cannot be paid for online (0: no limit).",
    )

    _stock_hold_limits = models.Constraint(
        "CHECK (stock_hold_minutes > 0 AND stock_hold_max_minutes >= stock_hold_minutes AND stock_hold_max_qty >= 0)",
        "The stock hold lasts at least a minute, its longest renewal at least one hold, and its unit cap is not "
        "negative.",
    )
