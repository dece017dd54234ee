from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestRestockTour(HttpCase):
    def test_restock_suggestion_to_draft_orders_in_the_browser(self):
        warehouse = self.env["stock.warehouse"].search([("company_id", "=", self.env.company.id)], limit=1)
        vendor = self.env["res.partner"].create({"name": "Tour Vendor"})
        product = self.env["product.product"].create({
            "name": "Tour Boot", "is_storable": True, "purchase_ok": True,
            "seller_ids": [(0, 0, {"partner_id": vendor.id, "min_qty": 1, "price": 30})],
        })
        self.env["stock.warehouse.orderpoint"].create({
            "product_id": product.id, "warehouse_id": warehouse.id, "location_id": warehouse.lot_stock_id.id,
            "trigger": "alert", "product_min_qty": 5, "product_max_qty": 10,
        })
        self.start_tour("/odoo/action-purchase_restock_suggestion.purchase_restock_suggestion_action",
                        "purchase_restock_suggestion_tour", login="admin")
        order = self.env["purchase.order"].search([("partner_id", "=", vendor.id)])
        self.assertEqual((order.state, order.order_line.product_qty), ("draft", 10))
