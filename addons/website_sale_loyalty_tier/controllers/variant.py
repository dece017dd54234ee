import math

from werkzeug.exceptions import BadRequest

from odoo.exceptions import MissingError
from odoo.http import request, route

from odoo.addons.website_sale.controllers.variant import WebsiteSaleVariantController

# PostgreSQL's integer: a larger id would fail in the database.
MAX_ID = 2**31 - 1


def _record_id(value, required=False):
    """Whether ``value`` is an id as the product page sends it (a number, or its ASCII digits), or empty if allowed."""
    if not value and not required and not isinstance(value, (list, dict)):
        return True
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value)
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID


def _quantity(value):
    if not value and not isinstance(value, (list, dict)):
        return True
    try:
        return math.isfinite(float(value)) if isinstance(value, (int, float, str)) and value is not True else False
    except ValueError:
        return False


class WebsiteSaleLoyaltyTierVariantController(WebsiteSaleVariantController):
    @route()
    def get_combination_info_website(self, *args, **kwargs):
        """The points the chosen variant's price earns, in the combination info the product page already asks for
        when the customer picks another variant: the figures and their HTML (the page's own template).

        Odoo casts the arguments with int() and float() and browses what it gets: a malformed one, or a product that
        does not exist, was a server error; it is a bad request."""
        self._loyalty_tier_check_combination_request(*args, **kwargs)
        request.update_context(website_sale_loyalty_tier_points=True)
        try:
            combination_info = super().get_combination_info_website(*args, **kwargs)
        except MissingError:  # an unknown product, found by Odoo's own read: no query of ours on the product page
            raise BadRequest() from None
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

    def _loyalty_tier_check_combination_request(
        self, *args, product_template_id=None, product_id=None, combination=None, add_qty=None, uom_id=None, **kwargs
    ):
        required = ("product_template_id", "product_id", "combination", "add_qty")
        combination = combination if isinstance(combination, list) else None
        if (
            args
            or any(name not in request.params for name in required)
            or not _record_id(product_template_id, required=True)
            or not _record_id(product_id)
            or not _record_id(uom_id)
            or combination is None
            or not all(_record_id(value, required=True) for value in combination)
            or not _quantity(add_qty)
        ):
            raise BadRequest()
