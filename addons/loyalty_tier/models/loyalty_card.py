import contextlib
import contextvars
import functools
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL, format_amount, format_date

from ..lib.expiry import Entry, Lot, next_expiry, replay
from ..lib.tiers import DOWN, SPEND, UP, criteria_met, decide, progress, utc_bounds, window_start

# Set while an order, its reward lines or the balance wizard move a card's points (Python only: no RPC context sets it).
_POINTS_MOVED_BY_A_FLOW = contextvars.ContextVar("loyalty_tier_points_moved_by_a_flow", default=False)


@contextlib.contextmanager
def points_moved_by_a_flow():
    """Card points written inside are an order's, a reward line's or the balance wizard's, each with its history."""
    token = _POINTS_MOVED_BY_A_FLOW.set(True)
    try:
        yield
    finally:
        _POINTS_MOVED_BY_A_FLOW.reset(token)


class LoyaltyCard(models.Model):
    _inherit = "loyalty.card"

    # --- Tiers (owner: tiers) ----------------------------------------------------------------------
    tier_id = fields.Many2one("loyalty.tier", index=True, readonly=True, ondelete="set null")
    tier_since = fields.Date(readonly=True)
    tier_review_date = fields.Date(readonly=True, help="A downgrade can only happen on this date.")
    tier_spend_12m = fields.Monetary(string="12-month spend", currency_field="currency_id", readonly=True)
    tier_orders_12m = fields.Integer(string="12-month orders", readonly=True)
    tier_history_ids = fields.One2many("loyalty.tier.history", "card_id", readonly=True)
    tier_below_since = fields.Date(
        string="Below the tier since",
        readonly=True,
        help="First review that found the member no longer reaching the tier; the grace counts from here.",
    )

    # --- Expiry (owner: points) ------------------------------------------------------------------
    next_expiry_date = fields.Date(readonly=True)
    next_expiry_points = fields.Float(readonly=True)
    # Formatted for the reminder mail, which reads plain field paths only (see mail_allowed_qweb_expressions).
    next_expiry_date_display = fields.Char(string="Next expiry date (text)", compute="_compute_next_expiry_display")
    next_expiry_points_display = fields.Char(
        string="Points expiring next (text)", compute="_compute_next_expiry_display"
    )

    # --- Campaigns (owner: campaign) -------------------------------------------------------------
    campaign_id = fields.Many2one("loyalty.campaign", index="btree_not_null", readonly=True, ondelete="set null")
    campaign_order_line_ids = fields.One2many("sale.order.line", "coupon_id", readonly=True)
    campaign_redeemed = fields.Boolean(
        string="Redeemed",
        compute="_compute_campaign_results",
        store=True,
        help="Used on at least one confirmed order.",
    )
    campaign_revenue = fields.Monetary(
        string="Campaign revenue",
        currency_field="currency_id",
        compute="_compute_campaign_results",
        store=True,
        help="Untaxed amount of the confirmed orders that used this coupon, in the program currency at each "
        "order's date.",
    )

    @api.depends(
        "campaign_id",
        "campaign_order_line_ids.order_id.state",
        "campaign_order_line_ids.order_id.amount_untaxed",
        "campaign_order_line_ids.order_id.currency_id",
    )
    def _compute_campaign_results(self):
        for card in self:
            orders = self.env["sale.order"]
            if card.campaign_id:  # the other cards skip reading their order lines
                orders = card.campaign_order_line_ids.order_id.filtered(lambda order: order.state == "sale")
            card.campaign_redeemed = bool(orders)
            card.campaign_revenue = sum(
                order.currency_id._convert(
                    order.amount_untaxed, card.currency_id, order.company_id, order.date_order.date()
                )
                for order in orders
            )

    @api.depends("next_expiry_date", "next_expiry_points", "point_name")
    @api.depends_context("lang")
    def _compute_next_expiry_display(self):
        for card in self:
            card.next_expiry_date_display = format_date(self.env, card.next_expiry_date)
            card.next_expiry_points_display = card._format_points(card.next_expiry_points)

    # sale.order keeps its customer's cards in its record cache (``loyalty_customer_card_ids``, read once for the
    # perk checks, the points preview and the cart): a customer's card that appears, goes, or changes hands, program
    # or state must be seen by the next read. The coupons sale_loyalty creates and deletes for an order's promotions
    # at every cart update belong to nobody: they keep it.
    @api.model_create_multi
    def create(self, vals_list):
        cards = super().create(vals_list)
        if cards.partner_id:
            self._loyalty_forget_customer_cards()
        return cards

    def write(self, vals):
        if "points" in vals:
            self._check_points_written_with_history()
        result = super().write(vals)
        if {"partner_id", "program_id", "active"} & vals.keys():
            self._loyalty_forget_customer_cards()
        return result

    def unlink(self):
        owned = bool(self.partner_id)
        result = super().unlink()
        if owned:
            self._loyalty_forget_customer_cards()
        return result

    def _check_points_written_with_history(self):
        """Sale gives salespeople write access to cards, so one could set any balance over the API, with no line in the
        customer's history. Points move through orders, reward lines and "Update Balance" (which writes the history
        line); a balance written directly is a Sales administrator's."""
        if self.env.su or _POINTS_MOVED_BY_A_FLOW.get() or self.env.user.has_group("sales_team.group_sale_manager"):
            return
        self.check_access("write")  # who may not write cards at all gets Odoo's own refusal
        raise AccessError(self.env._(
            "Only a Sales administrator sets loyalty points directly. Use Update Balance on the card: it records the "
            "change in the customer's history."
        ))

    def _loyalty_forget_customer_cards(self):
        self.env["sale.order"].invalidate_model(["loyalty_customer_card_ids"], flush=False)

    def mail_allowed_qweb_expressions(self):
        """The field paths of the points expiry reminder. A template that uses only allowed paths is rendered by
        Odoo's regex renderer instead of compiling its QWeb body once per card (about 45 ms each), which is what made
        the nightly reminders slow; it also lets users outside the template editors edit it."""
        return (
            *super().mail_allowed_qweb_expressions(),
            "object.partner_id.id",
            "object.partner_id.lang",
            "object.program_id.name",
            "object.points_display",
            "object.next_expiry_date_display",
            "object.next_expiry_points_display",
        )

    def _send_creation_communication(self, force_send=False):
        """Campaign coupons are mailed with their campaign's template instead of the program's own "at creation"
        communication, through the same mail queue; the template speaks the customer's language."""
        campaign_cards = self.filtered(lambda card: card.campaign_id.mail_template_id and card.partner_id)
        super(LoyaltyCard, self - campaign_cards)._send_creation_communication(force_send=force_send)
        if not campaign_cards or self.env.context.get("loyalty_no_mail") or self.env.context.get("action_no_send_mail"):
            return
        for campaign, cards in campaign_cards.grouped("campaign_id").items():
            template = campaign.mail_template_id
            email_values = {}
            if not template.email_from:
                author = cards[0]._get_mail_author()
                email_values = {"author_id": author.id, "email_from": author.email_formatted}
            template.send_mail_batch(
                cards.filtered(lambda card: card.partner_id.email).ids,
                force_send=force_send,
                email_layout_xmlid="mail.mail_notification_light",
                email_values=email_values,
            )

    def _check_usable_by(self, partner):
        """The refusal message when ``partner`` may not use this coupon (False when it may): a coupon issued to a
        customer is theirs alone. Gift cards stay transferable, and loyalty/eWallet cards never apply by code."""
        self.ensure_one()
        if not self.partner_id or self.program_id.program_type == "gift_card":
            return False
        if self.partner_id in partner | partner.commercial_partner_id:
            return False
        return self.env._("This code is personal: only the customer it was sent to can use it.")

    def _loyalty_replay_lots(self):
        """Rebuild ``points_remaining`` of every line of these cards by replaying their history in order (FIFO, a
        reversal taking from the line it reverses first), then the cards' next expiry."""
        if not self:
            return
        lines = (
            self.env["loyalty.history"]
            .sudo()
            .search_fetch(
                [("card_id", "in", self.ids)],
                ["card_id", "issued", "used", "expiry_date", "points_remaining", "source_line_id"],
                order="id",
            )
        )
        today = self.env["loyalty.program"]._loyalty_today()
        lines_of = lines.grouped("card_id")
        for card in self.sudo():
            card_lines = lines_of.get(card, lines.browse())
            remaining, _debt = replay(
                Entry(
                    line.id,
                    issued=line.issued,
                    used=line.used,
                    expiry=line.expiry_date,
                    consume_first=line.source_line_id.ids,
                )
                for line in card_lines
            )
            for line in card_lines:
                if abs(line.points_remaining - remaining.get(line.id, 0.0)) > 1e-6:
                    line.points_remaining = remaining.get(line.id, 0.0)
            date, points = next_expiry(
                (Lot(line.id, line.points_remaining, line.expiry_date) for line in card_lines), today
            )
            if card.next_expiry_date != (date or False) or abs(card.next_expiry_points - points) > 1e-6:
                card.write({"next_expiry_date": date, "next_expiry_points": points})

    def _loyalty_open_balances(self):
        """Give each loyalty card (of these, or every one when empty) whose balance differs from the sum of its
        history an 'opening' line for the difference, dated today: points a card held before this addon was
        installed, or written on the card without a history line, so that the balance is the history again and
        FIFO and expiry see those points. One query finds the cards; nothing is written when none differs."""
        self.env["loyalty.card"].flush_model(["points", "program_id"])
        self.env["loyalty.history"].flush_model(["card_id", "issued", "used"])
        rows = self.env.execute_query(
            SQL(
                """
            SELECT card.id, card.points - COALESCE(history.points, 0)
              FROM loyalty_card card
              JOIN loyalty_program program ON program.id = card.program_id
              LEFT JOIN LATERAL (
                    SELECT SUM(COALESCE(issued, 0) - COALESCE(used, 0)) AS points
                      FROM loyalty_history
                     WHERE card_id = card.id
                   ) history ON TRUE
             WHERE program.program_type = 'loyalty'
               AND ABS(card.points - COALESCE(history.points, 0)) > 0.0001
               %s
            """,
                SQL("AND card.id = ANY(%s)", self.ids) if self else SQL(),
            )
        )
        if not rows:
            return
        today = self.env["loyalty.program"]._loyalty_today()
        cards = self.browse([card_id for card_id, _points in rows]).sudo()
        description = self.env._("Opening balance: points the card held without a history line")
        self.env["loyalty.history"].sudo().create(
            [
                {
                    "card_id": card.id,
                    "entry_kind": "opening",
                    "entry_date": today,
                    "expiry_date": card.program_id._loyalty_expiry_date(today) if points > 0 else False,
                    "description": description,
                    "issued": max(points, 0.0),
                    "used": max(-points, 0.0),
                }
                for card, (_card_id, points) in zip(cards, rows, strict=True)
            ]
        )

    # --- Contract between helpers: stubs that their owners fill in --------------------------------
    def _tier_upgrade_check(self):
        """(owner: tiers) Re-evaluate these cards now and upgrade at once where they qualify; never downgrade.

        Called by the earning code after an order counted for the card."""
        return self.sudo()._tier_review(allow_downgrade=False)

    def _tier_progress(self):
        """(owner: tiers) For the portal: a dict with ``tier``, ``next_tier`` (records or empty), ``spend``,
        ``orders``, ``missing_spend``, ``missing_orders`` and ``ratio`` (0..1) towards the next tier."""
        self.ensure_one()
        tiers = self.program_id.tier_ids
        spend, orders = self.tier_spend_12m, self.tier_orders_12m
        distance = progress(tiers._tier_rules(), self.tier_id.id or None, spend, orders)
        return {
            "tier": self.tier_id,
            "next_tier": tiers.browse(distance["next"]) if distance["next"] else tiers.browse(),
            "spend": spend,
            "orders": orders,
            "missing_spend": distance["missing_spend"],
            "missing_orders": distance["missing_orders"],
            "ratio": distance["ratio"],
        }

    # --- Tiers: evaluation (owner: tiers) -------------------------------------------------------------
    def _tier_review(self, today=None, allow_downgrade=True, rate_cache=None):
        """Refresh the 12-month spend and orders of these cards and move their tiers as the rules decide.

        Queries stay bounded whatever the number of cards: one aggregate per program (``_tier_activity``), one
        read of the cards, one UPDATE per set of changed fields and one insert for the history. Returns the counts
        ``{"cards", "upgrades", "downgrades"}``."""
        counts = {"cards": 0, "upgrades": 0, "downgrades": 0}
        history_vals, writes = [], []
        for program, program_cards in self.grouped("program_id").items():
            day = today or program._loyalty_today()  # each program's loyalty day (its company's timezone)
            tiers = program.tier_ids
            if not tiers:
                continue
            rules = tiers._tier_rules()
            rule_of = {rule.key: rule for rule in rules}
            activity = program_cards._tier_activity(program, day, rate_cache)
            currency = program.currency_id
            money = self._tier_money_formatter(currency)
            for card in program_cards:
                spend, orders = activity.get(card.partner_id.id, (0.0, 0))
                # Odoo reads an empty date as False; the rules speak None.
                review_date, below_since = card.tier_review_date or None, card.tier_below_since or None
                decision = decide(
                    rules,
                    card.tier_id.id or None,
                    spend,
                    orders,
                    day,
                    review_date,
                    below_since,
                    program.tier_grace_days,
                    program.tier_review_interval_days,
                    allow_downgrade,
                )
                vals = {}
                if currency.compare_amounts(card.tier_spend_12m, spend) or card.tier_orders_12m != orders:
                    vals.update(tier_spend_12m=spend, tier_orders_12m=orders)
                if below_since != decision.below_since:
                    vals["tier_below_since"] = decision.below_since
                if review_date != decision.review_date:
                    vals["tier_review_date"] = decision.review_date
                if decision.move:
                    new_tier = tiers.browse(decision.tier)
                    vals.update(tier_id=new_tier.id or None, tier_since=day if new_tier else None)
                    reason = card._tier_move_reason(
                        decision.move, new_tier, rule_of.get(decision.tier), spend, orders, money
                    )
                    history_vals.append(
                        {
                            "card_id": card.id,
                            "date": day,
                            "old_tier_id": card.tier_id.id,
                            "new_tier_id": new_tier.id,
                            "direction": decision.move,
                            "reason": reason,
                            "spend_12m": spend,
                            "orders_12m": orders,
                        }
                    )
                    counts["upgrades" if decision.move == UP else "downgrades"] += 1
                if vals:
                    writes.append((card.id, vals))
                counts["cards"] += 1
        self._tier_write_each(writes)
        if history_vals:
            self.env["loyalty.tier.history"].sudo().create(history_vals)
        return counts

    def _tier_write_each(self, writes):
        """Write each card (``[(id, vals)]``) its own values, one UPDATE per set of fields.

        A ``write`` per card costs milliseconds of ORM bookkeeping, and the first review of 100,000 cards changes
        every one: this goes through the ORM's own bulk writer (``_write_multi``, what a flush uses) and tells the
        ORM what changed (cache and dependent fields), as ``write`` would. Values are column values (None, ids)."""
        by_fields = defaultdict(list)
        for card_id, vals in writes:
            by_fields[tuple(sorted(vals))].append((card_id, vals))
        for fnames, rows in by_fields.items():
            cards = self.browse([card_id for card_id, _vals in rows])
            cards.flush_recordset(list(fnames))
            cards.modified(fnames, before=True)
            cards._write_multi([vals for _card_id, vals in rows])
            cards.invalidate_recordset(list(fnames))
            cards.modified(fnames)

    def _tier_money_formatter(self, currency):
        """Odoo's ``format_amount`` in ``currency``, remembered per amount: tier thresholds come back for every
        member of a review."""
        return functools.lru_cache(maxsize=256)(lambda amount: format_amount(self.env, amount, currency))

    def _tier_move_reason(self, move, new_tier, rule, spend, orders, money):
        """The sentence kept in the tier history, e.g. "12-month spend 1,240.00 € reached Gold's 1,000.00 €"."""
        if move == DOWN:
            return self.env._(
                "12-month spend %(spend)s and %(orders)s orders no longer reach %(tier)s "
                "(below it since %(since)s, grace of %(grace)s days over at the review of %(review)s).",
                spend=money(spend),
                orders=orders,
                tier=self.tier_id.name,
                since=format_date(self.env, self.tier_below_since or self.program_id._loyalty_today()),
                grace=self.program_id.tier_grace_days,
                review=format_date(self.env, self.tier_review_date),
            ) + (
                " " + self.env._("New tier: %(tier)s.", tier=new_tier.name)
                if new_tier
                else " " + self.env._("No tier is reached any more.")
            )
        reached = []
        for criterion in criteria_met(rule, spend, orders):
            if criterion == SPEND:
                reached.append(
                    self.env._(
                        "12-month spend %(spend)s reached %(tier)s's %(threshold)s",
                        spend=money(spend),
                        tier=new_tier.name,
                        threshold=money(new_tier.min_spend),
                    )
                )
            else:
                reached.append(
                    self.env._(
                        "%(orders)s orders in 12 months reached %(tier)s's %(threshold)s",
                        orders=orders,
                        tier=new_tier.name,
                        threshold=new_tier.min_orders,
                    )
                )
        return "; ".join(reached)

    def _tier_activity(self, program, today, rate_cache=None):
        """``{partner_id: (spend, orders)}`` of these cards' partners over the rolling 365 days to ``today``, the
        spend in the program currency: one query for all of them.

        An order counts once confirmed (state ``sale``); its value is what ``sale.order._loyalty_value_in`` gives:
        the untaxed amount of its lines after discounts, without delivery lines, free-shipping lines, down payments,
        gift card or eWallet purchases (``loyalty.program._loyalty_stored_value_product_ids``) and gift card or eWallet
        payments, converted at the order date's rate (rates are cached in ``rate_cache`` across batches, so a
        currency adds one query per order date, not per card)."""
        partner_ids = list(set(self.partner_id.ids))
        if not partner_ids:
            return {}
        rate_cache = {} if rate_cache is None else rate_cache
        # The program's days, as datetimes in UTC: an order at 23:30 UTC may be tomorrow's for the program.
        start, end = utc_bounds(window_start(today), today, program._loyalty_timezone())
        company_filter = SQL("AND so.company_id = %s", program.company_id.id) if program.company_id else SQL()
        self.env["sale.order"].flush_model(["partner_id", "state", "date_order", "currency_id", "company_id"])
        self.env["sale.order.line"].flush_model(
            ["order_id", "price_subtotal", "display_type", "is_downpayment", "is_delivery", "product_id", "reward_id"]
        )
        self.env["loyalty.reward"].flush_model(["reward_type", "program_id"])
        self.env["loyalty.program"].flush_model(["program_type"])
        rows = self.env.execute_query(
            SQL(
                """
            SELECT so.partner_id, so.currency_id, so.company_id, so.date_order::date,
                   COALESCE(SUM(sol.price_subtotal) FILTER (
                       WHERE sol.display_type IS NULL
                         AND NOT COALESCE(sol.is_downpayment, FALSE)
                         AND NOT COALESCE(sol.is_delivery, FALSE)
                         AND (sol.product_id IS NULL OR sol.product_id != ALL(%(excluded_products)s))
                         AND (reward.id IS NULL OR (reward.reward_type != 'shipping'
                              AND reward_program.program_type NOT IN ('gift_card', 'ewallet')))
                   ), 0)
              FROM sale_order so
              LEFT JOIN sale_order_line sol ON sol.order_id = so.id
              LEFT JOIN loyalty_reward reward ON reward.id = sol.reward_id
              LEFT JOIN loyalty_program reward_program ON reward_program.id = reward.program_id
             WHERE so.partner_id = ANY(%(partner_ids)s)
               AND so.state = 'sale'
               AND so.date_order >= %(start)s AND so.date_order < %(end)s
               %(company_filter)s
             GROUP BY so.id
            """,
                excluded_products=list(self.env["loyalty.program"]._loyalty_stored_value_product_ids()),
                partner_ids=partner_ids,
                start=start,
                end=end,
                company_filter=company_filter,
            )
        )
        target = program.currency_id
        currencies = self.env["res.currency"].browse({row[1] for row in rows})
        companies = self.env["res.company"].browse({row[2] for row in rows})
        activity = {}
        for partner_id, currency_id, company_id, order_date, untaxed in rows:
            if currency_id == target.id:
                value = target.round(untaxed)
            else:
                key = (currency_id, target.id, company_id, order_date)
                if key not in rate_cache:
                    rate_cache[key] = self.env["res.currency"]._get_conversion_rate(
                        currencies.browse(currency_id), target, companies.browse(company_id), order_date
                    )
                value = target.round(untaxed * rate_cache[key])
            spend, orders = activity.get(partner_id, (0.0, 0))
            activity[partner_id] = (spend + value, orders + 1)
        return activity
