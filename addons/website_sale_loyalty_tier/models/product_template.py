from odoo import models
from odoo.http import request


class ProductTemplate(models.Model):
    _inherit = "product.template"

    def _get_combination_info(self, *args, **kwargs):
        # Only where the product page asks for it (its variant change, see controllers/variant.py): the cart and the
        # shop's other callers of this hook do not pay for the loyalty programs' lookup.
        combination_info = super()._get_combination_info(*args, **kwargs)
        if self.env.context.get("website_sale_loyalty_tier_points"):
            combination_info["loyalty_tier_points"] = [
                {"program_id": program.id, "points": points}
                for program, points in request.website._loyalty_tier_points_for_price(
                    combination_info["price"], combination_info["currency"], request.pricelist
                )
            ]
        return combination_info
