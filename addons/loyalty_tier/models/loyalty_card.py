from odoo import fields, models


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
