from odoo.http import request, route

from odoo.addons.website_sale.controllers.variant import WebsiteSaleVariantController


class WebsiteSaleLoyaltyTierVariantController(WebsiteSaleVariantController):
    @route()
    def get_combination_info_website(self, *args, **kwargs):
        """The points the chosen variant's price earns, in the combination info the product page already asks for
        when the customer picks another variant: the figures and their HTML (the page's own template)."""
        request.update_context(website_sale_loyalty_tier_points=True)
        combination_info = super().get_combination_info_website(*args, **kwargs)
        programs = request.env["loyalty.program"].sudo()
        loyalty_points = [
            (programs.browse(earn["program_id"]), earn["points"])
            for earn in combination_info.get("loyalty_tier_points", [])
        ]
        # A variant that earns nothing needs no template rendered: the page empties the figure.
        combination_info["loyalty_tier_points_html"] = loyalty_points and request.env["ir.ui.view"]._render_template(
            "website_sale_loyalty_tier.product_loyalty_points_lines", {"loyalty_points": loyalty_points}
        ) or ""
        return combination_info
