from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _loyalty_tier_cart_summary(self):
        """For the cart: per loyalty program, the points this order will earn (``loyalty_tier``'s preview), the
        customer's card and tier in it, and the tier's perks (programs restricted to that tier), each marked applied
        when one of its rewards is on the order. Visitors without a card see the points only."""
        self.ensure_one()
        preview = {program: points for program, points in self._loyalty_points_preview().items() if points.get("total")}
        if not preview:
            return []
        programs = self.env["loyalty.program"].union(*preview)
        cards = self.env["loyalty.card"]
        # Not for a visitor's cart (the public partner, already known to the preview: no query to read the website's
        # public user).
        if not self.partner_id.is_public:
            cards = cards.search(
                [("program_id", "in", programs.ids), ("partner_id", "in", self._loyalty_tier_card_partners().ids)],
                order="id",
            )
        card_of = {card.program_id: card for card in cards.sorted(lambda card: card.partner_id != self.partner_id)}
        perks = self.env["loyalty.program"]._loyalty_tier_perks(cards.tier_id)
        applied = self.order_line.reward_id.program_id
        summary = []
        for program in programs:
            card = card_of.get(program, cards.browse())
            tier = card.tier_id
            summary.append({
                "program": program,
                "points": preview[program],
                "card": card,
                "tier": tier,
                "perks": [
                    {"program": perk, "applied": perk in applied}
                    for perk in perks
                    if tier in perk.required_tier_ids
                ],
            })
        return summary

    def _loyalty_tier_card_partners(self):
        """Whose cards count for this order: its customer's and their company's, as the portal shows them."""
        return self.partner_id | self.partner_id.commercial_partner_id
