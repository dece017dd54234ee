from odoo import api, models


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    @api.model_create_multi
    def create(self, vals_list):
        transactions = super().create(vals_list)
        # The hold is taken by a payment attempt, and only by one: creating the transaction is that attempt.
        for transaction in transactions.filtered(lambda tx: tx.operation != "validation"):
            for order in transaction.sale_order_ids:
                order._stock_hold_take()
        return transactions

    def _update_state(self, allowed_states, target_state, state_message):
        transactions = super()._update_state(allowed_states, target_state, state_message)
        if target_state in ("error", "cancel"):
            orders = transactions.sale_order_ids
            # Another attempt of the same order still being paid (pending, authorized) keeps the hold it needs.
            paying = orders.transaction_ids.filtered(lambda tx: tx.state in ("pending", "authorized")).sale_order_ids
            (orders - paying)._stock_hold_release()
        return transactions
