from odoo import api, fields, models


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
        self.env["res.groups"]._require_totp_of_administrators_and_managers()
        return {"type": "ir.actions.client", "tag": "reload"}
