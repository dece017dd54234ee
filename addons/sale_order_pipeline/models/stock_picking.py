from odoo import fields, models

from ..lib import pipeline


class StockPicking(models.Model):
    _inherit = "stock.picking"

    # The carrier callback finds the order by this number, the one place it is kept.
    carrier_tracking_ref = fields.Char(index="btree_not_null")

    def _action_done(self):
        result = super()._action_done()
        for picking in self.filtered(lambda p: p.sale_id and p.state == "done"):
            picking._pipeline_follow_order()
        return result

    def _pipeline_follow_order(self):
        """Move the order along: a pick or pack done means packaging, the delivery done means shipped."""
        self.ensure_one()
        order = self.sale_id
        if self.location_dest_id.usage == "customer":
            if self.carrier_tracking_ref and not order.pipeline_tracking_url:
                order.sudo().pipeline_tracking_url = order._pipeline_carrier_tracking_url()
            order._pipeline_follow(pipeline.SHIPPING)
        elif self.location_id.usage == "customer":
            if order._pipeline_refusal(order.pipeline_stage, pipeline.RETURNED) is None:
                order._pipeline_move(pipeline.RETURNED, source="odoo")
        elif self.picking_type_code == "internal":
            order._pipeline_follow(pipeline.PACKAGING)
