from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # (owner: core) The order's total converted into the reporting currency at the rate of its date; stored so that
    # metrics and reports sum it in SQL. Kept current by the metrics engine (never a per-record compute at scale).
    insight_amount = fields.Float(
        string="Amount (reporting currency)", readonly=True, copy=False, digits=(16, 2),
    )
