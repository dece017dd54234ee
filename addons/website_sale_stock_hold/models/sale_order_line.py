from odoo import api, models

# What a cart's hold was checked against: changing any of these on a held line drops the hold until the next payment.
HELD_LINE_FIELDS = ("product_id", "product_uom_qty", "product_uom_id")


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._stock_hold_release_changed_orders()
        return lines

    def write(self, vals):
        if not any(name in vals for name in HELD_LINE_FIELDS):
            return super().write(vals)
        self._stock_hold_release_changed_orders()
        result = super().write(vals)
        self._stock_hold_release_changed_orders()
        return result

    def unlink(self):
        self._stock_hold_release_changed_orders()
        return super().unlink()

    def _stock_hold_release_changed_orders(self):
        self.env["sale.order"]._stock_hold_forget_held()
        # Before a write for the products leaving a line, after it for those coming in.
        held = self.filtered(lambda line: line.order_id.stock_hold_until and line._stock_hold_is_held())
        held.order_id._stock_hold_release()

    def _stock_hold_is_held(self):
        """Whether the hold of the cart covers this line: website_sale_stock checks the stock of such products only."""
        self.ensure_one()
        return self.product_id.is_storable and not self.product_id.allow_out_of_stock_order
