from psycopg2.errors import UniqueViolation

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL, mute_logger

from ..lib.earning import frequency_bonus_due, streak_bonus, value_points
from .loyalty_card import points_moved_by_a_flow
from .loyalty_history import EARNING_KINDS
from .loyalty_program import STORED_VALUE_TYPES


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # --- (owner: points) ----------------------------------------------------------------------------
    loyalty_history_count = fields.Integer(compute="_compute_loyalty_history_count")
    # Not stored: read once per transaction, as a cart update's tier perk checks, its points preview and the cart's
    # loyalty box all ask for the customer's cards and tiers; loyalty.card forgets it when cards change.
    loyalty_customer_card_ids = fields.Many2many(
        "loyalty.card",
        compute="_compute_loyalty_customer_card_ids",
        compute_sudo=True,
        string="Customer's loyalty cards",
        help="The active loyalty cards of the customer and of their company, in every program.",
    )

    def _compute_loyalty_history_count(self):
        counts = dict(
            self.env["loyalty.history"]
            .sudo()
            ._read_group([("order_model", "=", self._name), ("order_id", "in", self.ids)], ["order_id"], ["__count"])
        )
        for order in self:
            order.loyalty_history_count = counts.get(order.id, 0)

    @api.depends("partner_id")
    def _compute_loyalty_customer_card_ids(self):
        # A visitor's cart has the website's public partner: no card of theirs is anyone's.
        partners = self.partner_id.filtered(lambda partner: not partner.is_public)
        partners |= partners.commercial_partner_id
        cards = self.env["loyalty.card"]
        if partners:
            # ``active`` too: reading a many2many keeps its active records.
            cards = cards.search_fetch(
                [("partner_id", "in", partners.ids)], ["program_id", "partner_id", "tier_id", "active"], order="id"
            )
        for order in self:
            customer = order.partner_id | order.partner_id.commercial_partner_id
            order.loyalty_customer_card_ids = cards.filtered(
                lambda card, customer=customer: card.partner_id in customer
            )

    def _program_check_compute_points(self, programs):
        # The points of loyalty programs are awarded by `_loyalty_award_points` (value in the program currency, bonuses,
        # multiplier, expiry) once the order counts; Odoo's own computation gives them none, so confirming never adds
        # them a second time. The program stays applicable with 0 points: its rewards can still be claimed.
        result = super()._program_check_compute_points(programs)
        for program, status in result.items():
            if program.program_type == "loyalty" and "points" in status:
                status["points"] = [0.0]
        # Tier perks (owner: tiers): a program reserved to other tiers, outside its early access or birthday month,
        # does not apply, with the reason.
        for program, refusal in self._loyalty_tier_refusals(programs).items():
            result[program] = {"error": refusal}
        return result

    def _get_real_points_for_coupon(self, coupon, post_confirm=False):
        points = super()._get_real_points_for_coupon(coupon, post_confirm=post_confirm)
        # A reversal may leave a loyalty card below zero until new points pay it back: that must not block an order
        # that spends none of its points (Odoo refuses to confirm an order with a coupon below zero).
        if points < 0 and coupon.program_id.program_type == "loyalty" and coupon not in self.order_line.coupon_id:
            return 0.0
        return points

    def _add_loyalty_history_lines(self):
        # Odoo writes a line per card the order touched; for a loyalty program it now neither issues (we do, by
        # kind) nor always uses points: an empty line would only clutter the customer's history.
        return super(SaleOrder, self.with_context(loyalty_tier_skip_empty_lines=True))._add_loyalty_history_lines()

    def action_confirm(self):
        # A quotation whose customer changed after a personal code was applied (owner: campaign).
        for order in self:
            for coupon in order.applied_coupon_ids | order.order_line.coupon_id:
                if refusal := coupon._check_usable_by(order.partner_id):
                    raise UserError(
                        self.env._(
                            "%(order)s cannot be confirmed with code %(code)s: %(refusal)s",
                            order=order.name,
                            code=coupon.code,
                            refusal=refusal,
                        )
                    )
        with points_moved_by_a_flow():  # sale_loyalty moves the points of the order's coupons as the salesperson
            res = super().action_confirm()
        self._loyalty_award_points()
        return res

    def _action_cancel(self):
        self.filtered(lambda order: order.state == "sale")._loyalty_reverse_points(cancel=True)
        # Odoo deletes the order's history lines on cancel; ours stay, reversed by the lines written just above.
        with points_moved_by_a_flow():
            return super(SaleOrder, self.with_context(loyalty_tier_keep_entries=True))._action_cancel()

    def action_view_loyalty_history(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Loyalty points"),
            "res_model": "loyalty.history",
            "view_mode": "list,form",
            "views": [(self.env.ref("loyalty_tier.loyalty_history_view_list").id, "list"), (False, "form")],
            "domain": [("order_model", "=", self._name), ("order_id", "=", self.id)],
            "context": {"create": False},
        }

    def _loyalty_value_lines(self):
        """Lines that make the loyalty value: not delivery, free shipping (it only cancels a delivery line), down
        payments, gift card or eWallet purchases, nor gift card or eWallet payments (discounts do count, lowering the
        value); the tiers' batched spend query (``loyalty.card._tier_activity``) leaves out the same lines."""
        self.ensure_one()
        stored_value_product_ids = self.env["loyalty.program"]._loyalty_stored_value_product_ids()
        return self.order_line.filtered(
            lambda line: (
                not line.display_type
                and not line.is_downpayment
                and not line.is_delivery
                and line.product_id.id not in stored_value_product_ids
                and line.reward_id.program_id.program_type not in STORED_VALUE_TYPES
                and line.reward_id.reward_type != "shipping"
            )
        )

    def _loyalty_value_in(self, currency, lines=None):
        """The order's loyalty value in ``currency`` at the rate of the order's date: the untaxed amount of its
        lines after discounts, without delivery lines and without gift card or eWallet purchases.
        Tiers (12-month spend) and earning count the same value.

        ``lines`` (points owner): only these lines of the order, e.g. those a rule's products restrict to."""
        self.ensure_one()
        if lines is None:
            lines = self._loyalty_value_lines()
        amount = sum(lines.mapped("price_subtotal"))
        return self.currency_id._convert(amount, currency, self.company_id, self._loyalty_order_date())

    def _loyalty_points_preview(self):
        """For the cart: ``{program: {"value": x, "frequency": y, "streak": z, "total": t}}``, the points this order
        will earn when it counts (paid or confirmed, as each program says).

        Computed as the award computes them, with sudo: what an order earns does not depend on who looks at it, and
        no record rule of the order, its lines, products or programs is evaluated for the viewer."""
        self.ensure_one()
        order = self.sudo()
        preview = {}
        for program in order._loyalty_earning_programs():
            card = order._loyalty_customer_card(program)
            points = dict.fromkeys(EARNING_KINDS, 0.0)
            for vals in order._loyalty_earning_values(program, card):
                points[vals["entry_kind"]] += vals["issued"]
            preview[program.with_env(self.env)] = {**points, "total": sum(points.values())}
        return preview

    def _loyalty_order_date(self):
        return (self.date_order or fields.Datetime.now()).date()

    def _loyalty_earning_programs(self):
        """The loyalty programs this order can earn points of (active, of its company, pricelist and dates): the
        loyalty programs (a registry cache) that pass the order's program domain, checked in memory: the cart has
        just read them. The domain keeps the order's companies, as the record rules of a search would."""
        self.ensure_one()
        programs = self.env["loyalty.program"].sudo()
        programs = programs.browse(programs._loyalty_card_program_ids()).filtered_domain(self._get_program_domain())
        return programs.with_env(self.env)

    def _loyalty_customer_card(self, program):
        """The customer's own card of ``program`` (their first), or no card."""
        self.ensure_one()
        return self.loyalty_customer_card_ids.filtered(
            lambda card: card.program_id == program and card.partner_id == self.partner_id
        )[:1]

    def _loyalty_rule_points(self, program):
        """The program's rules applied to the order: (value in the program currency, points per unit) pairs of its
        money rules and the points of its order and unit rules, each rule counting only its products."""
        self.ensure_one()
        value_lines = self._loyalty_value_lines()
        products_per_rule = program._get_valid_products(value_lines.product_id)
        rated, flat = [], 0.0
        for rule in program.rule_ids:
            if rule.mode == "with_code" and rule not in self.code_enabled_rule_ids:
                continue
            lines = value_lines.filtered(lambda line, rule=rule: line.product_id in products_per_rule.get(rule, ()))
            value = self._loyalty_value_in(program.currency_id, lines)
            qty = sum(lines.filtered(lambda line: not line.reward_id).mapped("product_uom_qty"))
            if not lines or value < rule.minimum_amount or qty < rule.minimum_qty:
                continue
            if rule.reward_point_mode == "money":
                rated.append((value, rule.reward_point_amount))
            elif rule.reward_point_mode == "order":
                flat += rule.reward_point_amount
            else:
                flat += rule.reward_point_amount * qty
        return rated, flat

    def _loyalty_counted_dates(self, card):
        """The dates of the card's other orders up to this one's date whose earning still counts (not cancelled), in
        one query (a join the ORM cannot express: the history names its order by model and id):
        ``(dates of the orders that earned value points, dates of those that earned the frequency bonus)``."""
        self.ensure_one()
        self.env["loyalty.history"].flush_model(["card_id", "entry_kind", "order_model", "order_id", "is_reversed"])
        self.env["sale.order"].flush_model(["date_order"])
        rows = self.env.execute_query(
            SQL(
                """
            SELECT DISTINCT history.entry_kind, sale_order.id, sale_order.date_order
              FROM loyalty_history history
              JOIN sale_order ON sale_order.id = history.order_id
             WHERE history.card_id = %(card_id)s
               AND history.entry_kind IN ('value', 'frequency')
               AND history.order_model = %(model)s
               AND history.order_id != %(order_id)s
               AND history.is_reversed IS NOT TRUE
               AND sale_order.date_order <= %(date_order)s
                """,
                card_id=card.id,
                model=self._name,
                order_id=self._origin.id or 0,
                date_order=self.date_order,
            )
        )
        return (
            [date_order for kind, _order_id, date_order in rows if kind == "value"],
            [date_order for kind, _order_id, date_order in rows if kind == "frequency"],
        )

    def _loyalty_earning_values(self, program, card):
        """History values of the points this order earns on the card: value, then frequency and streak bonuses."""
        self.ensure_one()
        rated, flat = self._loyalty_rule_points(program)
        points = {"value": value_points(rated, flat, program._loyalty_multiplier(card))}
        # The bonuses read the card's past orders: not when the program gives neither.
        bonuses = program.frequency_bonus_nth > 0 or program.streak_bonus_points > 0
        if points["value"] and card and bonuses:
            previous, bonus_dates = self._loyalty_counted_dates(card)
            last_bonus = max(bonus_dates, default=None)
            if frequency_bonus_due(
                previous, self.date_order, program.frequency_bonus_nth, program.frequency_bonus_window_days, last_bonus
            ):
                points["frequency"] = program.frequency_bonus_points
            points["streak"] = streak_bonus(
                [when.date() for when in previous],
                self._loyalty_order_date(),
                program.streak_bonus_points,
                program.streak_bonus_max_months,
            )
        today = self._get_confirmed_tx_create_date()  # the order's loyalty day, as Odoo's loyalty dates it
        descriptions = {
            "value": self.env._("Order %(order)s: purchase value", order=self.name),
            "frequency": self.env._("Order %(order)s: frequency bonus", order=self.name),
            "streak": self.env._("Order %(order)s: streak bonus", order=self.name),
        }
        return [
            {
                "card_id": card.id,
                "order_model": self._name,
                "order_id": self.id,
                "entry_kind": kind,
                "entry_date": today,
                "expiry_date": program._loyalty_expiry_date(today),
                "description": descriptions[kind],
                "issued": issued,
                "used": 0.0,
                "points_remaining": issued,
            }
            for kind, issued in points.items()
            if issued > 0
        ]

    def _loyalty_is_paid(self):
        """Paid in full: by its done payment transactions, or by its customer invoices, all posted and paid, for
        everything ordered (Odoo's `invoice_status` 'invoiced')."""
        self.ensure_one()
        done_txs = self.sudo().transaction_ids.filtered(lambda tx: tx.state == "done")
        if done_txs and self.currency_id.compare_amounts(sum(done_txs.mapped("amount")), self.amount_total) >= 0:
            return True
        invoices = self.invoice_ids.filtered(lambda move: move.move_type == "out_invoice" and move.state == "posted")
        return (
            bool(invoices)
            and self.invoice_status == "invoiced"
            and all(invoice.payment_state in ("paid", "in_payment") for invoice in invoices)
        )

    def _loyalty_award_points(self):
        """Award the points of the order's loyalty programs whose trigger is reached (confirmed, or paid), once.

        Safe to call again and from two workers at once: an award already written is skipped, and a concurrent one
        hits the unique index of earning lines, which rolls back this award (card included) to its savepoint."""
        History, Card = self.env["loyalty.history"].sudo(), self.env["loyalty.card"].sudo()
        # Points are the system's to write, whoever's action made the order count (an accountant's payment too).
        for order in self.sudo().filtered(lambda order: order.state == "sale" and not order.partner_id.is_public):
            for program in order._loyalty_earning_programs():
                if program.points_trigger == "paid" and not order._loyalty_is_paid():
                    continue
                if History.search_count(
                    [
                        ("program_id", "=", program.id),
                        ("order_model", "=", order._name),
                        ("order_id", "=", order.id),
                        ("entry_kind", "in", EARNING_KINDS),
                        ("is_reversed", "=", False),
                    ],
                    limit=1,
                ):
                    continue
                try:
                    with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                        card = program._loyalty_card_of(order.partner_id)
                        if card:
                            card._loyalty_open_balances()  # points held before the addon: history first
                        else:
                            card = Card.create(
                                {"program_id": program.id, "partner_id": order.partner_id.id, "points": 0}
                            )
                        vals_list = order._loyalty_earning_values(program, card)
                        if not vals_list:
                            continue
                        History.create(vals_list)
                        card.points += sum(vals["issued"] for vals in vals_list)
                except UniqueViolation:
                    continue
                if order._loyalty_has_posted_credit_notes():  # an order paid after a refund earns net of it
                    order._loyalty_reverse_points()
                card._tier_upgrade_check()

    def _loyalty_reverse_points(self, cancel=False, refund=None):
        """Take back what the order earned: everything on cancellation (the lines are marked reversed so a new
        confirmation earns again), else the share of its value refunded by posted credit notes, and the bonuses too
        once it is refunded in full. Each earning line is brought to its target, net of what was already reversed:
        calling it again changes nothing, and a credit note reset to draft lowers the target, which gives the points
        back (a 'restore' line); posting it again takes them once more.

        Points already spent are taken back all the same: the balance may go negative and the next points earned
        pay it back first (capping would let a customer spend the points of an order, then refund it)."""
        History = self.env["loyalty.history"].sudo()
        for order in self.sudo():
            earning = History.search(
                [
                    ("order_model", "=", order._name),
                    ("order_id", "=", order.id),
                    ("entry_kind", "in", EARNING_KINDS),
                    ("is_reversed", "=", False),
                ]
            )
            if not earning:
                continue
            ratio = 1.0 if cancel else order._loyalty_refunded_ratio()
            reversed_by_line = {
                line: used - issued
                for line, used, issued in History._read_group(
                    [("source_line_id", "in", earning.ids), ("entry_kind", "in", ("reversal", "restore"))],
                    ["source_line_id"],
                    ["used:sum", "issued:sum"],
                )
            }
            vals_list = []
            for line in earning:
                target = line.issued * ratio if line.entry_kind == "value" and ratio < 1 else line.issued * (ratio >= 1)
                points = round(target, 2) - reversed_by_line.get(line, 0.0)
                if abs(points) > 1e-6:
                    vals_list.append(order._loyalty_reversal_values(line, points, cancel, refund))
            if cancel:
                earning.is_reversed = True
            if vals_list:
                History.create(vals_list)
                for vals in vals_list:
                    card = self.env["loyalty.card"].sudo().browse(vals["card_id"])
                    card.points += vals["issued"] - vals["used"]

    def _loyalty_reversal_values(self, line, points, cancel, refund):
        """A line taking ``points`` of ``line`` back, or giving them back when negative (a credit note reset to
        draft), dated today."""
        if cancel:
            description = self.env._("Order %(order)s cancelled", order=self.name)
        elif points < 0:
            description = self.env._(
                "Order %(order)s: credit note %(refund)s reset to draft, points given back",
                order=self.name,
                refund=refund.name if refund else "",
            )
        else:
            description = self.env._("Order %(order)s refunded", order=self.name)
        return {
            "card_id": line.card_id.id,
            "order_model": self._name,
            "order_id": self.id,
            "entry_kind": "reversal" if points > 0 else "restore",
            "entry_date": line.card_id.program_id._loyalty_today(),
            "description": description,
            "issued": max(-points, 0.0),
            "used": max(points, 0.0),
            "expiry_date": line.expiry_date if points < 0 else False,
            "source_line_id": line.id,
            "refund_move_id": refund.id if refund else False,
        }

    def _loyalty_has_posted_credit_notes(self):
        """Whether a posted credit note refunds a line of the order (what ``_loyalty_refunded_ratio`` counts), read
        from the lines' invoice lines, which confirming the order has just read for its invoice status."""
        self.ensure_one()
        return any(
            move.move_type == "out_refund" and move.state == "posted" for move in self.order_line.invoice_lines.move_id
        )

    def _loyalty_refunded_ratio(self):
        """Share of the order's loyalty value its posted credit notes give back (0..1), in the order's currency."""
        self.ensure_one()
        value_lines = self._loyalty_value_lines()
        ordered = sum(value_lines.mapped("price_subtotal"))
        if self.currency_id.is_zero(ordered):
            return 0.0
        refund_lines = self.invoice_ids.filtered(
            lambda move: move.move_type == "out_refund" and move.state == "posted"
        ).invoice_line_ids.filtered(lambda line: line.sale_line_ids & value_lines)
        refunded = sum(
            line.currency_id._convert(line.price_subtotal, self.currency_id, self.company_id, line.move_id.invoice_date)
            for line in refund_lines
        )
        return min(max(refunded / ordered, 0.0), 1.0)

    # --- Tier perks (owner: tiers) -------------------------------------------------------------------
    def _get_program_domain(self):
        return self._loyalty_with_early_access(super()._get_program_domain(), "")

    def _get_trigger_domain(self):
        return self._loyalty_with_early_access(super()._get_trigger_domain(), "program_id.")

    def _try_apply_code(self, code):
        # Decided before sale_loyalty looks the code up, so a refused code changes nothing on the order, and the
        # customer learns why instead of reading that the code does not exist.
        coupon = self.env["loyalty.card"].search([("code", "=", code)], limit=1) if code else self.env["loyalty.card"]
        refusal = self._loyalty_tier_refusal(self._loyalty_program_of_code(code, coupon))
        if refusal:
            return {"error": refusal}
        # Personal coupons (owner: campaign): Odoo lets any customer apply a coupon issued to another one (the card's
        # ``partner_id`` only says who received it); refused here, before anything changes on the order, so that every
        # route (the backend's coupon button, the shop's code field, a ``/coupon/<code>`` link) gets the same answer.
        if coupon and (refusal := coupon._check_usable_by(self.partner_id)):
            return {"error": refusal}
        return super()._try_apply_code(code)

    def _get_claimable_rewards(self, forced_coupons=None):
        result = super()._get_claimable_rewards(forced_coupons=forced_coupons)
        refused = self._loyalty_tier_refusals(self.env["loyalty.card"].union(*result).program_id)
        for coupon in [coupon for coupon in result if coupon.program_id in refused]:
            del result[coupon]  # in place: Odoo's result is a defaultdict its callers may rely on
        return result

    def _apply_program_reward(self, reward, coupon, **kwargs):
        refusal = self._loyalty_tier_refusal(reward.program_id)
        if refusal:
            return {"error": refusal}
        return super()._apply_program_reward(reward, coupon, **kwargs)

    def _loyalty_partner_tiers(self):
        """The tiers the customer holds, one per loyalty program with tiers."""
        self.ensure_one()
        cards = self.sudo().loyalty_customer_card_ids.filtered(lambda card: card.partner_id == self.partner_id)
        return cards.tier_id.with_env(self.env)

    def _loyalty_tier_refusal(self, program):
        """Why the customer may not use ``program`` on this order today, or None."""
        return self._loyalty_tier_refusals(program).get(program)

    def _loyalty_tier_refusals(self, programs):
        """``{program: why the customer may not use it on this order today}`` for the refused ones among
        ``programs``; the customer's tiers are looked up once, and only when one of them is a perk."""
        self.ensure_one()
        perks = programs.filtered(lambda program: program._tier_is_perk())
        if not perks:
            return {}
        tiers, day = self._loyalty_partner_tiers(), self._get_confirmed_tx_create_date()
        refusals = {program: program._tier_refusal(self.partner_id, tiers, day) for program in perks}
        return {program: refusal for program, refusal in refusals.items() if refusal}

    def _loyalty_program_of_code(self, code, coupon):
        """The program a promotion code, or else ``coupon`` (the card of that code), belongs to, among the programs
        of the order's company."""
        self.ensure_one()
        company_domain = self.env["loyalty.program"]._check_company_domain(
            [self.company_id.id, self.company_id.parent_id.id]
        )
        rule = self.env["loyalty.rule"].search([("mode", "=", "with_code"), ("code", "=", code)], limit=1)
        program = rule.program_id or coupon.program_id
        return program.filtered_domain(company_domain)

    def _loyalty_with_early_access(self, domain, prefix):
        """``domain`` where the start date of a program also lets in the customer's tiers from its early access
        date; sale_loyalty and website_sale_loyalty edit these domains as lists, so a list stays a list."""
        if not self.env["loyalty.program"]._tier_early_access_in_use():
            return domain
        tiers = self._loyalty_partner_tiers()
        if not tiers:
            return domain
        day = self._get_confirmed_tx_create_date()
        early = Domain(f"{prefix}early_access_date", "<=", day) & Domain(
            f"{prefix}early_access_tier_ids", "in", tiers.ids
        )

        def widen(condition):
            if condition.field_expr == f"{prefix}date_from" and condition.operator == "<=":
                return condition | early
            return condition

        widened = Domain(domain).map_conditions(widen)
        return list(widened) if isinstance(domain, list) else widened
