from odoo import fields, models
from odoo.tools import SQL

from ..lib.feedback import RATING_MIN


class SaleOrderFeedback(models.Model):
    """The delivery feedback of the orders, for reporting: a read-only view of Odoo's ratings of sales orders.

    The rating itself is a `rating.rating` of the order (see `sale.order.action_pipeline_leave_feedback`); this view
    adds what the reports group by (salesperson, team, country) and the record rules of the order.
    """

    _name = "sale.order.feedback"
    _description = "Delivery Feedback"
    _auto = False
    _order = "create_date desc, id desc"
    _rec_name = "order_id"
    _depends = {
        "rating.rating": ["res_model", "res_id", "partner_id", "rating", "feedback", "consumed", "create_date"],
        "sale.order": ["company_id", "user_id", "team_id", "partner_id"],
        "res.partner": ["country_id"],
    }

    rating_id = fields.Many2one("rating.rating", string="Rating Details", readonly=True)
    order_id = fields.Many2one("sale.order", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    rating = fields.Integer(readonly=True, aggregator="avg")
    comment = fields.Text(readonly=True)
    create_date = fields.Datetime(string="Date", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    country_id = fields.Many2one("res.country", readonly=True)

    @property
    def _table_query(self):
        # One row per filled rating of an order, with the rating's id: a feedback is its rating.
        return SQL(
            """
            SELECT rating.id AS id,
                   rating.id AS rating_id,
                   sale_order.id AS order_id,
                   rating.partner_id AS partner_id,
                   ROUND(rating.rating)::integer AS rating,
                   rating.feedback AS comment,
                   rating.create_date AS create_date,
                   sale_order.company_id AS company_id,
                   sale_order.user_id AS user_id,
                   sale_order.team_id AS team_id,
                   customer.country_id AS country_id
              FROM rating_rating rating
              JOIN sale_order ON sale_order.id = rating.res_id
              JOIN res_partner customer ON customer.id = sale_order.partner_id
             WHERE rating.res_model = 'sale.order'
               AND rating.consumed
               AND rating.rating >= %s
            """,
            RATING_MIN,
        )
