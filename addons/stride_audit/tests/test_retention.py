from datetime import timedelta

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from .common import AuditCase


@tagged("post_install", "-at_install")
class TestRetention(AuditCase):
    def _log_aged(self, days):
        partner = self.env["res.partner"].create({"name": f"Aged {days} days"})
        log = self._logs(partner, "create")
        self.env.cr.execute(SQL(
            "UPDATE auditlog_log SET create_date = %s WHERE id = %s", self.env.cr.now() - timedelta(days=days), log.id,
        ))
        log.invalidate_recordset(["create_date"])
        return log

    def test_cron_deletes_logs_older_than_the_setting(self):
        settings = self.env["res.config.settings"].create({"audit_retention_days": 30})
        settings.execute()
        self.assertEqual(self.env["ir.config_parameter"].get_param("stride_audit.retention_days"), "30")
        kept, expired = self._log_aged(29), self._log_aged(31)
        cron = self.env.ref("auditlog.ir_cron_auditlog_autovacuum")
        self.assertTrue(cron.active)
        cron.ir_actions_server_id.run()
        self.assertTrue(kept.exists())
        self.assertFalse(expired.exists())

    def test_default_retention_is_a_year(self):
        self.assertEqual(self.env["res.config.settings"].create({}).audit_retention_days, 365)
        self.assertEqual(self.env["auditlog.autovacuum"]._retention_days(), 365)

    def test_invalid_retention_keeps_a_year(self):
        self.env["ir.config_parameter"].set_param("stride_audit.retention_days", "0")
        kept = self._log_aged(200)
        with mute_logger("odoo.addons.stride_audit.models.auditlog_autovacuum"):
            self.env["auditlog.autovacuum"]._autovacuum_after_retention()
        self.assertTrue(kept.exists(), "0 days must not mean 'delete every log'")

    def test_settings_refuse_less_than_a_day(self):
        with self.assertRaises(ValidationError):
            self.env["res.config.settings"].create({"audit_retention_days": 0})
