from odoo import fields, models

GENDER_SELECTION = [("men", "Men"), ("women", "Women"), ("kids", "Kids"), ("unisex", "Unisex")]
CATEGORY_SELECTION = [
    ("running", "Running"),
    ("casual", "Casual"),
    ("formal", "Formal"),
    ("boots", "Boots"),
    ("sandals", "Sandals"),
    ("sneakers", "Sneakers"),
    ("hiking", "Hiking"),
    ("slippers", "Slippers"),
]
UPPER_MATERIAL_SELECTION = [
    ("leather", "Leather"),
    ("suede", "Suede"),
    ("synthetic", "Synthetic"),
    ("mesh", "Textile mesh"),
    ("canvas", "Canvas"),
    ("knit", "Knit"),
]
SOLE_MATERIAL_SELECTION = [
    ("rubber", "Rubber"),
    ("eva", "EVA foam"),
    ("leather", "Leather"),
    ("tpu", "TPU"),
    ("cork", "Cork"),
]
CLOSURE_SELECTION = [
    ("laces", "Laces"),
    ("velcro", "Hook and loop"),
    ("zip", "Zip"),
    ("buckle", "Buckle"),
    ("slip_on", "Slip-on"),
    ("boa", "Dial (BOA)"),
]
WIDTH_SELECTION = [("narrow", "Narrow"), ("standard", "Standard"), ("wide", "Wide"), ("extra_wide", "Extra wide")]


class ProductTemplate(models.Model):
    _inherit = "product.template"

    is_shoe = fields.Boolean("Is a shoe", help="Shoes get sizes, widths and size guides; gifts and accessories do not.")
    shoe_brand_id = fields.Many2one("shoe.brand", "Brand", index="btree_not_null", ondelete="restrict")
    shoe_gender = fields.Selection(GENDER_SELECTION, "Gender")
    shoe_category = fields.Selection(CATEGORY_SELECTION, "Shoe category")
    shoe_upper_material = fields.Selection(UPPER_MATERIAL_SELECTION, "Upper material")
    shoe_sole_material = fields.Selection(SOLE_MATERIAL_SELECTION, "Sole material")
    shoe_closure = fields.Selection(CLOSURE_SELECTION, "Closure")
    shoe_width = fields.Selection(WIDTH_SELECTION, "Width")
    shoe_sku_prefix = fields.Char("SKU prefix", help="Start of the SKUs of this model's size runs.")

    def _get_shoe_size_chart(self):
        """Lib size chart for this shoe: its brand's rows over the default chart."""
        self.ensure_one()
        return self.env["shoe.size.chart"]._get_chart(self.shoe_brand_id)

    def action_open_size_run_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Create size run"),
            "res_model": "shoe.size.run.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_product_tmpl_id": self.id},
        }
