from odoo import fields, models

from .sale_order import PIPELINE_STAGES


class SaleOrderStageHistory(models.Model):
    _name = "sale.order.stage.history"
    _description = "Sales Order Stage History"
    _order = "date desc, id desc"

    order_id = fields.Many2one("sale.order", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="order_id.company_id", store=True)
    stage = fields.Selection(PIPELINE_STAGES, required=True)
    previous_stage = fields.Selection(PIPELINE_STAGES)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    user_id = fields.Many2one("res.users", string="By", required=True, default=lambda self: self.env.user)
    source = fields.Selection(
        [("odoo", "Followed Odoo"), ("manual", "By hand"), ("carrier", "Carrier update")],
        required=True,
        default="manual",
    )
    reason = fields.Char()
    # Set once the customer and the team were told, so that replaying the event never notifies twice.
    notified = fields.Boolean(readonly=True)
