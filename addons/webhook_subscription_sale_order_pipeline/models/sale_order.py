from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _on_pipeline_stage_changed(self, old_stage, new_stage, history):
        # Like the customer's e-mail: once per stage change, even if the event is raised again for the same history.
        announced = history.notified
        result = super()._on_pipeline_stage_changed(old_stage, new_stage, history)
        if not announced:
            self.env["webhook.subscription"]._webhook_notify("order.status_changed", self, {
                "stage": new_stage,
                "previous_stage": old_stage,
                "stage_changed_at": history.date.isoformat() + "Z",
            })
        return result
