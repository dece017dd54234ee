from collections import defaultdict

from odoo import fields, models
from odoo.tools import SQL

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

    def _vendor_offers(self, products, company):
        """{product id: the preferred vendor's terms in product units}, from one supplier-info query.

        The preferred vendor is the first by sequence among valid prices for the variant or its template; its
        price lines give the price breaks, its smallest minimum the MOQ and its purchase unit the pack size.
        Read with SQL: the ORM costs seconds on a catalogue of twenty thousand variants.
        """
        if not products:
            return {}
        today = fields.Date.context_today(self)
        self.env.flush_all()
        variants = self.env.execute_query(SQL(
            """
            SELECT product.id, product.product_tmpl_id, template.uom_id
              FROM product_product product JOIN product_template template ON template.id = product.product_tmpl_id
             WHERE product.id = ANY(%s)
            """, products.ids))
        infos = self.env.execute_query(SQL(
            """
            SELECT info.product_tmpl_id, info.product_id, info.partner_id, info.currency_id, info.min_qty,
                   info.price, COALESCE(info.discount, 0), COALESCE(info.delay, 0), info.product_uom_id
              FROM product_supplierinfo info
              JOIN res_partner partner ON partner.id = info.partner_id AND partner.active
             WHERE info.product_tmpl_id = ANY(%(templates)s)
               AND (info.company_id IS NULL OR info.company_id = %(company)s)
               AND (info.date_start IS NULL OR info.date_start <= %(today)s)
               AND (info.date_end IS NULL OR info.date_end >= %(today)s)
             ORDER BY info.sequence, info.min_qty, info.price, info.id
            """,
            templates=list({template_id for _id, template_id, _uom in variants}), company=company.id, today=today,
        ))
        by_template = defaultdict(list)
        for info in infos:
            by_template[info[0]].append(info)
        factors = {}

        def factor(uom_id, product_uom_id):  # product units in one vendor unit; few distinct pairs, so cached
            if (uom_id, product_uom_id) not in factors:
                uoms = self.env["uom.uom"].browse([uom_id, product_uom_id])
                factors[uom_id, product_uom_id] = uoms[0]._compute_quantity(1.0, uoms[-1], round=False) or 1.0
            return factors[uom_id, product_uom_id]

        offers = {}
        for product_id, template_id, product_uom_id in variants:
            candidates = [info for info in by_template.get(template_id, ()) if info[1] in (None, product_id)]
            if not candidates:
                continue
            _tmpl, _variant, vendor_id, currency_id, _min, _price, _discount, delay, vendor_uom_id = candidates[0]
            breaks = []
            for _tmpl, _variant, partner_id, currency, min_qty, price, discount, _delay, uom_id in candidates:
                if partner_id == vendor_id and currency == currency_id:
                    units = factor(uom_id, product_uom_id)
                    breaks.append((min_qty * units, price * (1 - discount / 100) / units))
            pack = factor(vendor_uom_id, product_uom_id)
            offers[product_id] = {
                "vendor_id": vendor_id,
                "currency_id": currency_id,
                "delay": delay,
                "moq": min(min_qty for min_qty, _price in breaks),
                "multiple": pack if pack > 1 else 0.0,
                "breaks": breaks,
            }
        return offers
