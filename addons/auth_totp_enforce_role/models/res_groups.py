from odoo import api, fields, models, tools


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
