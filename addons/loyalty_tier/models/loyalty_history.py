from odoo import api, fields, models

EARNING_KINDS = ("value", "frequency", "streak")


class LoyaltyHistory(models.Model):
    _inherit = "loyalty.history"

    # --- (owner: points) ----------------------------------------------------------------------------
    entry_kind = fields.Selection(
        [
            ("order", "Order"),
            ("value", "Purchase value"),
            ("frequency", "Frequency bonus"),
            ("streak", "Streak bonus"),
            ("reversal", "Reversal"),
            ("restore", "Reversal undone"),
            ("expiry", "Expiry"),
            ("adjustment", "Adjustment"),
            ("opening", "Opening balance"),
        ],
        default="order",
    )
    entry_date = fields.Date(default=lambda self: self.env["loyalty.program"]._loyalty_today(), index=True)
    expiry_date = fields.Date(index=True, help="Earned points of this line not used by then expire.")
    points_remaining = fields.Float(help="Earned points of this line not yet used nor expired.")
    reminder_sent_date = fields.Date()
    program_id = fields.Many2one(related="card_id.program_id", store=True, precompute=True, index=True)
    source_line_id = fields.Many2one(
        "loyalty.history",
        string="Reversed line",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        help="The earning line a reversal takes its points back from first.",
    )
    refund_move_id = fields.Many2one(
        "account.move", string="Credit note", index="btree_not_null", ondelete="set null", readonly=True
    )
    is_reversed = fields.Boolean(
        readonly=True, help="Fully reversed by a cancellation: the order may earn again if confirmed again."
    )

    # One earning line per kind for an order in a program: a retry, a second confirmation or a second worker
    # awarding the same order at the same moment hits this index instead of awarding twice. Keyed on the program
    # rather than the card: two workers that each create the customer's first card still collide. A line fully
    # reversed by a cancellation leaves it, so an order confirmed again after a cancellation earns again, once.
    _earning_once_per_order = models.UniqueIndex(
        "(program_id, order_model, order_id, entry_kind) WHERE entry_kind IN ('value', 'frequency', 'streak') "
        "AND order_id IS NOT NULL AND is_reversed IS NOT TRUE",
        "These points were already awarded for this order.",
    )
    # The expiry cron scans lines with points left by date.
    _lots_to_expire_idx = models.Index("(expiry_date, card_id) WHERE points_remaining > 0")

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.context.get("loyalty_tier_skip_empty_lines"):
            cards = self.env["loyalty.card"].browse({vals.get("card_id") for vals in vals_list})
            loyalty_card_ids = set(cards.filtered(lambda card: card.program_id.program_type == "loyalty").ids)
            vals_list = [
                vals
                for vals in vals_list
                if vals.get("issued") or vals.get("used") or vals.get("card_id") not in loyalty_card_ids
            ]
        lines = super().create(vals_list)
        if not self.env.context.get("loyalty_tier_no_replay"):
            lines.card_id._loyalty_replay_lots()
        return lines

    def write(self, vals):
        res = super().write(vals)
        # Odoo adds the cost of a reward applied after confirmation to the order's line (`_update_loyalty_history`).
        if {"issued", "used"} & vals.keys() and not self.env.context.get("loyalty_tier_no_replay"):
            self.card_id._loyalty_replay_lots()
        return res

    def unlink(self):
        if self.env.context.get("loyalty_tier_keep_entries"):
            # Odoo's cancellation deletes an order's history lines: only its own go, ours are reversed instead.
            self = self.filtered(lambda line: line.entry_kind == "order")  # noqa: PLW0642
        cards = self.card_id
        res = super().unlink()
        if not self.env.context.get("loyalty_tier_no_replay"):
            cards.exists()._loyalty_replay_lots()
        return res
