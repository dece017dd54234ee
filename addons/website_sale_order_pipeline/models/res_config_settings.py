from odoo import api, fields, models

HOLD_MINUTES_PARAM = "sale_order_pipeline.stock_hold_minutes"
DEFAULT_HOLD_MINUTES = 30


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pipeline_stock_hold_minutes = fields.Integer(
        string="Hold stock during payment (minutes)",
        config_parameter=HOLD_MINUTES_PARAM,
        default=DEFAULT_HOLD_MINUTES,
    )

    @api.model
    def _pipeline_stock_hold_minutes(self):
        value = self.env["ir.config_parameter"].sudo().get_param(HOLD_MINUTES_PARAM)
        return int(value) if value else DEFAULT_HOLD_MINUTES
