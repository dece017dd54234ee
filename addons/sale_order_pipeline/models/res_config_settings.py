from odoo import api, fields, models

NOTIFY_GROUP_PARAM = "sale_order_pipeline.notify_group_id"
CARRIER_SECRET_PARAM = "sale_order_pipeline.carrier_secret"


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pipeline_notify_group_id = fields.Many2one(
        "res.groups",
        string="Notify on every stage",
        config_parameter=NOTIFY_GROUP_PARAM,
        help="Users of this group get an in-app notice (or an e-mail, per their preference) at each stage change.",
    )

    pipeline_carrier_secret = fields.Char(
        string="Carrier callback secret",
        config_parameter=CARRIER_SECRET_PARAM,
        groups="base.group_system",
        help="Shared with the carrier, who signs its in-transit updates with it (HMAC-SHA256). Empty: no callback.",
    )

    @api.model
    def _pipeline_notify_group(self):
        group_id = self.env["ir.config_parameter"].sudo().get_param(NOTIFY_GROUP_PARAM)
        group = self.env["res.groups"].sudo().browse(int(group_id)).exists() if group_id else None
        # Odoo's group by its cached xmlid, without env.ref()'s existence query on every stage change.
        return group or self.env["res.groups"].browse(
            self.env["ir.model.data"]._xmlid_to_res_id("sales_team.group_sale_manager")
        )
