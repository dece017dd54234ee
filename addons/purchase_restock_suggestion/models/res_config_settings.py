from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    restock_min_on_time_rate = fields.Float(related="company_id.restock_min_on_time_rate", readonly=False)
    restock_min_fill_rate = fields.Float(related="company_id.restock_min_fill_rate", readonly=False)
