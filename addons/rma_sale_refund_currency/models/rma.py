from collections import defaultdict

from odoo import models


class Rma(models.Model):
    _inherit = "rma"

    def action_refund(self):
        # rma groups the returns refunded together by customer and company into one credit note: returns of orders
        # in different currencies must not share one, so each currency goes through rma's grouping on its own.
        by_currency = defaultdict(lambda: self.browse())
        for rma in self:
            by_currency[rma._refund_currency()] |= rma
        result = None
        for rmas in by_currency.values():
            result = super(Rma, rmas).action_refund()
        return result

    def _prepare_refund_vals(self, origin=False):
        # rma_sale copies the order's prices (or its invoice's lines) into the credit note but not the currency
        # they are in: the credit note took the company's.
        vals = super()._prepare_refund_vals(origin=origin)
        currency = self._refund_currency()
        if currency:
            vals["currency_id"] = currency.id
        return vals

    def _refund_currency(self):
        """The currency of what this return refunds: its order's (an empty recordset without an order)."""
        self.ensure_one()
        return self._get_sale_line().order_id.currency_id
