from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        # rma creates the credit note of a return in draft (action_refund); posting it is the refund.
        refunds = posted.filtered(lambda move: move.move_type == "out_refund")
        if refunds:
            refunds.sudo().invoice_line_ids.rma_id.order_id._pipeline_follow_refund()
        return posted

    def button_draft(self):
        # Resetting a posted credit note of a return withdraws the refund (button_cancel resets through here too).
        withdrawn = self.filtered(lambda move: move.move_type == "out_refund" and move.state == "posted")
        orders = withdrawn.sudo().invoice_line_ids.rma_id.order_id
        result = super().button_draft()
        orders._pipeline_follow_refund_withdrawn(withdrawn)
        return result
