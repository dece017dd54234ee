from odoo import api, fields, models

NOTIFY_GROUP_PARAM = "sale_order_pipeline.notify_group_id"
HOLD_MINUTES_PARAM = "sale_order_pipeline.stock_hold_minutes"
DEFAULT_HOLD_MINUTES = 30


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pipeline_notify_group_id = fields.Many2one(
        "res.groups",
        string="Notify on every stage",
        config_parameter=NOTIFY_GROUP_PARAM,
        help="Users of this group get an in-app notice (or an e-mail, per their preference) at each stage change.",
    )
    pipeline_stock_hold_minutes = fields.Integer(
        string="Hold stock during payment (minutes)",
        config_parameter=HOLD_MINUTES_PARAM,
        default=DEFAULT_HOLD_MINUTES,
    )

    @api.model
    def _pipeline_notify_group(self):
        group_id = self.env["ir.config_parameter"].sudo().get_param(NOTIFY_GROUP_PARAM)
        group = self.env["res.groups"].sudo().browse(int(group_id)).exists() if group_id else None
        return group or self.env.ref("sales_team.group_sale_manager")

    @api.model
    def _pipeline_stock_hold_minutes(self):
        value = self.env["ir.config_parameter"].sudo().get_param(HOLD_MINUTES_PARAM)
        return int(value) if value else DEFAULT_HOLD_MINUTES
