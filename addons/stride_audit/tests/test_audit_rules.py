from unittest.mock import patch

from odoo.tests import tagged

from ..models.auditlog_rule import AUDITED_MODELS
from .common import AuditCase


@tagged("post_install", "-at_install")
class TestAuditRules(AuditCase):
    def test_installed_models_have_subscribed_rules_with_their_fields(self):
        for audited in AUDITED_MODELS:
            rule = self.env.ref(f"stride_audit.auditlog_rule_{audited.model.replace('.', '_')}", False)
            if audited.model not in self.env or not set(audited.fields) & set(self.env[audited.model]._fields):
                self.assertFalse(rule, "no rule while its model or fields are not installed")
                continue
            with self.subTest(model=audited.model):
                self.assertEqual(rule.state, "confirmed")
                self.assertEqual(rule.log_type, "full")
                self.assertFalse(rule.log_read)
                self.assertTrue(rule.log_export_data)
                self.assertEqual(
                    {operation for operation in ("create", "write", "unlink") if rule[f"log_{operation}"]},
                    set(audited.operations),
                )
                logged = set(rule.logged_field_ids.mapped("name"))
                self.assertTrue(logged)
                self.assertLessEqual(logged, set(audited.fields))
                self.assertTrue(hasattr(self.registry[audited.model], "auditlog_ruled_write"))

    def test_fields_not_listed_are_not_logged(self):
        partner = self.env["res.partner"].create({"name": "Quiet", "email": "quiet@example.com"})
        partner.with_user(self.editor).write({"comment": "<p>Prefers e-mail</p>", "email": "q@example.com"})
        self.assertEqual(self._logs(partner, "write").line_ids.mapped("field_name"), ["email"])

    def test_write_that_cannot_change_a_logged_field_skips_the_audit(self):
        partner = self.env["res.partner"].create({"name": "Quiet"})
        rule_class = self.registry["auditlog.rule"]
        with patch.object(rule_class, "create_logs", autospec=True, side_effect=rule_class.create_logs) as logs:
            partner.with_user(self.editor).comment = "<p>Only a note</p>"
            self.assertFalse(logs.called)
            partner.with_user(self.editor).phone = "+84 24 1234 5678"
            self.assertTrue(logs.called)

    def test_audited_write_reads_only_the_logged_fields_it_may_change(self):
        country = self.env.ref("base.vn")
        partner = self.env["res.partner"].create({"name": "Read less", "country_id": country.id})
        rule_class = self.registry["auditlog.rule"]
        original = rule_class.get_auditlog_fields
        read_lists = []

        def get_auditlog_fields(rules, model):
            fields_list = original(rules, model)
            read_lists.append((model._name, fields_list))
            return fields_list

        with patch.object(rule_class, "get_auditlog_fields", autospec=True, side_effect=get_auditlog_fields):
            partner.with_user(self.editor).write({"phone": "+84 24 1234 5678", "comment": "<p>Call first</p>"})
            partner.with_user(self.editor).write({"country_id": self.env.ref("base.fr").id})
        self.assertEqual(read_lists, [("res.partner", ["phone"]), ("res.partner", ["country_id"])])
        self.assertChangeLogged(partner, "write", "phone", False, "+84 24 1234 5678")
        line = self._logs(partner, "write")[-1].line_ids
        self.assertEqual(line.field_name, "country_id")
        self.assertIn(country.display_name, line.old_value_text)
        self.assertIn(self.env.ref("base.fr").display_name, line.new_value_text)
        # A write that may change anything (an unknown field) reads every logged field, as auditlog does.
        rules = self.env["auditlog.rule"]
        self.assertIsNone(rules._logged_fields_changed_by("res.partner", ("no_such_field", "phone")))

    def test_write_on_the_same_record_inside_an_audited_write_is_logged(self):
        partner = self.env["res.partner"].create({"name": "Nested"})
        partner_class = self.registry["res.partner"]

        def sync_then_write_again(record, values):
            # A write of the same record by code that runs inside the first one (as an override may do).
            if "name" in values:
                record.write({"phone": "+84 24 0000 0000"})

        with patch.object(partner_class, "_fields_sync", autospec=True, side_effect=sync_then_write_again):
            partner.with_user(self.editor).write({"name": "Nested again"})
        self.assertEqual(partner.phone, "+84 24 0000 0000")
        self.assertChangeLogged(partner, "write", "name", "Nested", "Nested again")
        self.assertChangeLogged(partner, "write", "phone", False, "+84 24 0000 0000")

    def test_export_is_logged_and_reads_are_not(self):
        partner = self.env["res.partner"].create({"name": "Exported"})
        partner.with_user(self.editor).read(["name", "email"])
        self.assertFalse(self._logs(partner, "read"))
        partner.with_user(self.editor).export_data(["name", "email"])
        export = self.env["auditlog.log"].search([("model_model", "=", "res.partner"), ("method", "=", "export_data")])
        self.assertEqual(export.user_id, self.editor)
        self.assertEqual(export.res_ids, str(partner.ids))

    def test_missing_rule_is_created_again_and_own_rules_left_alone(self):
        groups_rule = self.env.ref("stride_audit.auditlog_rule_res_groups")
        groups_rule.unlink()
        admin_rule = self.env["auditlog.rule"].create({
            "name": "Mine", "model_id": self.env["ir.model"]._get("res.groups").id, "log_create": False,
        })
        self.assertFalse(self.env["auditlog.rule"]._ensure_stride_rules())
        self.assertFalse(admin_rule.logged_field_ids)
        admin_rule.unlink()
        created = self.env["auditlog.rule"]._ensure_stride_rules()
        self.assertEqual(created.model_model, "res.groups")
        self.assertEqual(created, self.env.ref("stride_audit.auditlog_rule_res_groups"))
        self.assertEqual(created.state, "confirmed")
