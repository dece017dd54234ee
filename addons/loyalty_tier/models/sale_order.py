from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # --- (owner: points) ----------------------------------------------------------------------------
    def _loyalty_value_in(self, currency):
        """The order's loyalty value in ``currency`` at the rate of the order's date: the untaxed amount of its
        lines after discounts, without delivery lines and without gift card or eWallet purchases.
        Tiers (12-month spend) and earning count the same value."""
        self.ensure_one()
        return 0.0

    def _loyalty_points_preview(self):
        """For the cart: ``{program: {"value": x, "frequency": y, "streak": z, "total": t}}``, the points this order
        will earn when it counts (paid or confirmed, as each program says)."""
        self.ensure_one()
        return {}
