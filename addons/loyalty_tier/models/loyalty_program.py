from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import SQL, format_date, frozendict, ormcache

from ..lib.earning import value_points

# Programs whose points are money the customer bought: their purchases and payments are no loyalty value.
STORED_VALUE_TYPES = ("gift_card", "ewallet")
# Program types whose programs or rules the registry caches below describe.
CACHED_PROGRAM_TYPES = ("loyalty", *STORED_VALUE_TYPES)
# Fields of a program that those caches read: writing one of them forgets them.
CACHED_PROGRAM_FIELDS = {
    "active",
    "program_type",
    "sequence",
    "required_tier_ids",
    "early_access_tier_ids",
    "birthday_month_only",
}


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
                raise ValidationError(
                    self.env._(
                        "Early access to %(program)s needs a start date and an earlier early access date.",
                        program=program.name,
                    )
                )

    # The registry caches of programs and rules (``_loyalty_card_program_ids``, ``_loyalty_money_rates``,
    # ``_tier_perk_facts``, ``_loyalty_stored_value_product_ids``) are cleared whenever what they hold may change:
    # here for programs, in loyalty.rule for rules (their products, points and modes), in loyalty.tier for tiers.
    @api.model_create_multi
    def create(self, vals_list):
        programs = super().create(vals_list)
        if programs._loyalty_is_cached():
            self.env.registry.clear_cache()
        return programs

    def write(self, vals):
        # Clearing the registry cache clears Odoo's own (access rules, rules, menus) in every worker: only a program
        # the caches describe, before or after the write, clears it; resequencing the promotions does not.
        if not CACHED_PROGRAM_FIELDS & vals.keys():
            return super().write(vals)
        cached = self._loyalty_is_cached()
        result = super().write(vals)
        if cached or self._loyalty_is_cached():
            self.env.registry.clear_cache()
        return result

    def unlink(self):
        # The database deletes their rules (ondelete cascade) without loyalty.rule's unlink.
        cached = self._loyalty_is_cached()
        result = super().unlink()
        if cached:
            self.env.registry.clear_cache()
        return result

    def _loyalty_is_cached(self):
        """Whether the registry caches below describe one of these programs: a loyalty, gift card or eWallet program,
        or a perk (read from its fields: the cached facts may not know it yet)."""
        return any(
            program.program_type in CACHED_PROGRAM_TYPES or program._tier_is_perk_by_fields() for program in self
        )

    @api.model
    @ormcache()
    def _loyalty_card_program_ids(self):
        """Ids of the active programs of type *Loyalty Cards*, in the programs' order. The points preview of every
        cart picks its earning programs among these in memory (``filtered_domain`` of the order's program domain)
        instead of searching the programs again: the cart has just read them. Archived ones stay out (archiving
        clears the cache): the cart has not read them, and a shop that archived last year's club would read it again
        on every cart. The ``active`` condition is explicit, so Odoo adds none of the caller's ``active_test``: the
        cache holds the same whoever fills it."""
        return tuple(self.sudo().search([("program_type", "=", "loyalty"), ("active", "=", True)]).ids)

    @api.model
    @ormcache()
    def _loyalty_money_rates(self):
        """``{program id: ((minimum amount, points per unit), ...)}``: the automatic money rules of every loyalty
        program, which give the points of a price on every product page without reading the rules. The cache is
        shared by every caller: what it holds may not depend on the caller's context (an archived rule stays out, even
        for a caller with ``active_test=False``: the ``active`` condition is explicit, so Odoo adds none of its own)."""
        rules = (
            self.env["loyalty.rule"]
            .sudo()
            .search_fetch(
                [
                    ("program_id.program_type", "=", "loyalty"),
                    ("active", "=", True),
                    ("mode", "=", "auto"),
                    ("reward_point_mode", "=", "money"),
                ],
                ["program_id", "minimum_amount", "reward_point_amount"],
                order="id",
            )
        )
        rates = defaultdict(list)
        for rule in rules:
            rates[rule.program_id.id].append((rule.minimum_amount, rule.reward_point_amount))
        return frozendict({program_id: tuple(pairs) for program_id, pairs in rates.items()})

    @api.model
    @ormcache()
    def _tier_perk_facts(self):
        """``{program id: (required tier ids, early access tier ids)}`` of every program kept for some customers
        (tiers, early access or birthdays), archived ones too: every cart update asks it of each program it checks."""
        programs = (
            self.sudo()
            .with_context(active_test=False)
            .search_fetch(
                Domain("required_tier_ids", "!=", False)
                | Domain("early_access_tier_ids", "!=", False)
                | Domain("birthday_month_only", "=", True),
                ["required_tier_ids", "early_access_tier_ids"],
            )
        )
        return frozendict(
            {
                program.id: (frozenset(program.required_tier_ids.ids), frozenset(program.early_access_tier_ids.ids))
                for program in programs
            }
        )

    @api.model
    def _tier_early_access_in_use(self):
        """Whether any program gives early access to tiers: every cart update asks, and without one no order needs
        its customer's tiers looked up to widen the program dates."""
        return any(early_access for _required, early_access in self._tier_perk_facts().values())

    @api.model
    @ormcache()
    def _loyalty_stored_value_product_ids(self):
        """Products whose purchase buys a gift card or tops up an eWallet: no loyalty value, neither for earning nor
        for the tiers' spend. Archived programs count too: last year's order still bought a gift card. Cached, as
        every cart preview asks; programs and rules clear it when they change."""
        programs = self.sudo().with_context(active_test=False).search([("program_type", "in", STORED_VALUE_TYPES)])
        return frozenset(programs.rule_ids.product_ids.ids)

    def _tier_is_perk(self):
        """Whether this program is kept for some customers: tiers, early access or birthdays (cached facts)."""
        self.ensure_one()
        return self._origin.id in self._tier_perk_facts()

    def _tier_is_perk_by_fields(self):
        """``_tier_is_perk`` read from the program's own fields, for a program the cached facts may not know yet."""
        self.ensure_one()
        return bool(self.required_tier_ids or self.early_access_tier_ids or self.birthday_month_only)

    def _tier_perk_tier_ids(self):
        """``(required tier ids, early access tier ids)`` of this program, as frozensets (cached facts)."""
        self.ensure_one()
        return self._tier_perk_facts().get(self._origin.id, (frozenset(), frozenset()))

    def _tier_refusal(self, partner, partner_tiers, day):
        """Why ``partner`` (holding ``partner_tiers``) may not use this program on ``day``, or None when they may."""
        self.ensure_one()
        if not self._tier_is_perk():
            return None
        required, early_access = self._tier_perk_tier_ids()
        held = set(partner_tiers.ids)
        if required and not required & held:
            return self.env._(
                "%(program)s is reserved for members of %(tiers)s.",
                program=self.name,
                tiers=", ".join(self.required_tier_ids.mapped("name")),
            )
        if (
            early_access
            and self.date_from
            and day < self.date_from
            and (day < self.early_access_date or not early_access & held)
        ):
            return self.env._(
                "%(program)s starts on %(date)s; members of %(tiers)s have early access from %(early)s.",
                program=self.name,
                date=format_date(self.env, self.date_from),
                tiers=", ".join(self.early_access_tier_ids.mapped("name")),
                early=format_date(self.env, self.early_access_date),
            )
        if self.birthday_month_only and (not partner.birthdate_date or partner.birthdate_date.month != day.month):
            return self.env._(
                "%(program)s is a birthday offer, valid only in the customer's birthday month.", program=self.name
            )
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

    @api.depends(
        "reward_ids.reward_type", "reward_ids.discount_mode", "reward_ids.discount", "reward_ids.required_points"
    )
    def _compute_point_value(self):
        for program in self:
            values = [0.0]
            for reward in program.reward_ids.filtered(lambda reward: reward.reward_type == "discount"):
                if reward.discount_mode == "per_point":
                    values.append(reward.discount)
                elif reward.discount_mode == "per_order" and reward.required_points > 0:
                    values.append(reward.discount / reward.required_points)
            program.point_value = max(values)

    _points_validity_positive = models.Constraint(
        "CHECK (points_validity_days >= 0 AND expiry_reminder_days >= 0 AND frequency_bonus_nth >= 0 "
        "AND frequency_bonus_window_days >= 0 AND streak_bonus_max_months >= 0)",
        "Days, months and the Nth order of a loyalty program cannot be negative.",
    )

    # --- The loyalty day ------------------------------------------------------------------------------
    def _loyalty_timezone(self, order_values=None):
        """The timezone of the loyalty day: the one in which Odoo's loyalty checks a program's dates for an order of
        this program's company with ``order_values`` (``sale.order._get_program_timezone``: the company's address,
        else the ``loyalty.timezone`` parameter, UTC by default; for a website order its salesperson's, as
        ``website_sale_loyalty`` decides), whoever asks. Tiers, expiry and perks follow it, so that a cron, a
        customer's page and the cart agree on the day."""
        company = self.company_id[:1] or self.env.company
        # sudo: a visitor's product page asks it too; a timezone is no secret.
        order = self.env["sale.order"].sudo().new({"company_id": company.id, **(order_values or {})})
        return order._get_program_timezone()

    def _loyalty_today(self, order_values=None):
        """Today in ``_loyalty_timezone(order_values)``."""
        return fields.Date.context_today(self.with_context(tz=self._loyalty_timezone(order_values)))

    # --- Contract between helpers: stubs that their owners fill in --------------------------------
    def _points_for_value(self, amount, currency, partner=None, date=None):
        """(owner: points) Value points this loyalty program gives for ``amount`` in ``currency`` (converted to the
        program currency at ``date``'s rate), with the partner's tier multiplier; used by the product page."""
        self.ensure_one()
        if self.program_type != "loyalty" or not amount:
            return 0.0
        value = currency._convert(
            amount, self.currency_id, self.company_id or self.env.company, date or fields.Date.today()
        )
        rates = [
            (value, points_per_unit)
            for minimum, points_per_unit in self._loyalty_money_rates().get(self._origin.id, ())
            if value >= minimum
        ]
        return value_points(rates, multiplier=self._loyalty_multiplier(self._loyalty_card_of(partner)))

    # --- Earning and expiry (owner: points) ----------------------------------------------------------
    def _loyalty_card_of(self, partner):
        """The partner's card of this program, if any."""
        self.ensure_one()
        if not partner or partner.is_public:
            return self.env["loyalty.card"]
        return (
            self.env["loyalty.card"]
            .sudo()
            .search([("program_id", "=", self.id), ("partner_id", "=", partner.id)], order="id", limit=1)
        )

    def _loyalty_multiplier(self, card):
        """The tier multiplier of a card's value points (1 without a tier)."""
        return card.tier_id.points_multiplier if card.tier_id else 1.0

    def _loyalty_expiry_date(self, earned_on):
        """The day points earned on ``earned_on`` last (they expire the day after), or False when they never do."""
        self.ensure_one()
        return earned_on + timedelta(days=self.points_validity_days) if self.points_validity_days else False

    @api.model
    def _cron_expire_points(self, batch_size=10000, today=None):
        """Expire what remains of earned points past their date, oldest first, as one dated 'expiry' history line per
        card, then send the reminders of the points about to expire.

        Each batch of ``batch_size`` cards costs a fixed number of queries (select, insert the expiry lines, clear the
        lots, lower the balances, set the next expiry), whatever the number of lines; under the scheduler each batch
        is committed on its own (``_commit_progress``) so a long run can stop and resume."""
        today = today or self._loyalty_today()
        # Points held without a history line (before the addon was installed) get theirs before any lot expires.
        self.env["loyalty.card"]._loyalty_open_balances()
        in_cron = bool(self.env.context.get("ir_cron_progress_id"))
        while expired := self._loyalty_expire_batch(today, batch_size):
            if in_cron:
                self.env["ir.cron"]._commit_progress(expired)
        while reminded := self._loyalty_remind_batch(today, batch_size):
            if in_cron:
                self.env["ir.cron"]._commit_progress(reminded)

    @api.model
    def _loyalty_expire_batch(self, today, batch_size):
        """Expire the lots of up to ``batch_size`` cards; returns how many cards had points expire."""
        cr = self.env.cr
        self.env.flush_all()
        cr.execute(
            SQL(
                """
                SELECT card_id, array_agg(id), SUM(points_remaining)
                  FROM loyalty_history
                 WHERE expiry_date < %(today)s AND points_remaining > 0
              GROUP BY card_id
              ORDER BY card_id
                 LIMIT %(limit)s
                """,
                today=today,
                limit=batch_size,
            )
        )
        rows = cr.fetchall()
        if not rows:
            return 0
        card_ids = [card_id for card_id, _line_ids, _points in rows]
        line_ids = [line_id for _card_id, ids, _points in rows for line_id in ids]
        # Lines and balances are written in SQL, a few statements per batch: the replay the ORM would run for each
        # card is not needed, as expiry takes exactly what remains of the expired lines.
        self.env["loyalty.history"].sudo().with_context(loyalty_tier_no_replay=True).create(
            [
                {
                    "card_id": card_id,
                    "entry_kind": "expiry",
                    "entry_date": today,
                    "description": self.env._("Points expired"),
                    "issued": 0.0,
                    "used": points,
                }
                for card_id, _line_ids, points in rows
            ]
        )
        self.env.flush_all()
        cr.execute(SQL("UPDATE loyalty_history SET points_remaining = 0 WHERE id = ANY(%s)", line_ids))
        cr.execute(
            SQL(
                """
                UPDATE loyalty_card card
                   SET points = card.points - expired.points
                  FROM unnest(%s::int[], %s::float8[]) AS expired(card_id, points)
                 WHERE card.id = expired.card_id
                """,
                card_ids,
                [points for _card_id, _line_ids, points in rows],
            )
        )
        self._loyalty_sql_set_next_expiry(card_ids, today)
        self.env["loyalty.history"].invalidate_model(["points_remaining"])
        self.env["loyalty.card"].invalidate_model(["points", "next_expiry_date", "next_expiry_points"])
        return len(rows)

    @api.model
    def _loyalty_sql_set_next_expiry(self, card_ids, today):
        self.env.cr.execute(
            SQL(
                """
                UPDATE loyalty_card card
                   SET next_expiry_date = nxt.expiry_date, next_expiry_points = COALESCE(nxt.points, 0)
                  FROM unnest(%(card_ids)s::int[]) AS todo(card_id)
             LEFT JOIN LATERAL (
                        SELECT expiry_date, SUM(points_remaining) AS points
                          FROM loyalty_history
                         WHERE card_id = todo.card_id AND points_remaining > 0 AND expiry_date >= %(today)s
                      GROUP BY expiry_date
                      ORDER BY expiry_date
                         LIMIT 1
                       ) AS nxt ON TRUE
                 WHERE card.id = todo.card_id
                """,
                card_ids=card_ids,
                today=today,
            )
        )

    @api.model
    def _loyalty_remind_batch(self, today, batch_size):
        """Queue the reminder mail of up to ``batch_size`` cards whose points expire within their program's reminder
        days, once per line; returns how many cards were reminded."""
        cr = self.env.cr
        self.env.flush_all()
        cr.execute(
            SQL(
                """
                SELECT line.card_id, array_agg(line.id), partner.lang
                  FROM loyalty_history line
                  JOIN loyalty_card card ON card.id = line.card_id
                  JOIN loyalty_program program ON program.id = card.program_id
                  JOIN res_partner partner ON partner.id = card.partner_id
                 WHERE line.points_remaining > 0
                   AND line.reminder_sent_date IS NULL
                   AND line.expiry_date >= %(today)s
                   AND program.expiry_reminder_days > 0
                   AND line.expiry_date <= %(today)s + program.expiry_reminder_days
              GROUP BY line.card_id, partner.lang
              ORDER BY line.card_id
                 LIMIT %(limit)s
                """,
                today=today,
                limit=batch_size,
            )
        )
        rows = cr.fetchall()
        if not rows:
            return 0
        template = self.env.ref("loyalty_tier.mail_template_points_expiry_reminder")
        # Odoo renders the template per chunk of mail.batch_size records and per language within a chunk: cards
        # sorted by language make each chunk one language, rendered at once, instead of up to one per language.
        rows.sort(key=lambda row: (row[2] or "", row[0]))
        template.sudo().send_mail_batch([card_id for card_id, _line_ids, _lang in rows])
        cr.execute(
            SQL(
                "UPDATE loyalty_history SET reminder_sent_date = %s WHERE id = ANY(%s)",
                today,
                [line_id for _card_id, ids, _lang in rows for line_id in ids],
            )
        )
        self.env["loyalty.history"].invalidate_model(["reminder_sent_date"])
        return len(rows)
