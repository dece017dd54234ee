from odoo import fields, models


class LoyaltyTierHistory(models.Model):
    _name = "loyalty.tier.history"
    _description = "Loyalty Tier Change"
    _order = "date desc, id desc"

    card_id = fields.Many2one("loyalty.card", required=True, index=True, ondelete="cascade")
    partner_id = fields.Many2one(related="card_id.partner_id", store=True, index=True)
    program_id = fields.Many2one(related="card_id.program_id", store=True)
    company_id = fields.Many2one(related="card_id.company_id", store=True)
    date = fields.Date(required=True, default=lambda self: self.env["loyalty.program"]._loyalty_today())
    old_tier_id = fields.Many2one("loyalty.tier", ondelete="set null")
    new_tier_id = fields.Many2one("loyalty.tier", ondelete="set null")
    direction = fields.Selection([("up", "Upgrade"), ("down", "Downgrade")], required=True)
    reason = fields.Text(required=True)
    # A plain number in the program currency: a Monetary would read each line's currency through the card at insert,
    # and a first review writes a line for every member.
    spend_12m = fields.Float(string="12-month spend", digits=(16, 2), readonly=True)
    orders_12m = fields.Integer(string="12-month orders", readonly=True)
