from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date


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
    tier_review_interval_days = fields.Integer(
        string="Tier review every (days)",
        default=365,
        help="A tier reached or confirmed at a review is held at least this long: the next review, the only day a "
        "downgrade can happen, comes this many days later.",
    )
    early_access_tier_ids = fields.Many2many(
        "loyalty.tier",
        "loyalty_program_early_access_tier_rel",
        "program_id",
        "tier_id",
        string="Early access for tiers",
        help="Members of these tiers may use this promotion from the early access date, before it starts for "
        "everyone else.",
    )
    early_access_date = fields.Date(help="Members of the early access tiers may use the promotion from this date.")
    birthday_month_only = fields.Boolean(
        string="Birthday month only",
        help="A birthday perk: the program applies only to customers whose birth date falls in the current month.",
    )

    @api.constrains("early_access_date", "date_from", "early_access_tier_ids")
    def _check_early_access_before_start(self):
        for program in self:
            if program.early_access_tier_ids and not (
                program.early_access_date and program.date_from and program.early_access_date < program.date_from
            ):
                raise ValidationError(self.env._(
                    "Early access to %(program)s needs a start date and an earlier early access date.",
                    program=program.name,
                ))

    def _tier_is_perk(self):
        """Whether this program is kept for some customers: tiers, early access or birthdays."""
        return bool(self.required_tier_ids or self.early_access_tier_ids or self.birthday_month_only)

    def _tier_refusal(self, partner, partner_tiers, day):
        """Why ``partner`` (holding ``partner_tiers``) may not use this program on ``day``, or None when they may."""
        self.ensure_one()
        if not self._tier_is_perk():
            return None
        if self.required_tier_ids and not self.required_tier_ids & partner_tiers:
            return self.env._(
                "%(program)s is reserved for members of %(tiers)s.",
                program=self.name,
                tiers=", ".join(self.required_tier_ids.mapped("name")),
            )
        if self.early_access_tier_ids and self.date_from and day < self.date_from and (
            day < self.early_access_date or not self.early_access_tier_ids & partner_tiers
        ):
            return self.env._(
                "%(program)s starts on %(date)s; members of %(tiers)s have early access from %(early)s.",
                program=self.name,
                date=format_date(self.env, self.date_from),
                tiers=", ".join(self.early_access_tier_ids.mapped("name")),
                early=format_date(self.env, self.early_access_date),
            )
        if self.birthday_month_only and (not partner.birthdate_date or partner.birthdate_date.month != day.month):
            return self.env._("%(program)s is a birthday offer, valid only in the customer's birthday month.",
                              program=self.name)
        return None

    @api.model
    def _cron_review_tiers(self, batch_size=1000, today=None):
        """Nightly tier review of every card of every program with tiers, ``batch_size`` cards at a time.

        Each batch costs a bounded number of queries whatever its size (see ``loyalty.card._tier_review``); run
        by the cron, each batch is committed with Odoo's cron progress so a long review resumes where it stopped.
        Returns ``{"cards", "upgrades", "downgrades", "batches"}``."""
        totals = {"cards": 0, "upgrades": 0, "downgrades": 0, "batches": 0}
        rate_cache = {}
        cards_model = self.env["loyalty.card"].sudo()
        for program in self.sudo().search([("tier_ids", "!=", False)]):
            last_id = 0
            while True:
                cards = cards_model.search(
                    [("program_id", "=", program.id), ("partner_id", "!=", False), ("id", ">", last_id)],
                    order="id",
                    limit=batch_size,
                )
                if not cards:
                    break
                counts = cards._tier_review(today=today, rate_cache=rate_cache)
                for key, count in counts.items():
                    totals[key] += count
                totals["batches"] += 1
                last_id = cards[-1].id
                self.env.flush_all()
                if self.env.context.get("ir_cron_progress_id"):
                    self.env["ir.cron"]._commit_progress(len(cards))
                # Forget the batch: 100,000 cards and their partners must not pile up in the cache.
                self.env.invalidate_all()
        return totals

    # --- Contract between helpers: stubs that their owners fill in --------------------------------
    def _points_for_value(self, amount, currency, partner=None, date=None):
        """(owner: points) Value points this loyalty program gives for ``amount`` in ``currency`` (converted to the
        program currency at ``date``'s rate), with the partner's tier multiplier; used by the product page."""
        self.ensure_one()
        return 0.0
