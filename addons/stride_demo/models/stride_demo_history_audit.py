from odoo import api, models


class StrideDemoBuilder(models.AbstractModel):
    """Audit trail: the history the demo replays is audited like a real shop's."""

    _inherit = "stride.demo.builder"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _stride_demo_steps(self):
        # 1: before every step that writes. stride_audit subscribes its rules when the registry has finished loading,
        # after this data file of the same install: subscribed here, the steps below leave audit entries.
        return super()._stride_demo_steps() + [(1, "_demo_audit_rules")]

    def _demo_audit_rules(self, shop):
        self.env["auditlog.rule"]._ensure_stride_rules()
