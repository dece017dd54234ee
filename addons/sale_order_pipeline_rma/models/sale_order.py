from odoo import fields, models

from odoo.addons.sale_order_pipeline.lib import pipeline

from ..lib import refund

# The pipeline's last side exit, "Returned/Refunded", becomes two stages: the items came back, then the money.
RETURN_STAGES = [(pipeline.RETURNED, "Returned"), (refund.REFUNDED, "Refunded")]


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # On uninstall, a refunded order falls back to Returned, the stage it was one step past.
    pipeline_stage = fields.Selection(selection_add=RETURN_STAGES, ondelete={refund.REFUNDED: "set returned"})

    def _group_expand_pipeline_stage(self, stages, domain):
        columns = super()._group_expand_pipeline_stage(stages, domain)
        return [*columns, refund.REFUNDED] if refund.REFUNDED in stages else columns

    def _pipeline_refusal(self, old, new, has_reason=False):
        return refund.refusal(old, new, has_reason)

    def _pipeline_refusal_message(self, code, old, new):
        if code == "final_refunded":
            return self.env._("Order %(name)s was refunded; its pipeline is closed.", name=self.name)
        if code == "not_refundable":
            return self.env._(
                "Order %(name)s has not been shipped yet (%(old)s), so it cannot be refunded.",
                name=self.name,
                old=self._pipeline_stage_label(old),
            )
        return super()._pipeline_refusal_message(code, old, new)

    def _pipeline_notify_customer(self, stage):
        if stage == refund.REFUNDED:
            self._pipeline_send_customer_mail(
                self.env.ref("sale_order_pipeline_rma.mail_template_pipeline_refunded", raise_if_not_found=False)
            )
            return
        if stage == pipeline.RETURNED and self._pipeline_rma_told_receipt():
            return
        super()._pipeline_notify_customer(stage)

    def _pipeline_rma_told_receipt(self):
        """Whether rma's own receipt e-mail already told the customer that the items came back (one e-mail, not
        two): its company sends it, and a return of this order was received."""
        self.ensure_one()
        received = self.sudo().rma_ids.reception_move_id.filtered(lambda move: move.state == "done")
        return bool(received) and self.company_id.send_rma_receipt_confirmation

    def _pipeline_follow_refund(self):
        """A credit note of the order's returns was posted: the order is refunded, unless it cannot be any more."""
        for order in self:
            if order._pipeline_refusal(order.pipeline_stage, refund.REFUNDED) is None:
                order._pipeline_move(refund.REFUNDED, source="odoo")
