from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .auditlog_autovacuum import DEFAULT_RETENTION_DAYS, RETENTION_PARAMETER


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    audit_retention_days = fields.Integer(
        "Keep Audit Logs (days)",
        config_parameter=RETENTION_PARAMETER,
        default=DEFAULT_RETENTION_DAYS,
        help="Audit log entries older than this are deleted by the daily clean-up.",
    )

    @api.constrains("audit_retention_days")
    def _check_audit_retention_days(self):
        for settings in self:
            if settings.audit_retention_days < 1:
                raise ValidationError(self.env._("Audit logs must be kept for at least one day."))
