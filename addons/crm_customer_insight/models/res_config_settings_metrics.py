from odoo import models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    def set_values(self):
        partners = self.env["res.partner"]
        before = partners._insight_reporting_currency()
        super().set_values()
        if partners._insight_reporting_currency() != before:
            partners._insight_schedule_reconversion()
