from odoo import fields, models


class Website(models.Model):
    _inherit = "website"

    stock_hold_minutes = fields.Integer(
        string="Stock Hold (minutes)",
        default=30,
        help="How long a payment attempt keeps the units of its cart out of other carts.",
    )
