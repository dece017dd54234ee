import threading
from contextlib import closing

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api
from odoo.sql_db import db_connect
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL, mute_logger


@tagged("post_install", "-at_install")
class TestAlertConcurrency(TransactionCase):
    """Two transactions crossing the same threshold at once still give one alert.

    The test transaction is invisible to other connections, so the threshold is committed through cursors of its
    own and removed at the end.
    """

    def _cursor(self):
        cr = db_connect(self.env.cr.dbname).cursor()
        cr.execute(SQL("SET lock_timeout = '20s'"))
        return cr

    def _env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {})

    def setUp(self):
        super().setUp()
        with closing(self._cursor()) as cr:
            env = self._env(cr)
            warehouse = env["stock.warehouse"].search([], limit=1)
            product = env["product.product"].create({"name": "Concurrent Clog", "is_storable": True})
            orderpoint = env["stock.warehouse.orderpoint"].create({
                "name": "Concurrent threshold", "product_id": product.id, "warehouse_id": warehouse.id,
                "location_id": warehouse.lot_stock_id.id, "trigger": "alert",
                "product_min_qty": 5, "product_max_qty": 10,
            })
            env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id, 10)
            cr.commit()  # pylint: disable=invalid-commit  # runs the threshold check: 10 in stock
        self.product_id, self.orderpoint_id = product.id, orderpoint.id
        self.addCleanup(self._remove_fixture)

    def _remove_fixture(self):
        with closing(self._cursor()) as cr:
            env = self._env(cr)
            alerts = env["stock.threshold.alert"].search([("product_id", "=", self.product_id)])
            alerts.activity_ids.unlink()
            alerts.unlink()
            cr.execute(SQL("DELETE FROM stock_quant WHERE product_id = %s", self.product_id))
            env["stock.warehouse.orderpoint"].browse(self.orderpoint_id).unlink()
            env["product.product"].browse(self.product_id).unlink()
            cr.commit()  # pylint: disable=invalid-commit

    def _open_alert_count(self):
        with closing(self._cursor()) as cr:
            return self._env(cr)["stock.threshold.alert"].search_count(
                [("orderpoint_id", "=", self.orderpoint_id), ("state", "=", "open")])

    def test_two_concurrent_crossings_give_one_alert(self):
        with closing(self._cursor()) as cr_a, closing(self._cursor()) as cr_b:
            env_a, env_b = self._env(cr_a), self._env(cr_b)
            self.assertEqual(self._open_alert_count(), 0)
            # Both transactions moved stock down to 3 and each saw the crossing before the other committed.
            crossed_a = {env_a["stock.warehouse.orderpoint"].browse(self.orderpoint_id): ("low", 3.0, 3.0)}
            crossed_b = {env_b["stock.warehouse.orderpoint"].browse(self.orderpoint_id): ("low", 3.0, 3.0)}
            self.assertTrue(env_a["stock.threshold.alert"]._open_alerts(crossed_a))
            outcome = {}

            def second_transaction():
                try:
                    outcome["opened"] = env_b["stock.threshold.alert"]._open_alerts(crossed_b).ids
                    cr_b.commit()  # pylint: disable=invalid-commit
                except SerializationFailure:
                    # Odoo's request and cron loop rolls back and runs the whole transaction again; by then the
                    # open alert is visible, so the retry opens nothing.
                    cr_b.rollback()
                    env_b.invalidate_all()
                    outcome["retried"] = True
                    outcome["opened"] = env_b["stock.threshold.alert"]._open_alerts(crossed_b).ids
                    cr_b.commit()  # pylint: disable=invalid-commit

            with mute_logger("odoo.sql_db"):  # the serialization failure is expected, not an error to log
                thread = threading.Thread(target=second_transaction)
                thread.start()
                thread.join(1)  # the second insert waits on the first transaction's row
                cr_a.commit()  # pylint: disable=invalid-commit
                thread.join(30)
            self.assertFalse(thread.is_alive())
            self.assertEqual(outcome["opened"], [], "the second transaction opens nothing")
        self.assertEqual(self._open_alert_count(), 1)
