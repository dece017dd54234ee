from odoo import fields, models
from odoo.fields import Domain


class RatingRating(models.Model):
    _inherit = "rating.rating"

    # Odoo lets every employee read (and write) every rating; the ratings of sales orders are what customers said
    # about their order, so they follow the order instead: see rating_rating_rule_sale_order_follows_order.
    pipeline_order_readable = fields.Boolean(
        string="Order Readable",
        compute="_compute_pipeline_order_readable",
        search="_search_pipeline_order_readable",
    )

    def _compute_pipeline_order_readable(self):
        orders = self.env["sale.order"].sudo(False)
        on_orders = self.filtered(lambda rating: rating.res_model == "sale.order")
        readable = orders.browse(on_orders.mapped("res_id")).exists()._filtered_access("read")
        for rating in self:
            rating.pipeline_order_readable = rating in on_orders and rating.res_id in readable.ids

    def _search_pipeline_order_readable(self, operator, value):
        if operator != "in":
            return NotImplemented
        # Record rules are applied as superuser with the user's uid: ask sale.order with the user's own rights.
        orders = self.env["sale.order"].sudo(False)
        if not orders.has_access("read"):
            return Domain.FALSE
        return Domain("res_model", "=", "sale.order") & Domain("res_id", "in", orders._search([]))
