from odoo import models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    def write(self, vals):
        res = super().write(vals)
        # A product moved into a watched category, or made storable, is covered like a new one.
        if {"categ_id", "is_storable", "active"} & set(vals):
            self.product_variant_ids._apply_category_thresholds()
        return res
