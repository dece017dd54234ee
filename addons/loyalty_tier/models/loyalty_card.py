from odoo import api, fields, models

from ..lib.expiry import Entry, Lot, next_expiry, replay


class LoyaltyCard(models.Model):
    _inherit = "loyalty.card"

    # --- Tiers (owner: tiers) ----------------------------------------------------------------------
    tier_id = fields.Many2one("loyalty.tier", index=True, readonly=True, ondelete="set null")
    tier_since = fields.Date(readonly=True)
    tier_review_date = fields.Date(readonly=True, help="A downgrade can only happen on this date.")
    tier_spend_12m = fields.Monetary(string="12-month spend", currency_field="currency_id", readonly=True)
    tier_orders_12m = fields.Integer(string="12-month orders", readonly=True)
    tier_history_ids = fields.One2many("loyalty.tier.history", "card_id", readonly=True)

    # --- Expiry (owner: points) ------------------------------------------------------------------
    next_expiry_date = fields.Date(readonly=True)
    next_expiry_points = fields.Float(readonly=True)

    # --- Campaigns (owner: campaign) -------------------------------------------------------------
    campaign_id = fields.Many2one("loyalty.campaign", index="btree_not_null", readonly=True, ondelete="set null")
    campaign_order_line_ids = fields.One2many("sale.order.line", "coupon_id", readonly=True)
    campaign_redeemed = fields.Boolean(
        string="Redeemed",
        compute="_compute_campaign_results",
        store=True,
        help="Used on at least one confirmed order.",
    )
    campaign_redeemed_rate = fields.Float(
        string="Redemption rate (%)",
        compute="_compute_campaign_results",
        store=True,
        aggregator="avg",
        help="100 when redeemed, else 0: its average over any group of coupons is their redemption rate.",
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
            card.campaign_redeemed_rate = 100.0 if orders else 0.0
            card.campaign_revenue = sum(
                order.currency_id._convert(
                    order.amount_untaxed, card.currency_id, order.company_id, order.date_order.date()
                )
                for order in orders
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
        today = fields.Date.context_today(self)
        for card in self.sudo():
            card_lines = lines.filtered(lambda line, card=card: line.card_id == card)
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

    # --- Contract between helpers: stubs that their owners fill in --------------------------------
    def _tier_upgrade_check(self):
        """(owner: tiers) Re-evaluate these cards now and upgrade at once where they qualify; never downgrade.

        Called by the earning code after an order counted for the card."""
        return

    def _tier_progress(self):
        """(owner: tiers) For the portal: a dict with ``tier``, ``next_tier`` (records or empty), ``spend``,
        ``orders``, ``missing_spend``, ``missing_orders`` and ``ratio`` (0..1) towards the next tier."""
        self.ensure_one()
        return {}
