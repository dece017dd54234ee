from odoo import api, models


class LoyaltyProgram(models.Model):
    _inherit = "loyalty.program"

    def _loyalty_tier_format_points(self, points):
        """``points`` as Odoo's cards show them for this program (``120 Points``, or an amount for a currency)."""
        self.ensure_one()
        return self.env["loyalty.card"].new({"program_id": self.id})._format_points(points)

    @api.model
    def _loyalty_tier_perks(self, tiers, today):
        """The active programs kept for members of ``tiers`` (``loyalty_tier``'s ``required_tier_ids``) that have not
        ended by ``today`` (the loyalty day of the order or website asking): the perks the portal and the cart list,
        in the programs' order. One that starts later stays listed (an early access is a perk). Found in
        ``loyalty_tier``'s cached perk facts, then read as the caller (the cart and the portal read them with sudo): a
        cart has just read the perks it checked."""
        tier_ids = set(tiers.ids)
        if not tier_ids:
            return self.browse()
        perks = self.browse(
            program_id
            for program_id, (required, _early_access) in self._tier_perk_facts().items()
            if required & tier_ids
        )
        perks = perks.filtered_domain(
            [("active", "=", True), "|", ("date_to", "=", False), ("date_to", ">=", today)]
        )
        return perks.sorted(lambda program: (program.sequence, program.id))
