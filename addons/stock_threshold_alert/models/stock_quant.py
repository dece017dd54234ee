from odoo import api, models

LEVEL_FIELDS = {"quantity", "reserved_quantity", "location_id", "product_id"}


class StockQuant(models.Model):
    _inherit = "stock.quant"

    @api.model_create_multi
    def create(self, vals_list):
        quants = super().create(vals_list)
        self.env["stock.threshold.alert"]._queue_products(quants.product_id)
        return quants

    def write(self, vals):
        if not LEVEL_FIELDS & set(vals):
            return super().write(vals)
        products_before = self.product_id
        res = super().write(vals)
        self.env["stock.threshold.alert"]._queue_products(products_before | self.product_id)
        return res

    def unlink(self):
        products = self.product_id
        res = super().unlink()
        self.env["stock.threshold.alert"]._queue_products(products)
        return res
