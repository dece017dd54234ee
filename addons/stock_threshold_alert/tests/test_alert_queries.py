import logging
from unittest.mock import patch

from odoo.tests import tagged

from .common import ThresholdAlertCase

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestAlertQueries(ThresholdAlertCase):
    """The check that runs before each commit costs the same queries for one still-open alert or ten: refreshing
    their sales figures is one read of the history and one write, not one per alert."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.products = cls.env["product.product"].create(
            [{"name": f"Queried Runner {n}", "is_storable": True, "list_price": 80.0} for n in range(10)])
        cls.env["stock.warehouse.orderpoint"].create([{
            "product_id": product.id, "warehouse_id": cls.warehouse.id, "location_id": cls.stock.id,
            "trigger": "alert", "product_min_qty": 5, "product_max_qty": 20,
        } for product in cls.products])
        for product in cls.products:
            cls.env["stock.quant"]._update_available_quantity(product, cls.stock, 3)
        cls.env.flush_all()
        cls.env.cr.precommit.run()  # one open alert per product, below its threshold

    def _queries_of_the_check_after_a_sale(self, products):
        """Deliver one unit of each product, then count the queries of the check before the commit."""
        moves = self.env["stock.move"].create([{
            "product_id": product.id, "product_uom_qty": 1, "product_uom": product.uom_id.id,
            "location_id": self.stock.id, "location_dest_id": self.customers.id,
        } for product in products])
        moves._action_confirm()
        moves._action_assign()
        for move in moves:
            move.write({"quantity": 1, "picked": True})
        moves._action_done()
        self.env.flush_all()
        alerts = self.env["stock.threshold.alert"].search([("product_id", "in", products.ids)], order="id")
        self.assertEqual(len(alerts), len(products))
        sold_before = alerts.mapped("daily_sales")
        before = self.cr.sql_log_count
        self._commit()
        self.env.flush_all()
        count = self.cr.sql_log_count - before
        self.env.invalidate_all()
        self.assertEqual(alerts.mapped("state"), ["open"] * len(products), "still below the threshold")
        for alert, sold in zip(alerts, sold_before, strict=True):
            self.assertGreater(alert.daily_sales, sold, "the sale counts in the figures of the alert kept open")
        return count

    def test_check_refreshes_one_or_ten_open_alerts_in_the_same_queries(self):
        self._queries_of_the_check_after_a_sale(self.products[:1])  # warm-up: the caches of a first check
        one = self._queries_of_the_check_after_a_sale(self.products[1:2])
        ten = self._queries_of_the_check_after_a_sale(self.products)
        _logger.info("Check before commit: %d queries for 1 open alert, %d for 10", one, ten)
        self.assertEqual(one, ten, "the figures of ten open alerts cost what those of one cost")
        # As measured: the thresholds and their levels, the open alerts, the sales history and revenue, the figures
        # written in one UPDATE, the bus message to stock users.
        self.assertLessEqual(one, 17)

    def test_check_reads_the_sales_once_for_alerts_opened_and_alerts_kept_open(self):
        # One unit of an alert kept open and enough of the watched product to cross its threshold, in one transaction.
        moves = self.env["stock.move"].create([{
            "product_id": product.id, "product_uom_qty": qty, "product_uom": product.uom_id.id,
            "location_id": self.stock.id, "location_dest_id": self.customers.id,
        } for product, qty in ((self.products[0], 1), (self.product, 6))])
        moves._action_confirm()
        moves._action_assign()
        for move in moves:
            move.write({"quantity": move.product_uom_qty, "picked": True})
        moves._action_done()
        Product = type(self.env["product.product"])
        read_history = Product._threshold_sales_history
        with patch.object(Product, "_threshold_sales_history", autospec=True, side_effect=read_history) as history:
            self._commit()
        self.assertEqual(history.call_count, 1, "one read of the warehouse's sales history in the check")
        kept, opened = self._alerts(self.products[0].orderpoint_ids), self._alerts()
        self.assertAlmostEqual(kept.daily_sales, 1 / 30, places=2)
        self.assertAlmostEqual(opened.daily_sales, 6 / 30, places=2)
