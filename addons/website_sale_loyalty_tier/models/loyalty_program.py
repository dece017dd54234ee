from odoo import api, fields, models


class LoyaltyProgram(models.Model):
    _inherit = "loyalty.program"

    def _loyalty_tier_format_points(self, points):
        """``points`` as Odoo's cards show them for this program (``120 Points``, or an amount for a currency)."""
        self.ensure_one()
        return self.env["loyalty.card"].new({"program_id": self.id})._format_points(points)

    @api.model
    def _loyalty_tier_perks(self, tiers):
        """The programs kept for members of ``tiers`` (``loyalty_tier``'s ``required_tier_ids``) that have not ended:
        the perks the portal and the cart list. One that starts later stays listed (an early access is a perk)."""
        if not tiers:
            return self.browse()
        today = fields.Date.context_today(self)
        return self.search(
            [("required_tier_ids", "in", tiers.ids), "|", ("date_to", "=", False), ("date_to", ">=", today)]
        )
