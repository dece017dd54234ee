from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib.threshold import check_threshold

THRESHOLD_FIELDS = {"threshold_enabled", "threshold_min_qty", "threshold_max_qty", "threshold_user_id"}


class ProductCategory(models.Model):
    _inherit = "product.category"

    threshold_enabled = fields.Boolean(
        "Watch Stock",
        groups="stock.group_stock_manager",
        help="Storable products of this category (and of its sub-categories without their own setting) get an "
        "alert-only threshold in every warehouse, without typing it product by product.",
    )
    threshold_min_qty = fields.Float("Default Alert Minimum", digits="Product Unit", groups="stock.group_stock_manager")
    threshold_max_qty = fields.Float("Default Alert Maximum", digits="Product Unit", groups="stock.group_stock_manager")
    threshold_user_id = fields.Many2one(
        "res.users", "Default Responsible Buyer", groups="stock.group_stock_manager",
        domain=lambda self: [("all_group_ids", "in", self.env.ref("stock.group_stock_user").ids)],
    )

    @api.constrains("threshold_min_qty", "threshold_max_qty")
    def _check_threshold_defaults(self):
        for category in self:
            problem = check_threshold(category.threshold_min_qty, category.threshold_max_qty)
            if problem:
                raise ValidationError(self.env["stock.warehouse.orderpoint"]._threshold_problem_message(
                    problem, category.display_name))

    def write(self, vals):
        res = super().write(vals)
        if THRESHOLD_FIELDS & set(vals):
            self._apply_threshold_defaults()
        return res

    def action_apply_threshold_defaults(self):
        self._apply_threshold_defaults()
        return True

    def _threshold_source(self):
        """The category whose defaults apply: this one, or the nearest parent that watches stock."""
        category = self.sudo()[:1]
        while category and not category.threshold_enabled:
            category = category.parent_id
        return category

    def _apply_threshold_defaults(self):
        """Follow category defaults on existing products: create missing thresholds, update those not set by hand."""
        products = self.env["product.product"].sudo().search([
            ("categ_id", "child_of", self.ids), ("is_storable", "=", True),
        ])
        products._apply_category_thresholds()
        orderpoints = self.env["stock.warehouse.orderpoint"].sudo().with_context(threshold_from_category=True).search([
            ("product_id", "in", products.ids), ("threshold_from_category", "=", True),
        ])
        for orderpoint in orderpoints:
            source = orderpoint.product_id.categ_id._threshold_source()
            if source:
                orderpoint.write({
                    "product_min_qty": source.threshold_min_qty,
                    "product_max_qty": source.threshold_max_qty,
                    "alert_user_id": source.threshold_user_id.id or orderpoint.alert_user_id.id,
                })
