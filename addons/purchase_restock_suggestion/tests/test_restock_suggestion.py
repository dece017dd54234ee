import logging
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, TransactionCase, new_test_user, tagged

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestRestockSuggestion(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.company.days_to_purchase = 0
        cls.warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.company.id)], limit=1)
        cls.stock = cls.warehouse.lot_stock_id
        cls.customers = cls.env.ref("stock.stock_location_customers")
        cls.suppliers = cls.env.ref("stock.stock_location_suppliers")
        cls.unit = cls.env.ref("uom.product_uom_unit")
        cls.box = cls.env["uom.uom"].create(
            {"name": "Box of 12", "relative_factor": 12, "relative_uom_id": cls.unit.id})
        cls.foreign = cls.env["res.currency"].create({
            "name": "XEU", "symbol": "X€", "rate_ids": [(0, 0, {"name": "2020-01-01", "rate": 0.5})],
        })
        cls.rateless = cls.env["res.currency"].create({"name": "XNR", "symbol": "N"})
        cls.vendor = cls.env["res.partner"].create({"name": "Sole Supplies"})
        cls.euro_vendor = cls.env["res.partner"].create({"name": "Leder GmbH"})
        cls.runner = cls._product("Runner", 80, [
            {"partner_id": cls.vendor.id, "product_uom_id": cls.box.id, "min_qty": 2, "price": 120, "delay": 5},
            {"partner_id": cls.vendor.id, "product_uom_id": cls.box.id, "min_qty": 10, "price": 108, "delay": 5},
        ])
        cls.boot = cls._product("Boot", 150, [
            {"partner_id": cls.euro_vendor.id, "currency_id": cls.foreign.id, "min_qty": 1, "price": 50},
            {"partner_id": cls.euro_vendor.id, "currency_id": cls.foreign.id, "min_qty": 10, "price": 45},
        ])
        cls.sandal = cls._product("Sandal", 40, [])
        cls.env["stock.warehouse.orderpoint"].create([{
            "product_id": product.id, "warehouse_id": cls.warehouse.id, "location_id": cls.stock.id,
            "trigger": "alert", "product_min_qty": 5, "product_max_qty": 20,
        } for product in (cls.boot, cls.sandal)])
        # Runner: 20 received ten days ago, 2 sold a day since: out of stock now, sells 2 a day when it has some.
        cls._move(cls.runner, cls.suppliers, cls.stock, 20, days_ago=10)
        for days_ago in range(10, 0, -1):
            cls._move(cls.runner, cls.stock, cls.customers, 2, days_ago=days_ago)
        cls.purchaser = new_test_user(
            cls.env, "restock_buyer", groups="purchase.group_purchase_user,stock.group_stock_user")
        cls.stock_user = new_test_user(cls.env, "restock_stock_user", groups="stock.group_stock_user")
        cls.portal = new_test_user(cls.env, "restock_portal", groups="base.group_portal")

    @classmethod
    def _product(cls, name, price, sellers):
        return cls.env["product.product"].create({
            "name": name, "is_storable": True, "purchase_ok": True, "list_price": price, "standard_price": price / 2,
            "seller_ids": [(0, 0, seller) for seller in sellers],
        })

    @classmethod
    def _move(cls, product, source, dest, qty, days_ago=0):
        move = cls.env["stock.move"].create({
            "product_id": product.id, "product_uom_qty": qty, "product_uom": product.uom_id.id,
            "location_id": source.id, "location_dest_id": dest.id,
        })
        move._action_confirm()
        move._action_assign()
        move.write({"quantity": qty, "picked": True})
        move._action_done()
        date = fields.Datetime.now() - timedelta(days=days_ago)
        move.write({"date": date})
        move.move_line_ids.write({"date": date})
        return move

    def _suggest(self, **values):
        """A suggestion over the products this test made, whatever else (demo data) the database holds."""
        products = self.env["product.product"].search([("id", ">=", self.runner.id)])
        suggestion = self.env["purchase.restock.suggestion"].create({
            "warehouse_id": self.warehouse.id, "product_ids": [(6, 0, products.ids)], **values})
        suggestion.action_compute()
        return suggestion

    def _line(self, suggestion, product):
        return suggestion.line_ids.filtered(lambda line: line.product_id == product)

    def test_quantity_from_velocity_lead_time_and_vendor_packs(self):
        line = self._line(self._suggest(cover_days=30), self.runner)
        self.assertRecordValues(line, [{
            "velocity": 2, "in_stock_days": 10, "lead_time": 5, "safety_stock": 0,
            "need_qty": 70,  # 2/day for 5 days of lead time + 30 days of cover, nothing in stock
            "moq": 24, "multiple": 12, "suggested_qty": 72,  # six boxes of 12
            "unit_price": 10, "subtotal": 720, "status": "to_buy", "vendor_id": self.vendor.id,
        }])
        self.assertAlmostEqual(line.lost_revenue, 160, msg="2 a day at 80 lost while out of stock")

    def test_price_break_and_vendor_currency_conversion(self):
        line = self._line(self._suggest(cover_days=30), self.boot)
        self.assertRecordValues(line, [{
            "need_qty": 20,  # no sales: from 0 up to the maximum of its threshold
            "suggested_qty": 20, "unit_price": 45, "subtotal_vendor_currency": 900, "subtotal": 1800,
            "vendor_currency_id": self.foreign.id,
        }])

    def _purchase_line(self, vendor, product, qty, uom):
        """The line a buyer gets by typing this product and quantity into a purchase order of this vendor (Odoo
        puts it in the vendor's unit)."""
        with Form(self.env["purchase.order"]) as order_form:
            order_form.partner_id = vendor
            with order_form.order_line.new() as typed:
                typed.product_id = product
                typed.product_qty = qty
        line = order_form.record.order_line
        self.assertEqual(line.product_uom_id, uom)
        return line

    def test_moq_larger_than_need(self):
        self.runner.seller_ids.write({"min_qty": 10})  # 120 units minimum
        suggestion = self._suggest(cover_days=30)
        line = self._line(suggestion, self.runner)
        self.assertEqual((line.need_qty, line.suggested_qty, line.unit_price), (70, 120, 9))
        suggestion.action_create_purchase_orders()
        self.assertRecordValues(line.purchase_line_id, [{
            "product_qty": 10, "product_uom_id": self.box.id, "price_unit": 108, "price_subtotal": 1080,
            "selected_seller_id": line.supplierinfo_id.id,
        }])  # ten boxes at the price break of 10 boxes, as Odoo prices the order line itself

    def test_vendor_and_price_are_those_a_purchase_order_line_gets(self):
        bulk = self.env["res.partner"].create({"name": "Bulk Laces"})
        # The user's day, as a purchase order line dates its vendor prices (context_today of the order date).
        yesterday = fields.Date.context_today(self.env.user) - timedelta(days=1)
        lace = self._product("Lace", 12, [
            # First by sequence, but 30 laces are under its minimum: Odoo goes to the next vendor.
            {"partner_id": bulk.id, "sequence": 1, "min_qty": 50, "price": 8},
            {"partner_id": self.vendor.id, "sequence": 2, "min_qty": 1, "price": 10},
            {"partner_id": self.vendor.id, "sequence": 2, "min_qty": 20, "price": 9.5, "discount": 10},
            {"partner_id": self.vendor.id, "sequence": 2, "min_qty": 25, "price": 5, "date_end": yesterday},
        ])
        self.env["stock.warehouse.orderpoint"].create({
            "product_id": lace.id, "warehouse_id": self.warehouse.id, "location_id": self.stock.id,
            "trigger": "alert", "product_min_qty": 5, "product_max_qty": 30,
        })
        line = self._line(self._suggest(), lace)
        purchase_line = self._purchase_line(self.vendor, lace, 30, self.unit)
        self.assertRecordValues(line, [{
            "vendor_id": self.vendor.id, "supplierinfo_id": purchase_line.selected_seller_id.id,
            "need_qty": 30, "moq": 20, "suggested_qty": 30,
            "unit_price": 8.55,  # the break of 20 at 9.5 less its 10% discount; the expired 5 does not count
            "subtotal_vendor_currency": purchase_line.price_subtotal, "status": "to_buy",
        }])
        self.assertEqual((purchase_line.price_unit, purchase_line.discount, purchase_line.price_subtotal),
                         (9.5, 10, 256.5))

    def test_products_without_vendor_or_price_or_rate_need_attention(self):
        self.boot.seller_ids.write({"currency_id": self.rateless.id})
        free_product = self._product("Free Lace", 2, [{"partner_id": self.vendor.id, "price": 0}])
        self.env["stock.warehouse.orderpoint"].create({
            "product_id": free_product.id, "warehouse_id": self.warehouse.id, "location_id": self.stock.id,
            "trigger": "alert", "product_min_qty": 1, "product_max_qty": 5,
        })
        suggestion = self._suggest()
        for product, reason in ((self.sandal, "No vendor"), (free_product, "no price"), (self.boot, "XNR")):
            line = self._line(suggestion, product)
            self.assertEqual(line.status, "attention")
            self.assertIn(reason, line.reason)
            self.assertFalse(line.subtotal, "never counted, not even as zero")
        self.assertEqual(suggestion.attention_count, 3)
        self.assertEqual(suggestion.amount_total, 720)
        self.assertIn("Sole Supplies", suggestion.vendor_summary, "the vendor total lists the lines to buy only")
        self.assertNotIn("Leder GmbH", suggestion.vendor_summary)

    def test_budget_cap_keeps_the_most_urgent_and_says_what_was_left_out(self):
        suggestion = self._suggest(use_budget_cap=True, budget_cap=1000)
        runner, boot = self._line(suggestion, self.runner), self._line(suggestion, self.boot)
        self.assertEqual((runner.status, runner.priority), ("to_buy", 1))
        self.assertEqual(boot.status, "left_out")
        self.assertIn("Over budget", boot.reason)
        self.assertEqual((suggestion.amount_total, suggestion.amount_left_out), (720, 1800))

    def test_cap_of_zero_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "more than zero"):
            self.env["purchase.restock.suggestion"].create({"use_budget_cap": True, "budget_cap": 0})

    def test_draft_purchase_orders_grouped_by_vendor_and_currency(self):
        extra = self._product("Insole", 10, [{"partner_id": self.vendor.id, "min_qty": 1, "price": 3}])
        self.env["stock.warehouse.orderpoint"].create({
            "product_id": extra.id, "warehouse_id": self.warehouse.id, "location_id": self.stock.id,
            "trigger": "alert", "product_min_qty": 5, "product_max_qty": 10,
        })
        suggestion = self._suggest()
        suggestion.action_create_purchase_orders()
        orders = suggestion.purchase_order_ids
        self.assertEqual(len(orders), 2)
        self.assertEqual(set(orders.mapped("state")), {"draft"}, "nothing is confirmed without a human")
        local = orders.filtered(lambda order: order.partner_id == self.vendor)
        self.assertEqual(local.currency_id, self.company.currency_id)
        self.assertEqual(sorted(local.order_line.mapped("product_uom_qty")), [10, 72])
        foreign = orders - local
        self.assertEqual((foreign.currency_id, foreign.order_line.price_unit), (self.foreign, 45))
        line = self._line(suggestion, self.runner)
        self.assertEqual(line.purchase_order_id, local)
        self.assertEqual(line.purchase_line_id.restock_line_id, line)
        self.assertRecordValues(line.purchase_line_id, [{
            "product_qty": 6, "product_uom_id": self.box.id, "price_unit": 120, "price_subtotal": line.subtotal,
            "selected_seller_id": line.supplierinfo_id.id,
        }])  # six boxes of 12 at the vendor's box price: what the suggestion said
        self.assertEqual(suggestion.state, "ordered")
        with self.assertRaises(UserError):
            suggestion.action_compute()

    def _late_half_receipt(self):
        """A receipt of the vendor: ordered 10 days ago for 5 days ago, 5 of 10 received today."""
        order = self.env["purchase.order"].create({
            "partner_id": self.vendor.id,
            "order_line": [(0, 0, {
                "product_id": self.runner.id, "product_qty": 10, "product_uom_id": self.unit.id, "price_unit": 10,
            })],
        })
        order.button_confirm()
        now = fields.Datetime.now()
        order.write({"date_approve": now - timedelta(days=10)})
        order.order_line.date_planned = now - timedelta(days=5)
        move = order.picking_ids.move_ids
        move.write({"quantity": 5, "picked": True})
        move._action_done(cancel_backorder=True)
        return order

    def test_vendor_scorecard_from_receipts_warns_on_the_suggestion(self):
        self._late_half_receipt()
        vendor = self.vendor.with_user(self.purchaser)
        self.assertEqual(vendor.scorecard_receipt_count, 1)
        self.assertEqual(vendor.scorecard_on_time_rate, 0)
        self.assertAlmostEqual(vendor.scorecard_promised_lead, 5, places=2)
        self.assertAlmostEqual(vendor.scorecard_actual_lead, 10, places=2)
        self.assertEqual(vendor.scorecard_fill_rate, 0.5)
        self.assertIn("Unreliable vendor", vendor.scorecard_warning)
        line = self._line(self._suggest(), self.runner)
        self.assertIn("Unreliable vendor", line.vendor_warning)

    def test_unreliable_vendor_limits_are_set_per_company(self):
        self._late_half_receipt()
        settings = self.env["res.config.settings"].create(
            {"restock_min_on_time_rate": 0.0, "restock_min_fill_rate": 0.5})
        settings.execute()
        self.assertEqual((self.company.restock_min_on_time_rate, self.company.restock_min_fill_rate), (0.0, 0.5))
        self.assertFalse(self.vendor.scorecard_warning, "0% on time and 50% filled meet these limits")
        self.assertFalse(self._line(self._suggest(), self.runner).vendor_warning)
        self.company.restock_min_fill_rate = 0.6
        self.vendor.invalidate_recordset(["scorecard_warning"])
        self.assertEqual(self.vendor.scorecard_warning,
                         "Unreliable vendor: delivers 50% of the quantity ordered (minimum 60%).")
        self.assertEqual(self._line(self._suggest(), self.runner).vendor_warning, self.vendor.scorecard_warning)
        other = self.env["res.company"].create({"name": "Strict Shoes"})
        self.assertEqual((other.restock_min_on_time_rate, other.restock_min_fill_rate), (0.8, 0.9),
                         "a new company starts from the default limits")

    def test_absurd_unreliable_vendor_limits_are_refused(self):
        for values in ({"restock_min_on_time_rate": 1.5}, {"restock_min_fill_rate": -0.1}):
            with self.subTest(values=values), self.assertRaisesRegex(ValidationError, "between 0% and 100%"), \
                    self.env.cr.savepoint():
                self.company.write(values)
        with self.assertRaisesRegex(ValidationError, r"minimum fill rate .* \(got 200%\)"):
            self.env["res.config.settings"].create({"restock_min_fill_rate": 2}).execute()

    def test_price_trend_compares_recent_and_older_prices(self):
        old, new = self.env["purchase.order"].create([{
            "partner_id": self.vendor.id,
            "order_line": [(0, 0, {"product_id": self.runner.id, "product_qty": 1, "price_unit": price})],
        } for price in (10, 12)])
        (old | new).button_confirm()
        old.date_order = fields.Datetime.now() - timedelta(days=200)
        self.assertAlmostEqual(self.vendor.scorecard_price_trend, 0.2)

    def test_query_count_does_not_grow_with_products(self):
        def count_queries():
            products = self.env["product.product"].search([("id", ">=", self.runner.id)])
            suggestion = self.env["purchase.restock.suggestion"].create(
                {"warehouse_id": self.warehouse.id, "product_ids": [(6, 0, products.ids)]})
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            suggestion.action_compute()
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        count_queries()  # warm the caches of the ORM
        few = count_queries()
        for index in range(30):
            product = self._product(f"Extra {index}", 20, [{"partner_id": self.vendor.id, "min_qty": 1, "price": 4}])
            self._move(product, self.suppliers, self.stock, 5, days_ago=3)
            self._move(product, self.stock, self.customers, 5, days_ago=2)
        many = count_queries()
        _logger.info("Restock suggestion: %s queries for 3 products, %s for 33", few, many)
        self.assertLessEqual(many - few, 12, f"{few} queries for 3 products, {many} for 33")

    def test_roles(self):
        suggestion = self.env["purchase.restock.suggestion"].with_user(self.purchaser).create(
            {"warehouse_id": self.warehouse.id, "product_ids": [(6, 0, (self.runner | self.boot).ids)]})
        suggestion.action_compute()
        suggestion.action_create_purchase_orders()
        self.assertTrue(suggestion.purchase_order_ids)
        as_stock_user = suggestion.with_user(self.stock_user)
        self.assertTrue(as_stock_user.line_ids.read(["suggested_qty"]), "stock users read suggestions")
        with self.assertRaises(AccessError):
            self.env["purchase.restock.suggestion"].with_user(self.stock_user).create({})
        for user in (self.portal, self.env.ref("base.public_user")):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["purchase.restock.suggestion.line"].with_user(user).search([])

    def test_archived_products_are_not_suggested(self):
        self.runner.action_archive()
        self.assertFalse(self._line(self._suggest(), self.runner))

    def test_archived_product_chosen_by_hand_is_named(self):
        suggestion = self.env["purchase.restock.suggestion"].create(
            {"warehouse_id": self.warehouse.id, "product_ids": [(6, 0, (self.runner | self.boot).ids)]})
        self.boot.action_archive()
        with self.assertRaisesRegex(UserError, "These products are archived: Boot"):
            suggestion.action_compute()

    def test_buyer_without_inventory_app_follows_alerts_and_levels(self):
        buyer = new_test_user(self.env, "restock_buyer_only", groups="purchase.group_purchase_user")
        self.assertFalse(buyer.has_group("stock.group_stock_user"))
        self.env["stock.quant"]._update_available_quantity(self.boot, self.stock, 2)
        self.env.flush_all()
        self.env.cr.precommit.run()  # the threshold check a commit would run
        alert = self.env["stock.threshold.alert"].with_user(buyer).search([("product_id", "=", self.boot.id)])
        self.assertEqual(alert.severity, "low")
        alert.message_post(body="Asked Leder GmbH for a delivery date")
        level = self.env["stock.threshold.level"].with_user(buyer).search(
            [("product_id", "=", self.boot.id), ("warehouse_id", "=", self.warehouse.id)])
        self.assertEqual((level.qty_free, level.level_state), (2, "low"))
        with self.assertRaises(AccessError):
            self.env["stock.threshold.alert"].with_user(buyer).create({
                "orderpoint_id": alert.orderpoint_id.id, "product_id": self.boot.id,
                "warehouse_id": self.warehouse.id, "company_id": self.company.id})
        with self.assertRaises(AccessError):
            alert.orderpoint_id.with_user(buyer).product_min_qty = 1

    def test_portal_and_public_never_read_the_vendor_scorecard(self):
        self._late_half_receipt()
        for user in (self.portal, self.env.ref("base.public_user")):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.vendor.with_user(user).read(["scorecard_warning"])
