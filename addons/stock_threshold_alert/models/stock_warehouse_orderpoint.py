from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..lib.threshold import check_threshold, classify

THRESHOLD_FIELDS = {"product_min_qty", "product_max_qty", "trigger", "alert_user_id", "active"}


class StockWarehouseOrderpoint(models.Model):
    _inherit = "stock.warehouse.orderpoint"

    trigger = fields.Selection(
        selection_add=[("alert", "Alert only")],
        ondelete={"alert": lambda orderpoints: orderpoints.write({"trigger": "manual"})},
        help="Auto and Manual replenish through purchase or manufacturing; Alert only never orders anything and warns "
        "the responsible buyer when the stock crosses below the minimum.",
    )
    alert_user_id = fields.Many2one(
        "res.users", "Responsible Buyer", check_company=False,
        help="Gets the restock activity and the in-app notification when this threshold is crossed.",
    )
    threshold_from_category = fields.Boolean(
        "Follows Category", help="Created from the product category defaults; it follows them until edited by hand.")
    alert_state = fields.Selection(
        [("ok", "OK"), ("low", "Below threshold"), ("out", "Out of stock")],
        "Stock Level", compute="_compute_alert_state",  # free and forecast quantities are not stored, nor is this
    )
    qty_free = fields.Float("Free", compute="_compute_alert_state", digits="Product Unit")

    @api.depends("product_id", "location_id", "product_min_qty")
    def _compute_alert_state(self):
        classified = self._threshold_classify()
        for orderpoint in self:
            orderpoint.alert_state, orderpoint.qty_free, _forecast = classified[orderpoint]

    @api.constrains("product_min_qty", "product_max_qty", "trigger", "product_id")
    def _check_alert_threshold(self):
        for orderpoint in self.filtered(lambda o: o.trigger == "alert"):
            problem = check_threshold(orderpoint.product_min_qty, orderpoint.product_max_qty)
            if problem:
                raise ValidationError(self._threshold_problem_message(problem, orderpoint.product_id.display_name))
            if not orderpoint.product_id.active:
                raise ValidationError(self.env._(
                    "%(product)s is archived: restore it before watching its stock.",
                    product=orderpoint.product_id.display_name))

    @api.model
    def _threshold_problem_message(self, problem, name):
        messages = {
            "negative": self.env._("The stock threshold of %(name)s cannot be negative.", name=name),
            "absurd": self.env._(
                "The stock threshold of %(name)s is more than a million units: please check the quantity.", name=name),
            "max_below_min": self.env._(
                "The maximum of %(name)s must be at least its minimum.", name=name),
        }
        return messages[problem]

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("trigger") == "alert" for vals in vals_list):
            self._check_threshold_manager()
        orderpoints = super().create(vals_list)
        orderpoints.filtered(lambda o: o.trigger == "alert")._queue_threshold_check()
        return orderpoints

    def write(self, vals):
        touches_threshold = THRESHOLD_FIELDS & set(vals)
        if touches_threshold and (vals.get("trigger") == "alert" or any(o.trigger == "alert" for o in self)):
            self._check_threshold_manager()
            if "threshold_from_category" not in vals and {"product_min_qty", "product_max_qty"} & touches_threshold \
                    and not self.env.context.get("threshold_from_category"):
                vals = dict(vals, threshold_from_category=False)
        res = super().write(vals)
        if touches_threshold:
            self.filtered(lambda o: o.trigger == "alert")._queue_threshold_check()
        return res

    def _check_threshold_manager(self):
        if not self.env.su and not self.env.user.has_group("stock.group_stock_manager"):
            raise AccessError(self.env._("Only inventory managers can change stock alert thresholds."))

    def _procure_orderpoint_confirm(self, use_new_cursor=False, company_id=None, raise_user_error=True):
        # Alert-only thresholds warn; they must never turn into purchase or manufacturing orders, whichever path
        # (scheduler, move trigger, replenishment report button) asks for a procurement.
        buying = self.filtered(lambda o: o.trigger != "alert")
        return super(StockWarehouseOrderpoint, buying)._procure_orderpoint_confirm(
            use_new_cursor=use_new_cursor, company_id=company_id, raise_user_error=raise_user_error)

    def action_replenish(self, force_to_max=False):
        alert_only = self.filtered(lambda o: o.trigger == "alert")
        if alert_only:
            raise UserError(self.env._(
                "%(products)s only raise alerts: use a Restock suggestion, or switch the trigger to Manual to order "
                "from here.", products=", ".join(alert_only.product_id.mapped("display_name"))))
        return super().action_replenish(force_to_max=force_to_max)

    def action_view_threshold_alerts(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id("stock_threshold_alert.stock_threshold_alert_action")
        action["domain"] = [("orderpoint_id", "=", self.id)]
        action["context"] = {"search_default_filter_open": 0}
        return action

    def _threshold_levels(self):
        """Free and forecast quantity of each orderpoint's product in its location, a few queries per location."""
        levels = {}
        by_location = defaultdict(lambda: self.env["stock.warehouse.orderpoint"])
        for orderpoint in self.filtered(lambda o: o.product_id and o.location_id):
            by_location[orderpoint.location_id] |= orderpoint
        for location, orderpoints in by_location.items():
            quantities = orderpoints.product_id.with_context(location=location.id)._compute_quantities_dict(
                None, None, None)
            for orderpoint in orderpoints:
                qty = quantities[orderpoint.product_id.id]
                levels[orderpoint.id] = (qty["free_qty"], qty["virtual_available"])
        return levels

    def _queue_threshold_check(self):
        self.env["stock.threshold.alert"]._queue_products(self.product_id)

    def _threshold_classify(self):
        """{orderpoint: (level, free, forecast)}, the level against each one's own minimum."""
        levels = self._threshold_levels()
        result = {}
        for orderpoint in self:
            free, forecast = levels.get(orderpoint.id, (0.0, 0.0))
            result[orderpoint] = (classify(free, forecast, orderpoint.product_min_qty), free, forecast)
        return result
