from odoo import fields, models
from odoo.tools import SQL


class LoyaltyMemberReport(models.Model):
    """Members of the loyalty programs, one row per member card: members per tier, the points they hold and what
    those points are worth (the liability), the points earned, redeemed and expired so far."""

    _name = "loyalty.member.report"
    _description = "Loyalty Members Report"
    _auto = False
    _order = "program_id, tier_id, id"
    _rec_name = "partner_id"
    _depends = {
        "loyalty.card": [
            "program_id",
            "partner_id",
            "points",
            "tier_id",
            "tier_spend_12m",
            "tier_orders_12m",
            "company_id",
            "active",
        ],
        "loyalty.program": ["program_type", "currency_id", "point_value"],
        "loyalty.history": ["card_id", "issued", "used", "entry_kind"],
        "res.partner": ["country_id"],
    }

    card_id = fields.Many2one("loyalty.card", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Member", readonly=True)
    country_id = fields.Many2one("res.country", readonly=True)
    program_id = fields.Many2one("loyalty.program", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    tier_id = fields.Many2one("loyalty.tier", readonly=True)
    points = fields.Float(string="Outstanding points", readonly=True)
    liability = fields.Monetary(
        string="Points liability",
        currency_field="currency_id",
        readonly=True,
        help="Outstanding points times the program's value of a point, in the program (reporting) currency.",
    )
    points_earned = fields.Float(readonly=True, help="Points issued, net of reversals.")
    points_redeemed = fields.Float(readonly=True, help="Points spent on rewards.")
    points_expired = fields.Float(readonly=True)
    spend_12m = fields.Monetary(string="12-month spend", currency_field="currency_id", readonly=True)
    orders_12m = fields.Integer(string="12-month orders", readonly=True)

    @property
    def _table_query(self):
        # One row per active member card, with the card's id: the history is summed per card first so that the
        # join never multiplies a card's points.
        return SQL(
            """
            SELECT card.id AS id,
                   card.id AS card_id,
                   card.partner_id AS partner_id,
                   partner.country_id AS country_id,
                   card.program_id AS program_id,
                   card.company_id AS company_id,
                   program.currency_id AS currency_id,
                   card.tier_id AS tier_id,
                   card.points AS points,
                   card.points * COALESCE(program.point_value, 0) AS liability,
                   COALESCE(history.earned, 0) AS points_earned,
                   COALESCE(history.redeemed, 0) AS points_redeemed,
                   COALESCE(history.expired, 0) AS points_expired,
                   COALESCE(card.tier_spend_12m, 0) AS spend_12m,
                   COALESCE(card.tier_orders_12m, 0) AS orders_12m
              FROM loyalty_card card
              JOIN loyalty_program program ON program.id = card.program_id
              JOIN res_partner partner ON partner.id = card.partner_id
              LEFT JOIN (
                    SELECT card_id,
                           SUM(issued) - COALESCE(SUM(used) FILTER (WHERE entry_kind = 'reversal'), 0) AS earned,
                           SUM(used) FILTER (WHERE entry_kind IS NULL
                                                OR entry_kind NOT IN ('reversal', 'expiry')) AS redeemed,
                           SUM(used) FILTER (WHERE entry_kind = 'expiry') AS expired
                      FROM loyalty_history
                     GROUP BY card_id
                   ) history ON history.card_id = card.id
             WHERE program.program_type = 'loyalty'
               AND card.active
            """
        )
