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
