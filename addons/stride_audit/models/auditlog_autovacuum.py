import logging

from odoo import api, models

_logger = logging.getLogger(__name__)

RETENTION_PARAMETER = "stride_audit.retention_days"
DEFAULT_RETENTION_DAYS = 365


class AuditlogAutovacuum(models.TransientModel):
    _inherit = "auditlog.autovacuum"

    @api.model
    def _retention_days(self):
        """The retention period set in Settings; the default when it is unset or not a positive number of days
        (auditlog reads 0 days as "delete every log")."""
        value = self.env["ir.config_parameter"].sudo().get_param(RETENTION_PARAMETER, DEFAULT_RETENTION_DAYS)
        try:
            days = int(value)
        except (TypeError, ValueError):
            days = 0
        if days < 1:
            _logger.warning("%s is %r, not a positive number of days: %s days are kept",
                            RETENTION_PARAMETER, value, DEFAULT_RETENTION_DAYS)
            return DEFAULT_RETENTION_DAYS
        return days

    @api.model
    def _autovacuum_after_retention(self):
        """Called by auditlog's daily cron: delete the logs older than the retention period."""
        return self.autovacuum(self._retention_days())
