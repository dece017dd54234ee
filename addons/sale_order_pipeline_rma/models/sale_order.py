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
        withdrawn = old == refund.REFUNDED and self._pipeline_refund_withdrawn()
        return refund.refusal(old, new, has_reason, refund_withdrawn=withdrawn)

    def _pipeline_refund_withdrawn(self):
        """Whether this order's returns have credit notes, none of them posted any more (reset or cancelled)."""
        self.ensure_one()
        credit_notes = self.sudo().rma_ids.refund_id
        return bool(credit_notes) and not any(move.state == "posted" for move in credit_notes)

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

    def _on_pipeline_stage_changed(self, old_stage, new_stage, history):
        if old_stage == refund.REFUNDED and not history.notified:
            # Back from Refunded: the refund was withdrawn. The customer was told of the money; what went wrong is
            # for the team to explain to them, not a stage e-mail saying again that the items came back.
            history.notified = True
            self._pipeline_notify_team(old_stage, new_stage)
        return super()._on_pipeline_stage_changed(old_stage, new_stage, history)

    def _pipeline_follow_refund_withdrawn(self, credit_notes):
        """``credit_notes`` of the orders' returns were reset to draft or cancelled: a refunded order none of whose
        credit notes stands any more goes back to the stage it was refunded from."""
        for order in self.filtered(lambda order: order.pipeline_stage == refund.REFUNDED):
            if not order._pipeline_refund_withdrawn():
                continue
            refunded = order.pipeline_history_ids.filtered(lambda line: line.stage == refund.REFUNDED)
            previous = refunded.sorted("id")[-1:].previous_stage or pipeline.RETURNED
            theirs = credit_notes.sudo().filtered(
                lambda move, order=order: order in move.invoice_line_ids.rma_id.order_id
            )
            order._pipeline_move(
                previous,
                reason=self.env._(
                    "the refund was withdrawn (credit note %(names)s reset to draft or cancelled)",
                    names=", ".join(theirs.mapped("name")),
                ),
                source="odoo",
            )

    def _pipeline_follow_refund(self):
        """A credit note of the order's returns was posted: the order is refunded, unless it cannot be any more."""
        for order in self:
            if order._pipeline_refusal(order.pipeline_stage, refund.REFUNDED) is None:
                order._pipeline_move(refund.REFUNDED, source="odoo")
