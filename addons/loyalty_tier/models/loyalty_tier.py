from odoo import fields, models


class LoyaltyTier(models.Model):
    _name = "loyalty.tier"
    _description = "Loyalty Tier"
    _order = "program_id, sequence, id"

    program_id = fields.Many2one("loyalty.program", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="program_id.company_id", store=True)
    currency_id = fields.Many2one(related="program_id.currency_id")
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10, help="Tiers rank from the lowest sequence up.")
    color = fields.Integer()
    qualify_by = fields.Selection(
        [
            ("spend", "12-month spend"),
            ("orders", "12-month orders"),
            ("spend_and_orders", "Spend and orders"),
            ("spend_or_orders", "Spend or orders"),
        ],
        default="spend",
        required=True,
    )
    min_spend = fields.Monetary(string="Minimum 12-month spend", currency_field="currency_id")
    min_orders = fields.Integer(string="Minimum 12-month orders")
    points_multiplier = fields.Float(default=1.0, help="Value points of members are multiplied by this.")
    perk_description = fields.Text(string="Perks", translate=True)
