from odoo import api, fields, models, tools

# Administrators and the managers of the apps the shop runs on; a group whose app is not installed is skipped.
ADMINISTRATOR_AND_MANAGER_GROUPS = (
    "base.group_system",
    "base.group_erp_manager",
    "sales_team.group_sale_manager",
    "stock.group_stock_manager",
    "purchase.group_purchase_manager",
    "account.group_account_manager",
)

class ResGroups(models.Model):
    _inherit = "res.groups"

    totp_required = fields.Boolean(
        string="Two-factor authentication required",
        help="Members must set up an authenticator app before they can use the backend.",
    )

    def write(self, vals):
        res = super().write(vals)
        if "totp_required" in vals:
            self.env.registry.clear_cache("groups")
        return res

    @api.model
    @tools.ormcache(cache="groups")
    def _get_totp_required_group_ids(self):
        # read on every backend request: cached with the other group facts, which group changes clear
        return frozenset(self.sudo().with_context(active_test=False).search([("totp_required", "=", True)]).ids)

    @api.model
    def _require_totp_of_administrators_and_managers(self):
        """Require two-factor authentication of the administrators and the managers of the installed apps (groups
        already required stay required); the groups now required. Used by the settings button and by the shop's
        start scripts on a new database (``scripts/serve``, the Docker start)."""
        groups = self.browse()
        for xmlid in ADMINISTRATOR_AND_MANAGER_GROUPS:
            groups |= self.env.ref(xmlid, raise_if_not_found=False) or self.browse()
        groups.filtered(lambda group: not group.totp_required).totp_required = True
        return groups
