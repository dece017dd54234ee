from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.auth_session_timeout.models.ir_config_parameter import DELAY_KEY


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # auth_session_timeout keeps the delay in seconds under its own key; people think of it in minutes.
    session_idle_timeout_minutes = fields.Integer(
        string="Idle Session Timeout (minutes)",
        compute="_compute_session_idle_timeout_minutes",
        inverse="_inverse_session_idle_timeout_minutes",
        readonly=False,
        help="A backend session unused for this long is closed: the next page asks to log in again. "
        "0 keeps idle sessions open. Customers' portal sessions last 7 days.",
    )

    @api.depends("company_id")
    def _compute_session_idle_timeout_minutes(self):
        seconds = self.env["ir.config_parameter"].sudo()._auth_timeout_get_parameter_delay()
        for settings in self:
            settings.session_idle_timeout_minutes = max(seconds, 0) // 60

    def _inverse_session_idle_timeout_minutes(self):
        params = self.env["ir.config_parameter"].sudo()
        for settings in self:
            if settings.session_idle_timeout_minutes < 0:
                raise ValidationError(self.env._("The idle session timeout cannot be negative."))
            seconds = settings.session_idle_timeout_minutes * 60
            if params.get_param(DELAY_KEY) != str(seconds):
                params.set_param(DELAY_KEY, seconds)
                # auth_session_timeout caches the delay and clears it when its parameter is written, not when
                # the parameter is created anew (after someone deleted it).
                self.env.registry.clear_cache()
