from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    website_stock_hold_minutes = fields.Integer(related="website_id.stock_hold_minutes", readonly=False)
    website_stock_hold_max_minutes = fields.Integer(related="website_id.stock_hold_max_minutes", readonly=False)
    website_stock_hold_max_qty = fields.Integer(related="website_id.stock_hold_max_qty", readonly=False)
