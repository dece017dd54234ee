from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import AuditCase

LOG_MODELS = ("auditlog.log", "auditlog.log.line", "auditlog.log.line.view", "auditlog.rule")
# Roles that must not read the logs: customers, salespeople and their managers, staff, and "Access Rights" (whom
# auditlog alone lets read its log-line report).
REFUSED_ROLES = {
    "portal": "base.group_portal",
    "internal": "base.group_user",
    "salesman": "sales_team.group_sale_salesman",
    "sales manager": "sales_team.group_sale_manager",
    "access rights": "base.group_erp_manager",
}


@tagged("post_install", "-at_install")
class TestAuditAccess(AuditCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = cls.env["res.partner"].with_user(cls.editor).create({"name": "Watched Customer"})
        cls.admin = new_test_user(cls.env, login="stride_audit_admin", groups="base.group_user,base.group_system")

    def test_refused_roles_cannot_read_logs(self):
        for role, group in REFUSED_ROLES.items():
            if not self.env.ref(group, raise_if_not_found=False):
                continue
            user = new_test_user(self.env, login=f"stride_audit_{role.replace(' ', '_')}", groups=group)
            for model in LOG_MODELS:
                with self.subTest(role=role, model=model), self.assertRaises(AccessError):
                    self.env[model].with_user(user).search_read([], ["id"], limit=1)

    def test_settings_reads_logs(self):
        logs = self.env["auditlog.log"].with_user(self.admin).search([
            ("model_model", "=", "res.partner"), ("res_id", "=", self.partner.id),
        ])
        self.assertEqual(logs.mapped("method"), ["create"])
        self.assertTrue(logs.line_ids.with_user(self.admin).read(["old_value_text", "new_value_text"]))
        self.assertTrue(self.env["auditlog.log.line.view"].with_user(self.admin).search_count([]))

    def test_view_logs_action_only_for_auditlog_users(self):
        rule = self.env["auditlog.rule"].search([("model_model", "=", "res.partner")])
        self.assertEqual(rule.action_id.group_ids, self.env.ref("auditlog.group_auditlog_user"))
        self.assertIn(self.env.ref("auditlog.group_auditlog_user"), self.admin.all_group_ids)
