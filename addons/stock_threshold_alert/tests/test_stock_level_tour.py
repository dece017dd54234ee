from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestStockLevelTour(HttpCase):
    def test_stock_level_list_updates_live_when_stock_moves(self):
        # The list shows the companies of the user who watches it: the product is stocked in admin's own.
        admin_company = self.env.ref("base.user_admin").company_id
        warehouse = self.env["stock.warehouse"].search([("company_id", "=", admin_company.id)], limit=1)
        # A root category of its own: no category default (demo data may watch "All") adds thresholds behind us.
        category = self.env["product.category"].create({"name": "Live Tour Shoes"})
        product = self.env["product.product"].create(
            {"name": "Live Level Sneaker", "is_storable": True, "categ_id": category.id})
        self.env["stock.warehouse.orderpoint"].create({
            "product_id": product.id, "warehouse_id": warehouse.id, "location_id": warehouse.lot_stock_id.id,
            "trigger": "alert", "product_min_qty": 5, "product_max_qty": 10,
        })
        self.env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id, 3)
        # More sold-out products than a page holds rank above it: a reload that lost the search would hide its row
        # (seen with the demo shop installed, before the list reloaded itself rather than the model).
        others = self.env["product.product"].create(
            [{"name": f"Sold-out Filler {n}", "is_storable": True, "categ_id": category.id} for n in range(85)])
        self.env["stock.warehouse.orderpoint"].create([{
            "product_id": other.id, "warehouse_id": warehouse.id, "location_id": warehouse.lot_stock_id.id,
            "trigger": "alert", "product_min_qty": 1, "product_max_qty": 2,
        } for other in others])
        # The tour watches the list, counts 12 through the ORM from the page and waits for the row to follow.
        self.start_tour("/odoo/action-stock_threshold_alert.stock_threshold_level_action",
                        "stock_threshold_level_tour", login="admin")
        level = self.env["stock.threshold.level"].search(
            [("product_id", "=", product.id), ("warehouse_id", "=", warehouse.id)])
        self.assertRecordValues(level, [{"qty_free": 12, "level_state": "ok"}])
