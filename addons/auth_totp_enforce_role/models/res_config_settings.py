from odoo import api, fields, models

# Administrators and the managers of the apps the shop runs on; a group whose app is not installed is skipped.
ADMINISTRATOR_AND_MANAGER_GROUPS = (
    "base.group_system",
    "base.group_erp_manager",
    "sales_team.group_sale_manager",
    "stock.group_stock_manager",
    "purchase.group_purchase_manager",
    "account.group_account_manager",
)


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    totp_required_group_ids = fields.Many2many(
        "res.groups",
        string="Groups required to use two-factor authentication",
        compute="_compute_totp_required_group_ids",
        inverse="_inverse_totp_required_group_ids",
        readonly=False,
        domain=[("share", "=", False)],
    )

    @api.depends("company_id")
    def _compute_totp_required_group_ids(self):
        groups = self.env["res.groups"].search([("totp_required", "=", True)])
        for settings in self:
            settings.totp_required_group_ids = groups

    def _inverse_totp_required_group_ids(self):
        for settings in self:
            chosen = settings.totp_required_group_ids
            previous = self.env["res.groups"].search([("totp_required", "=", True)])
            (previous - chosen).totp_required = False
            (chosen - previous).totp_required = True

    def action_totp_require_administrators_and_managers(self):
        """Require two-factor authentication of the administrators and the managers of the installed apps (the
        groups already chosen stay chosen)."""
        for xmlid in ADMINISTRATOR_AND_MANAGER_GROUPS:
            group = self.env.ref(xmlid, raise_if_not_found=False)
            if group:
                group.totp_required = True
        return {"type": "ir.actions.client", "tag": "reload"}
