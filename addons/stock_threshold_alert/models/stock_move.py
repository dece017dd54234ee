from odoo import api, models

# A move changes the forecast when it is confirmed, cancelled, done or its quantity changes; reservations and
# on-hand changes are seen on the quants (stock_quant.py).
FORECAST_FIELDS = {"state", "product_uom_qty", "product_id", "location_id", "location_dest_id"}


class StockMove(models.Model):
    _inherit = "stock.move"

    @api.model_create_multi
    def create(self, vals_list):
        moves = super().create(vals_list)
        self.env["stock.threshold.alert"]._queue_products(moves.filtered(lambda m: m.state != "draft").product_id)
        return moves

    def write(self, vals):
        if not FORECAST_FIELDS & set(vals):
            return super().write(vals)
        products_before = self.product_id
        res = super().write(vals)
        self.env["stock.threshold.alert"]._queue_products(products_before | self.product_id)
        return res
