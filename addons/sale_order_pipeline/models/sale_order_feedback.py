from odoo import api, fields, models

from ..lib import pipeline


class SaleOrderFeedback(models.Model):
    _name = "sale.order.feedback"
    _description = "Delivery Feedback"
    _order = "create_date desc, id desc"
    _rec_name = "order_id"

    order_id = fields.Many2one("sale.order", required=True, ondelete="cascade", index=True, readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, readonly=True)
    rating = fields.Integer(required=True, readonly=True, aggregator="avg")
    comment = fields.Text(readonly=True)
    company_id = fields.Many2one(related="order_id.company_id", store=True)
    user_id = fields.Many2one(related="order_id.user_id", string="Salesperson", store=True)
    team_id = fields.Many2one(related="order_id.team_id", store=True)
    country_id = fields.Many2one(related="partner_id.country_id", store=True)

    _one_per_order = models.Constraint("UNIQUE (order_id)", "An order can receive only one feedback.")
    _rating_range = models.Constraint("CHECK (rating BETWEEN 1 AND 5)", "The rating goes from 1 to 5.")

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        for feedback in records:
            feedback.order_id._pipeline_move(pipeline.FEEDBACK)
        return records
