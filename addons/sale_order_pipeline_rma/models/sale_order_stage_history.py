from odoo import fields, models

from .sale_order import RETURN_STAGES


class SaleOrderStageHistory(models.Model):
    _inherit = "sale.order.stage.history"

    stage = fields.Selection(selection_add=RETURN_STAGES, ondelete={"refunded": "set returned"})
    previous_stage = fields.Selection(selection_add=RETURN_STAGES, ondelete={"refunded": "set returned"})
