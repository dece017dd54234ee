from odoo import fields, models, tools
from odoo.tools import SQL

OPEN_MOVE_STATES = ("waiting", "confirmed", "partially_available", "assigned")


class StockThresholdLevel(models.Model):
    """On hand, reserved, free and forecast quantity of each storable product in each warehouse, read live."""

    _name = "stock.threshold.level"
    _description = "Stock Level per Warehouse"
    _auto = False
    _order = "level_rank, product_id, warehouse_id"
    _rec_name = "product_id"

    product_id = fields.Many2one("product.product", "Product", readonly=True)
    product_tmpl_id = fields.Many2one("product.template", "Product Template", readonly=True)
    categ_id = fields.Many2one("product.category", "Product Category", readonly=True)
    warehouse_id = fields.Many2one("stock.warehouse", "Warehouse", readonly=True)
    company_id = fields.Many2one("res.company", "Company", readonly=True)
    qty_on_hand = fields.Float("On Hand", digits="Product Unit", readonly=True)
    qty_reserved = fields.Float("Reserved", digits="Product Unit", readonly=True)
    qty_free = fields.Float("Free", digits="Product Unit", readonly=True)
    qty_incoming = fields.Float("Incoming", digits="Product Unit", readonly=True)
    qty_outgoing = fields.Float("Outgoing", digits="Product Unit", readonly=True)
    qty_forecast = fields.Float("Forecast", digits="Product Unit", readonly=True)
    min_qty = fields.Float("Threshold", digits="Product Unit", readonly=True)
    level_state = fields.Selection(
        [("out", "Out of stock"), ("low", "Below threshold"), ("ok", "OK"), ("unwatched", "No threshold")],
        "Level", readonly=True)
    level_rank = fields.Integer(readonly=True)
    vendor_id = fields.Many2one("res.partner", "Vendor", compute="_compute_vendor_id", search="_search_vendor_id")

    def _compute_vendor_id(self):
        for level in self:
            level.vendor_id = level.product_tmpl_id.seller_ids[:1].partner_id

    def _search_vendor_id(self, operator, value):
        return [("product_tmpl_id.seller_ids.partner_id", operator, value)]

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # The levels mirror lib.threshold.classify: out when nothing is free, low under the minimum.
        self.env.cr.execute(SQL(
            """
            CREATE OR REPLACE VIEW %(view)s AS (
            WITH warehouse AS (
                SELECT wh.id, wh.company_id, loc.parent_path
                  FROM stock_warehouse wh
                  JOIN stock_location loc ON loc.id = wh.view_location_id
                 WHERE wh.active
            ), quant AS (
                SELECT quant.product_id, warehouse.id AS warehouse_id,
                       SUM(quant.quantity) AS on_hand, SUM(quant.reserved_quantity) AS reserved
                  FROM stock_quant quant
                  JOIN stock_location loc ON loc.id = quant.location_id AND loc.usage = 'internal'
                  JOIN warehouse ON loc.parent_path LIKE warehouse.parent_path || '%%'
                 GROUP BY 1, 2
            ), move AS (
                SELECT move.product_id, warehouse.id AS warehouse_id,
                       SUM(CASE WHEN dest.parent_path LIKE warehouse.parent_path || '%%'
                                THEN move.product_qty ELSE 0 END) AS incoming,
                       SUM(CASE WHEN src.parent_path LIKE warehouse.parent_path || '%%'
                                THEN move.product_qty ELSE 0 END) AS outgoing
                  FROM stock_move move
                  JOIN stock_location src ON src.id = move.location_id
                  JOIN stock_location dest ON dest.id = move.location_dest_id
                  JOIN warehouse ON (src.parent_path LIKE warehouse.parent_path || '%%')
                                 <> (dest.parent_path LIKE warehouse.parent_path || '%%')
                 WHERE move.state IN %(open_states)s
                 GROUP BY 1, 2
            ), threshold AS (
                SELECT product_id, warehouse_id, MAX(product_min_qty) AS min_qty
                  FROM stock_warehouse_orderpoint
                 WHERE trigger = 'alert' AND active
                 GROUP BY 1, 2
            ), level AS (
                SELECT product.id AS product_id, template.id AS product_tmpl_id, template.categ_id,
                       warehouse.id AS warehouse_id, warehouse.company_id,
                       COALESCE(quant.on_hand, 0) AS qty_on_hand,
                       COALESCE(quant.reserved, 0) AS qty_reserved,
                       COALESCE(quant.on_hand, 0) - COALESCE(quant.reserved, 0) AS qty_free,
                       COALESCE(move.incoming, 0) AS qty_incoming,
                       COALESCE(move.outgoing, 0) AS qty_outgoing,
                       COALESCE(quant.on_hand, 0) + COALESCE(move.incoming, 0) - COALESCE(move.outgoing, 0)
                           AS qty_forecast,
                       threshold.min_qty
                  FROM product_product product
                  JOIN product_template template ON template.id = product.product_tmpl_id
                  JOIN warehouse ON template.company_id IS NULL OR template.company_id = warehouse.company_id
                  LEFT JOIN quant ON quant.product_id = product.id AND quant.warehouse_id = warehouse.id
                  LEFT JOIN move ON move.product_id = product.id AND move.warehouse_id = warehouse.id
                  LEFT JOIN threshold ON threshold.product_id = product.id AND threshold.warehouse_id = warehouse.id
                 WHERE product.active AND template.is_storable
            )
            SELECT product_id::bigint * 10000 + warehouse_id AS id, level.*,
                   CASE WHEN qty_free <= 0 THEN 'out'
                        WHEN min_qty IS NULL THEN 'unwatched'
                        WHEN qty_free < min_qty OR qty_forecast < min_qty THEN 'low'
                        ELSE 'ok' END AS level_state,
                   CASE WHEN qty_free <= 0 THEN 0
                        WHEN min_qty IS NULL THEN 3
                        WHEN qty_free < min_qty OR qty_forecast < min_qty THEN 1
                        ELSE 2 END AS level_rank
              FROM level
            )
            """,
            view=SQL.identifier(self._table),
            open_states=OPEN_MOVE_STATES,
        ))
