from odoo import api, models

from .loyalty_card import points_moved_by_a_flow


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    # sale_loyalty moves a card's points, as the salesperson, when a reward line of a confirmed order is added,
    # changed or removed.
    @api.model_create_multi
    def create(self, vals_list):
        with points_moved_by_a_flow():
            return super().create(vals_list)

    def write(self, vals):
        with points_moved_by_a_flow():
            return super().write(vals)

    def unlink(self):
        with points_moved_by_a_flow():
            return super().unlink()
