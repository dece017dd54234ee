from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _insight_refund_customers(self):
        """The commercial partners whose orders these posted credit notes refund, but those a pending reconversion
        has not reached yet (it counts the credit note when it gets to them)."""
        refunds = self.filtered(lambda move: move.move_type == "out_refund").sudo()
        customers = refunds.line_ids.sale_line_ids.order_id.partner_id.commercial_partner_id
        return customers._insight_reached_by_reconversion()

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted._insight_refund_customers()._insight_refresh_metrics()
        return posted

    def button_draft(self):
        # Also the way out of a posted credit note for button_cancel, which resets posted moves through here.
        customers = self.filtered(lambda move: move.state == "posted")._insight_refund_customers()
        result = super().button_draft()
        customers._insight_refresh_metrics()
        return result
