from odoo import fields, models


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    restock_suggestion_id = fields.Many2one(
        "purchase.restock.suggestion", "Restock Suggestion", index="btree_not_null", readonly=True, copy=False,
        ondelete="set null")


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    restock_line_id = fields.Many2one(
        "purchase.restock.suggestion.line", "Restock Suggestion Line", index="btree_not_null", readonly=True,
        copy=False, ondelete="set null")
