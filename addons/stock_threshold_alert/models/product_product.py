from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL


class ProductProduct(models.Model):
    _inherit = "product.product"

    @api.model_create_multi
    def create(self, vals_list):
        products = super().create(vals_list)
        products._apply_category_thresholds()
        return products

    def write(self, vals):
        res = super().write(vals)
        # Stock archives a product's reordering rules with it: its open alerts close, and come back on restore.
        if "active" in vals:
            self.env["stock.threshold.alert"]._queue_products(self)
        return res

    def _apply_category_thresholds(self):
        """Give each storable product of a watched category an alert-only threshold per warehouse."""
        candidates = self.sudo().filtered(lambda p: p.is_storable and p.active)
        sources_by_category = {category: category._threshold_source() for category in candidates.categ_id}
        sources = {product: sources_by_category.get(product.categ_id) for product in candidates}
        candidates = candidates.filtered(lambda p: sources[p])
        if not candidates:
            return
        Orderpoint = self.env["stock.warehouse.orderpoint"].sudo().with_context(active_test=False)
        existing = {
            (product.id, warehouse.id)
            for product, warehouse in Orderpoint._read_group(
                [("product_id", "in", candidates.ids)], ["product_id", "warehouse_id"])
        }
        warehouses = self.env["stock.warehouse"].sudo().search([])
        vals_list = []
        for product in candidates:
            source = sources[product]
            for warehouse in warehouses:
                if product.company_id and product.company_id != warehouse.company_id:
                    continue
                if (product.id, warehouse.id) in existing:
                    continue
                vals_list.append({
                    "product_id": product.id,
                    "warehouse_id": warehouse.id,
                    "location_id": warehouse.lot_stock_id.id,
                    "company_id": warehouse.company_id.id,
                    "trigger": "alert",
                    "product_min_qty": source.threshold_min_qty,
                    "product_max_qty": source.threshold_max_qty,
                    "alert_user_id": source.threshold_user_id.id or product.responsible_id.id,
                    "threshold_from_category": True,
                })
        Orderpoint.create(vals_list)

    def _threshold_sales_history(self, location, days, today=None):
        """Per product, the units sold and the net stock change of each of the last `days` days (oldest first).

        One query for all products: sold is what left `location`'s tree for a customer (returns subtracted), net is
        every done move of the location's company into minus out of that tree. Days are UTC days ending with `today`.
        """
        today = today or fields.Date.today()  # the UTC day, as the moves' days below: not the user's
        first_day = today - timedelta(days=days - 1)
        history = defaultdict(lambda: ([0.0] * days, [0.0] * days))
        if not self:
            return history
        tree = location.parent_path + "%"
        rows = self.env.execute_query(SQL(
            """
            SELECT move.product_id,
                   (move.date AT TIME ZONE 'UTC')::date - %(first_day)s::date AS day_index,
                   SUM(CASE WHEN src.parent_path LIKE %(tree)s AND dest.usage = 'customer' THEN move.product_qty
                            WHEN dest.parent_path LIKE %(tree)s AND src.usage = 'customer' THEN -move.product_qty
                            ELSE 0 END) AS sold,
                   SUM(CASE WHEN dest.parent_path LIKE %(tree)s THEN move.product_qty ELSE -move.product_qty END) AS net
              FROM stock_move move
              JOIN stock_location src ON src.id = move.location_id
              JOIN stock_location dest ON dest.id = move.location_dest_id
             WHERE move.state = 'done'
               AND move.company_id = %(company_id)s
               AND move.product_id = ANY(%(product_ids)s)
               AND move.date >= %(first_day)s::date
               AND move.date < %(first_day)s::date + %(days)s
               AND (src.parent_path LIKE %(tree)s) <> (dest.parent_path LIKE %(tree)s)
             GROUP BY 1, 2
            """,
            first_day=first_day, days=days, tree=tree, product_ids=list(self.ids),
            company_id=(location.company_id or self.env.company).id,
        ))
        for product_id, day_index, sold, net in rows:
            daily_sold, daily_net = history[product_id]
            daily_sold[day_index] = sold or 0.0
            daily_net[day_index] = net or 0.0
        return history

    def _threshold_unit_revenue(self, company, days=90):
        """Average price per unit `company` actually sold recently, in its currency; list price when nothing sold."""
        since = fields.Datetime.now() - timedelta(days=days)
        rows = self.env.execute_query(SQL(
            """
            SELECT line.product_id, SUM(line.price_subtotal / COALESCE(NULLIF(sale.currency_rate, 0), 1.0)),
                   SUM(line.product_uom_qty)
              FROM sale_order_line line
              JOIN sale_order sale ON sale.id = line.order_id
             WHERE sale.state = 'sale' AND sale.company_id = %s AND sale.date_order >= %s
               AND line.product_id = ANY(%s)
             GROUP BY line.product_id
            """,
            company.id, since, list(self.ids),
        )) if self else []
        revenue = {product_id: amount / qty for product_id, amount, qty in rows if qty}
        return {product.id: revenue.get(product.id, product.lst_price) for product in self}
