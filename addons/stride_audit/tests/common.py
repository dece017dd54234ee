from odoo.tests import TransactionCase, new_test_user

# The groups of the user who makes the audited changes, those of them that are installed (only auditlog and base_setup
# are dependencies of stride_audit).
EDITOR_GROUPS = (
    "base.group_user",
    "base.group_partner_manager",
    "base.group_erp_manager",
    "sales_team.group_sale_manager",
    "product.group_product_manager",
    "stock.group_stock_manager",
)


class AuditCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        groups = [xmlid for xmlid in EDITOR_GROUPS if cls.env.ref(xmlid, raise_if_not_found=False)]
        cls.editor = new_test_user(cls.env, login="stride_audit_editor", groups=",".join(groups))

    def _skip_unless_installed(self, model):
        if model not in self.env:
            self.skipTest(f"{model} is not installed")

    def _logs(self, record, method):
        return self.env["auditlog.log"].search([
            ("model_model", "=", record._name), ("res_id", "=", record.id), ("method", "=", method),
        ], order="id")

    def assertChangeLogged(self, record, method, field_name, old, new, user=None):
        """The last log of ``method`` on ``record`` that has ``field_name`` says who (``user``, the editor by
        default), when (the transaction's time) and ``old`` → ``new`` (auditlog's text of the values)."""
        logs = self._logs(record, method).filtered(lambda log: field_name in log.line_ids.mapped("field_name"))
        self.assertTrue(logs, f"{field_name} is in no {method} log of {record}")
        log = logs[-1]
        self.assertEqual(log.user_id, user or self.editor)
        self.assertEqual(log.create_date, self.env.cr.now())
        line = log.line_ids.filtered(lambda line: line.field_name == field_name)
        self.assertEqual((line.old_value_text, line.new_value_text), (old, new))
        return log
