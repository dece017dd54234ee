from odoo import fields, models
from odoo.exceptions import MissingError
from odoo.tools import format_amount

from odoo.addons.loyalty_tier.lib.tiers import progress

# How far along the way to the next tier a member must be for a call to be worth it.
CLOSE_TO_NEXT_TIER = 0.8


class CrmCustomerSuggestion(models.Model):
    _inherit = "crm.customer.suggestion"

    kind = fields.Selection(
        selection_add=[("loyalty_tier", "Close to the next loyalty tier")], ondelete={"loyalty_tier": "cascade"}
    )

    def _suggestion_candidates(self, now):
        return super()._suggestion_candidates(now) + self._candidates_loyalty_tier()

    def _candidates_loyalty_tier(self):
        """Members of tiered loyalty programs at 80% or more of the next tier, from the 12-month spend and orders
        the tier review keeps on their card: a small order away, the call that earns them the tier."""
        cards = self.env["loyalty.card"].search(
            [
                ("partner_id", "!=", False),
                ("program_id.active", "=", True),
                ("program_id.program_type", "=", "loyalty"),
                ("program_id.tier_ids", "!=", False),
                ("partner_id.commercial_partner_id.customer_status", "!=", "blocked"),
            ]
        )
        close = []
        for program, program_cards in cards.grouped("program_id").items():
            rules = program.tier_ids._tier_rules()
            for card in program_cards:
                distance = progress(rules, card.tier_id.id or None, card.tier_spend_12m, card.tier_orders_12m)
                if distance["next"] and CLOSE_TO_NEXT_TIER <= distance["ratio"] < 1.0:
                    close.append((card, program.tier_ids.browse(distance["next"]), distance))
        usual = self._usual_products(
            self.env["res.partner"].union(*(card.partner_id.commercial_partner_id for card, *_ in close))
        )
        candidates = []
        for card, tier, distance in close:
            partner = card.partner_id.commercial_partner_id
            candidates.append(
                {
                    "partner_id": partner.id,
                    "kind": "loyalty_tier",
                    "reference": f"{card.id}:{tier.id}",
                    "reason_facts": self._loyalty_tier_facts(card, tier, distance),
                    "product_ids": [fields.Command.set(usual.get(partner.id, []))],
                }
            )
        return candidates

    def _loyalty_tier_facts(self, card, tier, distance):
        return {
            "missing_spend": distance["missing_spend"],
            "missing_orders": distance["missing_orders"],
            "currency_id": card.currency_id.id,
            "tier_id": tier.id,
            "spend": card.tier_spend_12m,
            "orders": card.tier_orders_12m,
            "points": card.points_display,
        }

    def _reason_text(self, facts):
        """E.g. "45.00 € more in 12 months reaches Gold (now 955.00 €, 4 orders; 320 points on the card)"."""
        if self.kind != "loyalty_tier":
            return super()._reason_text(facts)
        currency = self.env["res.currency"].browse(facts["currency_id"])
        # Read as superuser: the sentence is read by whoever may read the suggestion, a read-only user included, who
        # has no access to loyalty tiers. The tier may have been deleted since the night the suggestion was made
        # (caught rather than checked with exists(), which would cost a query per suggestion of a list).
        try:
            tier = self.env["loyalty.tier"].sudo().browse(facts["tier_id"]).name
        except MissingError:
            tier = self.env._("the next tier")
        missing = []
        if facts["missing_spend"]:
            missing.append(format_amount(self.env, facts["missing_spend"], currency))
        if facts["missing_orders"]:
            missing.append(self.env._("%(count)s order(s)", count=facts["missing_orders"]))
        return self.env._(
            "%(missing)s more in 12 months reaches %(tier)s (now %(spend)s over %(orders)s orders; %(points)s on the "
            "card).",
            missing=self.env._(" and ").join(missing),
            tier=tier,
            spend=format_amount(self.env, facts["spend"], currency),
            orders=facts["orders"],
            points=facts["points"],
        )
