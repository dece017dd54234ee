from odoo import fields, models

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
