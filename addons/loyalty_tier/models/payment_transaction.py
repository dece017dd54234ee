from odoo import models


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    # --- (owner: points) ----------------------------------------------------------------------------
    def _post_process(self):
        res = super()._post_process()
        # A done transaction is Odoo's other "paid" signal (the shop's online payment, before any invoice).
        self.filtered(lambda tx: tx.state == "done").sale_order_ids.filtered(
            lambda order: order.state == "sale"
        )._loyalty_award_points()
        return res
