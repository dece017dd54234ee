from odoo import fields, models


class SaleOrderPipelineShip(models.TransientModel):
    _name = "sale.order.pipeline.ship"
    _description = "Ship Orders"

    order_ids = fields.Many2many("sale.order", required=True)
    carrier_id = fields.Many2one("delivery.carrier")
    tracking_ref = fields.Char(string="Tracking Number", required=True)
    tracking_url = fields.Char(string="Tracking Link", help="Leave empty to use the carrier's own tracking link.")

    def action_ship(self):
        self.ensure_one()
        self.order_ids.action_pipeline_ship(self.tracking_ref, self.carrier_id.id, self.tracking_url)
        return {"type": "ir.actions.act_window_close"}
