from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestRestockTwoCompanies(TransactionCase):
    """Two companies sell the same shared product at their own pace and price, each from its own vendor, and both
    buy insoles from the same vendor: one gets everything on time, the other half of it late."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create(
            {"name": "Stride Hanoi", "currency_id": cls.company_a.currency_id.id})
        (cls.company_a | cls.company_b).days_to_purchase = 0
        cls.warehouse_a = cls.env["stock.warehouse"].search([("company_id", "=", cls.company_a.id)], limit=1)
        cls.warehouse_b = cls.env["stock.warehouse"].search([("company_id", "=", cls.company_b.id)], limit=1)
        cls.customers = cls.env.ref("stock.stock_location_customers")
        cls.suppliers = cls.env.ref("stock.stock_location_suppliers")
        cls.lasts = cls.env["res.partner"].create({"name": "Lasts Ltd"})
        cls.hanoi_soles = cls.env["res.partner"].create({"name": "Hanoi Soles"})
        cls.court = cls.env["product.product"].create({
            "name": "Court Classic", "is_storable": True, "purchase_ok": True, "list_price": 90,
            "seller_ids": [
                (0, 0, {"partner_id": cls.lasts.id, "company_id": cls.company_a.id, "price": 20, "delay": 3}),
                (0, 0, {"partner_id": cls.hanoi_soles.id, "company_id": cls.company_b.id, "price": 30, "delay": 7}),
            ],
        })
        cls.insole = cls.env["product.product"].create({"name": "Insole", "is_storable": True, "purchase_ok": True})
        # A: 20 received ten days ago, 2 sold a day since. B: 10 received, 1 sold a day. Both out of stock now.
        for warehouse, received, per_day in ((cls.warehouse_a, 20, 2), (cls.warehouse_b, 10, 1)):
            cls._move(warehouse, cls.suppliers, warehouse.lot_stock_id, received, days_ago=10)
            for days_ago in range(10, 0, -1):
                cls._move(warehouse, warehouse.lot_stock_id, cls.customers, per_day, days_ago=days_ago)
        # Their recent selling prices: A sells at 100, B at 60.
        customer = cls.env["res.partner"].create({"name": "Court Club"})
        for company, price in ((cls.company_a, 100), (cls.company_b, 60)):
            cls.env["sale.order"].with_company(company).create({
                "partner_id": customer.id, "company_id": company.id,
                "order_line": [(0, 0, {"product_id": cls.court.id, "product_uom_qty": 1, "price_unit": price})],
            }).action_confirm()
        # Insoles from Lasts Ltd, both ordered 10 days ago for 5 days ago: A received all 10 a day early, B received
        # 5 of 10 today.
        cls._receipt(cls.company_a, cls.warehouse_a, received=10, days_ago=6)
        cls._receipt(cls.company_b, cls.warehouse_b, received=5, days_ago=0)

    @classmethod
    def _move(cls, warehouse, source, dest, qty, days_ago):
        move = cls.env["stock.move"].with_company(warehouse.company_id).create({
            "product_id": cls.court.id, "product_uom_qty": qty, "product_uom": cls.court.uom_id.id,
            "location_id": source.id, "location_dest_id": dest.id, "company_id": warehouse.company_id.id,
        })
        move._action_confirm()
        move._action_assign()
        move.write({"quantity": qty, "picked": True})
        move._action_done()
        date = fields.Datetime.now() - timedelta(days=days_ago)
        move.write({"date": date})
        move.move_line_ids.write({"date": date})

    @classmethod
    def _receipt(cls, company, warehouse, received, days_ago):
        order = cls.env["purchase.order"].with_company(company).create({
            "partner_id": cls.lasts.id, "company_id": company.id, "picking_type_id": warehouse.in_type_id.id,
            "order_line": [(0, 0, {"product_id": cls.insole.id, "product_qty": 10, "price_unit": 4})],
        })
        order.button_confirm()
        now = fields.Datetime.now()
        order.write({"date_approve": now - timedelta(days=10)})
        order.order_line.date_planned = now - timedelta(days=5)
        move = order.picking_ids.move_ids
        move.write({"quantity": received, "picked": True})
        move._action_done(cancel_backorder=True)
        move.write({"date": now - timedelta(days=days_ago)})

    def _suggestion_line(self, company, warehouse):
        suggestion = self.env["purchase.restock.suggestion"].with_company(company).create(
            {"warehouse_id": warehouse.id, "product_ids": [(6, 0, self.court.ids)]})
        suggestion.action_compute()
        return suggestion.line_ids

    def test_each_company_sees_its_own_sales_prices_and_vendor(self):
        self.assertRecordValues(self._suggestion_line(self.company_a, self.warehouse_a), [{
            "velocity": 2, "vendor_id": self.lasts.id, "unit_price": 20, "lead_time": 3,
            "lost_revenue": 200,  # 2 a day at A's own price of 100
        }])
        self.assertRecordValues(self._suggestion_line(self.company_b, self.warehouse_b), [{
            "velocity": 1, "vendor_id": self.hanoi_soles.id, "unit_price": 30, "lead_time": 7,
            "lost_revenue": 60,  # 1 a day at B's own price of 60
        }])

    def test_each_company_scores_the_vendor_on_its_own_receipts(self):
        card_a = self.lasts.with_company(self.company_a)
        card_b = self.lasts.with_company(self.company_b)
        self.assertEqual((card_a.scorecard_receipt_count, card_a.scorecard_on_time_rate, card_a.scorecard_fill_rate),
                         (1, 1.0, 1.0))
        self.assertFalse(card_a.scorecard_warning, "B's late, short receipt is not held against the vendor in A")
        self.assertEqual((card_b.scorecard_receipt_count, card_b.scorecard_on_time_rate, card_b.scorecard_fill_rate),
                         (1, 0.0, 0.5))
        self.assertIn("Unreliable vendor", card_b.scorecard_warning)
        self.assertFalse(self._suggestion_line(self.company_a, self.warehouse_a).vendor_warning)
