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
        # The cards the preview and the perk checks have read already (none for a visitor's cart).
        cards = self.loyalty_customer_card_ids.filtered(lambda card: card.program_id in programs)
        card_of = {card.program_id: card for card in cards.sorted(lambda card: card.partner_id != self.partner_id)}
        perks = self.env["loyalty.program"]._loyalty_tier_perks(cards.tier_id, self._get_confirmed_tx_create_date())
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
                    if tier.id in perk._tier_perk_tier_ids()[0]
                ],
            })
        return summary
