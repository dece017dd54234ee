from odoo import fields, models

STATUSES = [
    ("to_buy", "To Buy"),
    ("left_out", "Left Out"),
    ("attention", "Needs Attention"),
]


class PurchaseRestockSuggestionLine(models.Model):
    _name = "purchase.restock.suggestion.line"
    _description = "Restock Suggestion Line"
    _order = "suggestion_id, priority, id"  # needs attention (no rank) first, then in budget order

    suggestion_id = fields.Many2one(
        "purchase.restock.suggestion", required=True, ondelete="cascade", index=True, readonly=True)
    company_id = fields.Many2one(related="suggestion_id.company_id", store=True)
    currency_id = fields.Many2one(related="suggestion_id.currency_id")
    product_id = fields.Many2one("product.product", "Product", required=True, readonly=True, index=True)
    categ_id = fields.Many2one(related="product_id.categ_id", string="Product Category")
    vendor_id = fields.Many2one("res.partner", "Vendor", readonly=True)
    supplierinfo_id = fields.Many2one(
        "product.supplierinfo", "Vendor Price Line", readonly=True, ondelete="set null",
        help="The vendor's price line Odoo chose for this quantity, as a purchase order line would.")
    vendor_currency_id = fields.Many2one("res.currency", "Vendor Currency", readonly=True)
    status = fields.Selection(STATUSES, required=True, default="to_buy", readonly=True)
    reason = fields.Char(readonly=True)
    vendor_warning = fields.Char("Vendor Warning", readonly=True)
    priority = fields.Integer(readonly=True, help="Order in which the budget was given out (1 first).")
    velocity = fields.Float("Sold per Day", digits=(16, 2), readonly=True)
    sold_qty = fields.Float("Sold in Window", digits="Product Unit", readonly=True)
    in_stock_days = fields.Integer("Days in Stock", readonly=True)
    lead_time = fields.Float("Lead Time (days)", readonly=True)
    safety_stock = fields.Float("Safety Stock", digits="Product Unit", readonly=True)
    qty_on_hand = fields.Float("On Hand", digits="Product Unit", readonly=True)
    qty_forecast = fields.Float("Forecast", digits="Product Unit", readonly=True)
    min_qty = fields.Float("Minimum", digits="Product Unit", readonly=True)
    max_qty = fields.Float("Maximum", digits="Product Unit", readonly=True)
    need_qty = fields.Float("Need", digits="Product Unit", readonly=True)
    moq = fields.Float("Vendor Minimum", digits="Product Unit", readonly=True)
    multiple = fields.Float("Pack Size", digits="Product Unit", readonly=True)
    suggested_qty = fields.Float("To Order", digits="Product Unit", readonly=True)
    unit_price = fields.Float("Unit Price", digits="Product Price", readonly=True)
    subtotal_vendor_currency = fields.Monetary("Subtotal (Vendor)", currency_field="vendor_currency_id", readonly=True)
    subtotal = fields.Monetary("Subtotal", currency_field="currency_id", readonly=True)
    days_of_cover = fields.Float("Days of Cover", digits=(16, 1), readonly=True)
    lost_revenue = fields.Monetary("Lost Revenue per Day", currency_field="currency_id", readonly=True)
    margin = fields.Monetary("Unit Margin", currency_field="currency_id", readonly=True)
    purchase_line_id = fields.Many2one("purchase.order.line", "Purchase Line", readonly=True, index="btree_not_null")
    purchase_order_id = fields.Many2one(related="purchase_line_id.order_id", string="Purchase Order")

    def _vendor_uom(self):
        """The unit the vendor sells in (e.g. a box of 12): the draft purchase order line is in it."""
        self.ensure_one()
        return self.supplierinfo_id.product_uom_id or self.product_id.uom_id

    def _vendor_qty(self):
        self.ensure_one()
        return self.product_id.uom_id._compute_quantity(self.suggested_qty, self._vendor_uom(), round=False)
