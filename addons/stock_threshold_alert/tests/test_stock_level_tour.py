from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestStockLevelTour(HttpCase):
    def test_stock_level_list_opens_in_the_browser(self):
        warehouse = self.env["stock.warehouse"].search([("company_id", "=", self.env.company.id)], limit=1)
        # Only this product is listed, so the list fits one page whatever demo data the database holds.
        self.env["product.product"].search([("is_storable", "=", True)]).action_archive()
        product = self.env["product.product"].create({"name": "Tour Sneaker", "is_storable": True})
        self.env["stock.warehouse.orderpoint"].create({
            "product_id": product.id, "warehouse_id": warehouse.id, "location_id": warehouse.lot_stock_id.id,
            "trigger": "alert", "product_min_qty": 5, "product_max_qty": 10,
        })
        self.env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id, 3)
        self.start_tour("/odoo/action-stock_threshold_alert.stock_threshold_level_action",
                        "stock_threshold_level_tour", login="admin")
