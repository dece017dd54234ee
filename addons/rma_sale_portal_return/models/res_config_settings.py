from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    rma_portal_return_days = fields.Integer(related="company_id.rma_portal_return_days", readonly=False)
