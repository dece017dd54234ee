from odoo.tests import tagged

from odoo.addons.auditlog.models import auditlog_rule

from .common import AuditCase


@tagged("post_install", "-at_install")
class TestThrowAwayCache(AuditCase):
    """The two bugs of auditlog 19.0.2.0.1's throwaway cache (auditlog reads old and new values with it during every
    audited write). Tags are used where a model that is not audited is needed: their write leaves values to flush."""

    def test_audited_write_keeps_the_fields_the_orm_protects(self):
        # A copy of the protected map sharing its maps: the audit emptied the real one during the write.
        partner, other = self.env["res.partner"].create([{"name": "Protected"}, {"name": "Audited"}])
        name = partner._fields["name"]
        with self.env.protecting([name], partner):
            other.with_user(self.editor).email = "audited@example.com"
            self.assertTrue(self.env.is_protected(name, partner))
        self.assertFalse(self.env.is_protected(name, partner))
        self.assertTrue(self._logs(other, "write"))

    def test_value_changed_inside_the_throwaway_cache_does_not_reach_the_flush(self):
        # An environment that memoized the dirty map marked records dirty in the real map while their values went
        # to the throwaway cache: "Could not find all values of res.partner.category(…) to flush".
        tag = self.env["res.partner.category"].create({"name": "Sale", "color": 1})
        tag.color = 2  # this environment memoizes the dirty map
        self.env.flush_all()
        tag.invalidate_recordset()  # nothing in the real cache to flush by mistake
        with auditlog_rule.ThrowAwayCache(self.env):
            tag.color = 3
        self.env.flush_all()
        tag.invalidate_recordset()
        self.assertEqual(tag.color, 2)

    def test_environment_first_used_inside_marks_the_real_dirty_map_afterwards(self):
        tag = self.env["res.partner.category"].create({"name": "Sale", "color": 1})
        self.env.flush_all()
        other_env = self.env(context=dict(self.env.context, stride_audit_other_env=True))
        with auditlog_rule.ThrowAwayCache(self.env):
            tag.with_env(other_env).color = 3  # this environment memoizes the throwaway dirty map
        tag.with_env(other_env).color = 4
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(tag.color, 4)
