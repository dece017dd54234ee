from odoo import models


class LoyaltyProgram(models.Model):
    _inherit = "loyalty.program"

    def _loyalty_tier_format_points(self, points):
        """``points`` as Odoo's cards show them for this program (``120 Points``, or an amount for a currency)."""
        self.ensure_one()
        return self.env["loyalty.card"].new({"program_id": self.id})._format_points(points)
