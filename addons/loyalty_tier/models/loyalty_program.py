from odoo import api, fields, models


class LoyaltyProgram(models.Model):
    _inherit = "loyalty.program"

    # --- Earning: value and frequency (owner: points) -------------------------------------------
    # The program's currency (Odoo's ``currency_id``) is the reporting currency: value points are
    # counted per unit of it, whatever the order's currency, at the rate of the order's date.
    points_trigger = fields.Selection(
        [("confirm", "Order confirmed"), ("paid", "Order paid")],
        string="Points earned when",
        default="confirm",
        required=True,
    )
    frequency_bonus_nth = fields.Integer(
        string="Bonus for the Nth order",
        help="The Nth order within the window earns the frequency bonus (0: no frequency bonus).",
    )
    frequency_bonus_window_days = fields.Integer(string="Within (days)", default=90)
    frequency_bonus_points = fields.Float(string="Frequency bonus")
    streak_bonus_points = fields.Float(
        string="Streak bonus per month",
        help="Points per consecutive calendar month with an order, beyond the first (0: no streak bonus).",
    )
    streak_bonus_max_months = fields.Integer(string="Streak counted up to (months)", default=12)

    # --- Expiry (owner: points) ------------------------------------------------------------------
    points_validity_days = fields.Integer(
        string="Points valid for (days)",
        help="Earned points expire this many days after they were earned, oldest first (0: never).",
    )
    expiry_reminder_days = fields.Integer(string="Remind (days before expiry)", default=14)

    # --- Tiers (owner: tiers) ----------------------------------------------------------------------
    tier_ids = fields.One2many("loyalty.tier", "program_id", string="Tiers")
    tier_grace_days = fields.Integer(
        string="Grace before a downgrade (days)",
        default=30,
        help="A member who no longer qualifies keeps the tier until the first review this many days later.",
    )
    required_tier_ids = fields.Many2many(
        "loyalty.tier",
        "loyalty_program_required_tier_rel",
        "program_id",
        "tier_id",
        string="Only for tiers",
        help="A perk: this program or promotion applies only to members of these tiers.",
    )

    # --- Reports (owner: campaign) ---------------------------------------------------------------
    point_value = fields.Monetary(
        string="Value of a point",
        currency_field="currency_id",
        compute="_compute_point_value",
        store=True,
        readonly=False,
        help="What one outstanding point is worth in the program currency, for the points liability report. "
        "By default the most a point buys through the program's discount rewards.",
    )

    @api.depends("reward_ids.reward_type", "reward_ids.discount_mode", "reward_ids.discount",
                 "reward_ids.required_points")
    def _compute_point_value(self):
        for program in self:
            values = [0.0]
            for reward in program.reward_ids.filtered(lambda reward: reward.reward_type == "discount"):
                if reward.discount_mode == "per_point":
                    values.append(reward.discount)
                elif reward.discount_mode == "per_order" and reward.required_points > 0:
                    values.append(reward.discount / reward.required_points)
            program.point_value = max(values)

    # --- Contract between helpers: stubs that their owners fill in --------------------------------
    def _points_for_value(self, amount, currency, partner=None, date=None):
        """(owner: points) Value points this loyalty program gives for ``amount`` in ``currency`` (converted to the
        program currency at ``date``'s rate), with the partner's tier multiplier; used by the product page."""
        self.ensure_one()
        return 0.0
