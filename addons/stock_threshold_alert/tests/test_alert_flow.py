from datetime import timedelta
from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import SQL, mute_logger

from odoo.addons.stock.models.stock_rule import StockRule

from .common import ThresholdAlertCase


@tagged("post_install", "-at_install")
class TestAlertFlow(ThresholdAlertCase):
    def test_inventory_adjustment_below_threshold_opens_one_alert(self):
        self._set_stock(10)
        self.assertFalse(self._alerts())
        self._set_stock(3)
        alert = self._alerts()
        self.assertEqual(len(alert), 1)
        self.assertEqual((alert.state, alert.severity, alert.qty_free, alert.min_qty), ("open", "low", 3, 5))
        self.assertEqual(alert.activity_ids.user_id, self.buyer)

    def test_validated_delivery_crossing_opens_alert(self):
        self._set_stock(10)
        self._deliver(6)
        self.assertEqual(self._alerts().qty_free, 4)

    def test_confirmed_sale_crossing_opens_alert(self):
        self._set_stock(10)
        partner = self.env["res.partner"].create({"name": "Runner Club"})
        order = self.env["sale.order"].create({
            "partner_id": partner.id,
            "warehouse_id": self.warehouse.id,
            "order_line": [(0, 0, {"product_id": self.product.id, "product_uom_qty": 7})],
        })
        order.action_confirm()
        self._commit()
        alert = self._alerts()
        self.assertEqual(len(alert), 1)
        self.assertEqual(alert.qty_forecast, 3)

    def test_cancelled_receipt_crossing_opens_alert(self):
        self._set_stock(10)
        receipt = self._receive(10, done=False)
        self._deliver(8, done=False)  # confirmed, not reserved: free 10, forecast 12
        self.assertFalse(self._alerts())
        receipt._action_cancel()
        self._commit()
        alert = self._alerts()
        self.assertEqual((alert.severity, alert.qty_free, alert.qty_forecast), ("low", 10, 2))

    def test_no_second_alert_while_below(self):
        self._set_stock(10)
        self._deliver(6)
        self._deliver(1)
        self._deliver(1)
        self.assertEqual(len(self._alerts()), 1)
        self.assertEqual(len(self._alerts().activity_ids), 1)

    def test_alert_resolves_itself_when_back_above_and_history_is_kept(self):
        self._set_stock(10)
        self._deliver(6)
        first = self._alerts()
        self._receive(10)
        self.assertEqual(first.state, "resolved")
        self.assertTrue(first.date_close)
        self.assertFalse(first.activity_ids, "the restock activity is marked done")
        self._deliver(12)
        alerts = self._alerts()
        self.assertEqual(len(alerts), 2, "a new crossing after a resolution is a new alert")
        self.assertEqual(alerts.mapped("state"), ["resolved", "open"])

    def test_out_of_stock_is_mailed_at_once_and_only_once(self):
        self._set_stock(3)
        alert = self._alerts()
        self.assertEqual(alert.severity, "low")
        self.assertFalse(alert.out_mail_sent)
        self._deliver(3)
        self.assertEqual(alert.severity, "out", "the open alert escalates, no second alert")
        self.assertEqual(len(self._alerts()), 1)
        mails = self.env["mail.mail"].search([("subject", "like", "Out of stock: Trail Runner 42")])
        self.assertEqual(len(mails), 1)
        self.assertIn(self.manager.partner_id, mails.recipient_ids)
        self._set_stock(0)
        self.assertEqual(len(self.env["mail.mail"].search([("subject", "like", "Out of stock: Trail Runner 42")])), 1)

    def test_buyer_gets_an_in_app_notification(self):
        self._set_stock(10)
        self.env["bus.bus"].search([]).unlink()
        self._deliver(8)
        notifications = self.env["bus.bus"].search([("message", "like", "simple_notification")])
        self.assertTrue(any(f'"res.partner",{self.buyer.partner_id.id}]' in n.channel for n in notifications))
        group = self.env.ref("stock.group_stock_user")
        levels = self.env["bus.bus"].search([("message", "like", "stock_threshold_alert/levels")])
        self.assertTrue(any(f'"res.groups",{group.id}]' in n.channel for n in levels),
                        "stock users watching the stock level list are told to reload it")

    def test_days_of_cover_and_lost_revenue_from_recent_sales(self):
        # In stock for the whole 30-day window (10 units since set-up), 26 sold today.
        self._set_stock(30)
        self._deliver(10)
        self._deliver(16)
        low = self._alerts()
        self.assertAlmostEqual(low.daily_sales, 26 / 30)
        self.assertAlmostEqual(low.days_of_cover, 4 / (26 / 30), places=4)
        self.assertEqual(low.lost_revenue, 0, "nothing is lost while something is left")
        self.assertEqual(low.sales_summary, "0.87 sold per day, 4.6 days of cover")
        self._receive(20)
        self._deliver(24)
        out = self._alerts()[-1]
        self.assertEqual((out.severity, out.days_of_cover), ("out", 0))
        self.assertAlmostEqual(out.lost_revenue, 50 / 30 * 80, places=2,
                               msg="units sold per day times the list price (no sale order yet)")

    def test_sales_summary_tells_the_days_of_cover_the_alert_shows(self):
        # 26 sold today with 4 left: the alert opens at 0.87 a day, 4.6 days of cover.
        self._set_stock(30)
        self._deliver(26)
        alert = self._alerts()
        self.assertEqual(alert.sales_summary, "0.87 sold per day, 4.6 days of cover")
        # Two more sold: the figures follow the stock, 2 left at 0.93 a day; the summary says the same as the field.
        self._deliver(2)
        self.assertEqual((alert.state, alert.qty_free), ("open", 4), "the same alert, its crossing quantities kept")
        self.assertAlmostEqual(alert.days_of_cover, 2 / (28 / 30), places=1)
        self.assertEqual(alert.sales_summary, "0.93 sold per day, 2.1 days of cover")

    def test_lost_revenue_uses_recent_selling_price(self):
        partner = self.env["res.partner"].create({"name": "Runner Club"})
        order = self.env["sale.order"].create({
            "partner_id": partner.id,
            "warehouse_id": self.warehouse.id,
            "order_line": [(0, 0, {"product_id": self.product.id, "product_uom_qty": 10, "price_unit": 60})],
        })
        order.action_confirm()
        order.picking_ids.move_ids.write({"quantity": 10, "picked": True})
        order.picking_ids._action_done()
        self._commit()
        alert = self._alerts()
        self.assertEqual(alert.severity, "out")
        self.assertAlmostEqual(alert.lost_revenue, 10 / 30 * 60, places=2)

    def test_alert_without_recent_sales_says_so_instead_of_zeros(self):
        Alert = self.env["stock.threshold.alert"]
        before = self.env["mail.mail"].search([])
        self._set_stock(0)  # an inventory loss, not a sale: nothing sold in the last 30 days
        alert = self._alerts()
        self.assertEqual((alert.severity, alert.has_recent_sales), ("out", False))
        self.assertEqual(alert.sales_summary, "No recent sales")
        self.assertIn(alert, Alert.search([("has_recent_sales", "=", False)]))
        self.assertNotIn(alert, Alert.search([("has_recent_sales", "=", True)]))
        self.assertIn("No recent sales", str(alert.activity_ids.note), "the buyer's activity says it too")
        out_mail = self.env["mail.mail"].search([("subject", "like", "Out of stock: Trail Runner 42")]) - before
        self.assertIn("No recent sales", str(out_mail.body_html))
        self.assertNotIn("Revenue lost per day", str(out_mail.body_html), "no zero revenue lost")
        Alert._cron_send_digest()
        digest = self.env["mail.mail"].search(
            [("subject", "like", f"Stock alerts for {self.env.company.name}:")]) - before
        self.assertIn("No recent sales", str(digest.body_html), "instead of a dash and a zero revenue lost")
        for view_type in ("list", "form"):
            arch = Alert.get_view(view_type=view_type)["arch"]
            self.assertIn('name="sales_summary"', arch, f"the {view_type} view says it")

    def test_lost_revenue_counts_only_the_sales_of_the_alerting_company(self):
        other = self.env["res.company"].create({"name": "Stride Hanoi"})
        partner = self.env["res.partner"].create({"name": "Runner Club"})
        far = self.env["sale.order"].with_company(other).create({
            "partner_id": partner.id,
            "company_id": other.id,
            "order_line": [(0, 0, {"product_id": self.product.id, "product_uom_qty": 1, "price_unit": 500})],
        })
        far.action_confirm()
        order = self.env["sale.order"].create({
            "partner_id": partner.id,
            "warehouse_id": self.warehouse.id,
            "order_line": [(0, 0, {"product_id": self.product.id, "product_uom_qty": 10, "price_unit": 60})],
        })
        order.action_confirm()
        order.picking_ids.move_ids.write({"quantity": 10, "picked": True})
        order.picking_ids._action_done()
        self._commit()
        alert = self._alerts()
        self.assertEqual(alert.severity, "out")
        self.assertAlmostEqual(alert.lost_revenue, 10 / 30 * 60, places=2,
                               msg="the other company's sale at 500 does not count")

    def test_alert_only_threshold_never_buys(self):
        self._set_stock(1)
        with patch.object(StockRule, "run", autospec=True, return_value=True) as run:
            self.orderpoint._procure_orderpoint_confirm(company_id=self.env.company)
            self.env["stock.rule"].run_scheduler()
        products = [p.product_id for call in run.call_args_list for p in call.args[1]]
        self.assertNotIn(self.product, products)

    def test_alert_only_threshold_cannot_be_ordered_from_the_replenishment_report(self):
        self._set_stock(1)
        with self.assertRaisesRegex(UserError, "only raise alerts"):
            self.orderpoint.action_replenish()

    def test_partial_restock_keeps_the_same_alert_below_threshold(self):
        self._set_stock(0)
        alert = self._alerts()
        self.assertEqual(alert.severity, "out")
        self._receive(2)
        self.assertEqual((alert.state, alert.severity), ("open", "low"))
        self.assertEqual(len(self._alerts()), 1)

    def test_cron_catches_a_crossing_made_behind_the_orm(self):
        self._set_stock(10)
        self.env.cr.execute(SQL("UPDATE stock_quant SET quantity = 2 WHERE product_id = %s", self.product.id))
        self.env.invalidate_all()
        self.env.cr.precommit.clear()
        self.assertFalse(self._alerts())
        self.env["stock.threshold.alert"]._cron_check_thresholds()
        self.assertEqual(self._alerts().qty_free, 2)

    def test_daily_digest_lists_new_and_open_alerts_once(self):
        self._set_stock(2)
        Alert = self.env["stock.threshold.alert"]
        Mail = self.env["mail.mail"]
        before = Mail.search([])
        new_count = Alert.search_count([("digest_sent", "=", False), ("company_id", "=", self.env.company.id)])
        open_count = Alert.search_count([("state", "=", "open"), ("company_id", "=", self.env.company.id)])
        Alert._cron_send_digest()
        digest = Mail.search([("subject", "like", f"Stock alerts for {self.env.company.name}:")]) - before
        self.assertEqual(len(digest), 1)
        self.assertIn(f"{new_count} new, {open_count} open", digest.subject)
        self.assertIn("Trail Runner 42", str(digest.body_html))
        self.assertIn(self.manager.partner_id, digest.recipient_ids)
        self.assertTrue(self._alerts().digest_sent)
        Alert._cron_send_digest()
        second = Mail.search([("subject", "like", f"Stock alerts for {self.env.company.name}:")]) - before - digest
        self.assertIn(f"0 new, {open_count} open", second.subject)

    def test_one_open_alert_per_threshold_is_enforced_by_the_database(self):
        self._set_stock(2)
        alert = self._alerts()
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.env["stock.threshold.alert"].create({
                "orderpoint_id": self.orderpoint.id, "product_id": self.product.id,
                "warehouse_id": self.warehouse.id, "company_id": self.env.company.id,
            })
        crossed = self.orderpoint._threshold_classify()
        again = self.env["stock.threshold.alert"]._open_alerts(crossed)
        self.assertFalse(again, "a second insert for the same crossing is skipped, not duplicated")
        self.assertEqual(self._alerts(), alert)

    def test_stock_level_list_matches_product_quantities(self):
        self._set_stock(10)
        self._deliver(4, done=False)._action_assign()
        self._receive(6, done=False)
        level = self.env["stock.threshold.level"].search([
            ("product_id", "=", self.product.id), ("warehouse_id", "=", self.warehouse.id)])
        self.assertRecordValues(level, [{
            "qty_on_hand": 10, "qty_reserved": 4, "qty_free": 6, "qty_forecast": 12, "min_qty": 5,
            "level_state": "ok",
        }])
        product = self.product.with_context(warehouse_id=self.warehouse.id)
        self.assertEqual(level.qty_forecast, product.virtual_available)
        self.assertEqual(level.qty_free, product.free_qty)
        below = self.env["stock.threshold.level"].search([("level_state", "in", ("low", "out"))])
        self.assertNotIn(level, below)

    def test_category_defaults_cover_new_products(self):
        category = self.env["product.category"].create({
            "name": "Sandals", "threshold_enabled": True, "threshold_min_qty": 4, "threshold_max_qty": 12,
            "threshold_user_id": self.buyer.id,
        })
        sub_category = self.env["product.category"].create({"name": "Kids", "parent_id": category.id})
        product = self.env["product.product"].create({
            "name": "Beach Sandal", "is_storable": True, "categ_id": sub_category.id})
        orderpoint = self.env["stock.warehouse.orderpoint"].search(
            [("product_id", "=", product.id), ("warehouse_id", "=", self.warehouse.id)])
        self.assertRecordValues(orderpoint, [{
            "trigger": "alert", "product_min_qty": 4, "product_max_qty": 12, "alert_user_id": self.buyer.id,
            "threshold_from_category": True, "warehouse_id": self.warehouse.id,
        }])
        category.threshold_min_qty = 6
        self.assertEqual(orderpoint.product_min_qty, 6, "thresholds from the category follow it")
        orderpoint.with_user(self.manager).product_min_qty = 2
        self.assertFalse(orderpoint.threshold_from_category)
        category.threshold_min_qty = 8
        self.assertEqual(orderpoint.product_min_qty, 2, "a threshold edited by hand is left alone")
        moved = self.env["product.product"].create({"name": "Flip Flop", "is_storable": True})
        moved.categ_id = category
        self.assertEqual(
            self.env["stock.warehouse.orderpoint"].search(
                [("product_id", "=", moved.id), ("warehouse_id", "=", self.warehouse.id)]).product_min_qty, 8,
            "a product moved into a watched category is covered too")

    def test_alert_opened_date_is_now(self):
        self._set_stock(1)
        self.assertLessEqual(self._alerts().date_open, fields.Datetime.now())

    def test_stock_level_list_filters_by_vendor_category_and_out_of_stock(self):
        vendor = self.env["res.partner"].create({"name": "Level Vendor"})
        category = self.env["product.category"].create({"name": "Level Boots"})
        other = self.env["product.product"].create({
            "name": "Level Boot", "is_storable": True, "categ_id": category.id,
            "seller_ids": [(0, 0, {"partner_id": vendor.id, "price": 30})],
        })
        self._set_stock(0, product=other)
        Level = self.env["stock.threshold.level"]
        mine = [("product_id", "in", (self.product | other).ids), ("warehouse_id", "=", self.warehouse.id)]
        self.assertEqual(Level.search(mine + [("vendor_id", "=", vendor.id)]).product_id, other)
        self.assertEqual(Level.search(mine + [("categ_id", "child_of", category.id)]).product_id, other)
        self.assertEqual(Level.search(mine + [("qty_free", "<=", 0)]).product_id, other, "the Out of Stock filter")
        self.assertEqual(Level.search(mine + [("level_state", "=", "out")]).vendor_id, vendor)

    def test_sales_rate_of_an_alert_skips_the_days_out_of_stock(self):
        product = self.env["product.product"].create({"name": "Seasonal Sandal", "is_storable": True})
        orderpoint = self.env["stock.warehouse.orderpoint"].create({
            "product_id": product.id, "warehouse_id": self.warehouse.id, "location_id": self.stock.id,
            "trigger": "alert", "product_min_qty": 5, "product_max_qty": 20,
        })
        # Nothing in stock for 20 days, 20 received ten days ago, one sold on each of the nine days after.
        moves = [(self.suppliers, self.stock, 20, 10)]
        moves += [(self.stock, self.customers, 1, days_ago) for days_ago in range(9, 0, -1)]
        for source, dest, qty, days_ago in moves:
            move = self._move(source, dest, qty, product=product)
            date = fields.Datetime.now() - timedelta(days=days_ago)
            move.write({"date": date})
            move.move_line_ids.write({"date": date})
        self._move(self.stock, self.customers, 8, product=product)  # 11 left, 8 sold today: 3 left, below 5
        alert = self._alerts(orderpoint)
        self.assertAlmostEqual(alert.daily_sales, 17 / 10, msg="17 sold over the 10 days it was in stock, not 30")
        self.assertAlmostEqual(alert.days_of_cover, 3 / 1.7, places=4)

    def test_digest_and_messages_speak_each_managers_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["stock_threshold_alert"], ["fr_FR"], overwrite=True)
        french = new_test_user(self.env, "threshold_manager_fr", groups="stock.group_stock_manager",
                               email="gerant@example.com", lang="fr_FR")
        self._set_stock(2)
        before = self.env["mail.mail"].search([])
        self.env["stock.threshold.alert"]._cron_send_digest()
        mails = self.env["mail.mail"].search([]) - before
        subject = f"Alertes de stock pour {self.env.company.name} :"
        in_french = mails.filtered(lambda mail: mail.subject.startswith(subject))
        self.assertEqual(len(in_french), 1)
        self.assertIn(french.partner_id, in_french.recipient_ids)
        self.assertIn("Toujours ouvertes", str(in_french.body_html))
        self.assertNotIn(french.partner_id, (mails - in_french).recipient_ids)
        self.assertEqual(
            self.orderpoint.with_context(lang="fr_FR")._threshold_problem_message("negative", "Trail Runner 42"),
            "Le seuil de stock de Trail Runner 42 ne peut pas être négatif.")
