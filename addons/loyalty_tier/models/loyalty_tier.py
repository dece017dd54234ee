from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib.tiers import TierRule, first_unordered


class LoyaltyTier(models.Model):
    _name = "loyalty.tier"
    _description = "Loyalty Tier"
    _order = "program_id, sequence, id"

    program_id = fields.Many2one("loyalty.program", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="program_id.company_id", store=True)
    currency_id = fields.Many2one(related="program_id.currency_id")
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10, help="Tiers rank from the lowest sequence up.")
    color = fields.Integer()
    qualify_by = fields.Selection(
        [
            ("spend", "12-month spend"),
            ("orders", "12-month orders"),
            ("spend_and_orders", "Spend and orders"),
            ("spend_or_orders", "Spend or orders"),
        ],
        default="spend",
        required=True,
    )
    min_spend = fields.Monetary(string="Minimum 12-month spend", currency_field="currency_id")
    min_orders = fields.Integer(string="Minimum 12-month orders")
    points_multiplier = fields.Float(default=1.0, help="Value points of members are multiplied by this.")
    perk_description = fields.Text(string="Perks", translate=True)
    member_count = fields.Integer(string="Members", compute="_compute_member_count")

    _min_spend_positive = models.Constraint("CHECK (min_spend >= 0)", "A tier's minimum spend cannot be negative.")
    _min_orders_positive = models.Constraint(
        "CHECK (min_orders >= 0)", "A tier's minimum number of orders cannot be negative."
    )
    _points_multiplier_positive = models.Constraint(
        "CHECK (points_multiplier >= 0)", "A tier's points multiplier cannot be negative."
    )

    def _compute_member_count(self):
        counts = dict(self.env["loyalty.card"]._read_group([("tier_id", "in", self.ids)], ["tier_id"], ["__count"]))
        for tier in self:
            tier.member_count = counts.get(tier, 0)

    @api.constrains("program_id", "sequence", "min_spend", "min_orders")
    def _check_thresholds_grow_with_rank(self):
        for program in self.program_id:
            tiers = program.tier_ids.sorted(lambda tier: (tier.sequence, tier.id))
            offender = first_unordered(list(zip(tiers.mapped("name"), tiers._tier_rules(), strict=True)))
            if offender:
                raise ValidationError(
                    self.env._(
                        "Tier %(tier)s of %(program)s must ask for more than the tier below it: more spend or more "
                        "orders, and less of neither.",
                        tier=offender,
                        program=program.name,
                    )
                )

    def unlink(self):
        # The database drops the tiers' links to the programs they unlock (many2many rows) without the programs' write:
        # the cached perk facts (loyalty.program._tier_perk_facts) must forget them.
        perk_tier_ids = {
            tier_id
            for required, early_access in self.env["loyalty.program"]._tier_perk_facts().values()
            for tier_id in required | early_access
        }
        result = super().unlink()
        if perk_tier_ids.intersection(self.ids):
            self.env.registry.clear_cache()
        return result

    def action_open_members(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("loyalty_tier.loyalty_card_action_members")
        action.update(domain=[("tier_id", "=", self.id)], context={"create": False})
        return action

    def _tier_rules(self):
        """These tiers as the pure rules see them, lowest rank first."""
        return [
            TierRule(tier.id, tier.qualify_by, tier.min_spend, tier.min_orders)
            for tier in self.sorted(lambda tier: (tier.sequence, tier.id))
        ]
