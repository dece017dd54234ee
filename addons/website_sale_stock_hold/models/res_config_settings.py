from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    website_stock_hold_minutes = fields.Integer(related="website_id.stock_hold_minutes", readonly=False)
