from odoo import fields, models


class LoyaltyTierHistory(models.Model):
    _name = "loyalty.tier.history"
    _description = "Loyalty Tier Change"
    _order = "date desc, id desc"

    card_id = fields.Many2one("loyalty.card", required=True, index=True, ondelete="cascade")
    partner_id = fields.Many2one(related="card_id.partner_id", store=True, index=True)
    program_id = fields.Many2one(related="card_id.program_id", store=True)
    company_id = fields.Many2one(related="card_id.company_id", store=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    old_tier_id = fields.Many2one("loyalty.tier", ondelete="set null")
    new_tier_id = fields.Many2one("loyalty.tier", ondelete="set null")
    direction = fields.Selection([("up", "Upgrade"), ("down", "Downgrade")], required=True)
    reason = fields.Text(required=True)
    currency_id = fields.Many2one(related="card_id.currency_id")
    spend_12m = fields.Monetary(string="12-month spend", currency_field="currency_id", readonly=True)
    orders_12m = fields.Integer(string="12-month orders", readonly=True)
