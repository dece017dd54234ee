from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    # --- (owner: points) ----------------------------------------------------------------------------
    def _post(self, soft=True):
        posted = super()._post(soft)
        # A credit note takes back its share of the points of the orders it refunds.
        for refund in posted.filtered(lambda move: move.move_type == "out_refund"):
            refund.invoice_line_ids.sale_line_ids.order_id._loyalty_reverse_points(refund=refund)
        return posted

    def button_draft(self):
        # A credit note reset to draft no longer refunds anything: its orders get back the points it took (posting
        # it again takes them once more, as the reversal follows the posted credit notes, never the postings).
        refunds = self.filtered(lambda move: move.move_type == "out_refund" and move.state == "posted")
        res = super().button_draft()
        for refund in refunds:
            refund.invoice_line_ids.sale_line_ids.order_id._loyalty_reverse_points(refund=refund)
        return res

    def _invoice_paid_hook(self):
        # Odoo's signal that an invoice became paid: orders that earn "when paid" may now be paid in full.
        res = super()._invoice_paid_hook()
        self.filtered(lambda move: move.move_type == "out_invoice").invoice_line_ids.sale_line_ids.order_id.filtered(
            lambda order: order.state == "sale"
        )._loyalty_award_points()
        return res
