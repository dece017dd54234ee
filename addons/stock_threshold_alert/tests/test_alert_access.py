from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import ThresholdAlertCase


@tagged("post_install", "-at_install")
class TestAlertAccess(ThresholdAlertCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = new_test_user(cls.env, "threshold_portal", groups="base.group_portal")
        cls.public = cls.env.ref("base.public_user")
        cls.salesman = new_test_user(cls.env, "threshold_salesman", groups="sales_team.group_sale_salesman")

    def test_stock_user_sees_alerts_and_levels(self):
        self._set_stock(2)
        alerts = self.env["stock.threshold.alert"].with_user(self.buyer).search([])
        self.assertIn(self._alerts(), alerts)
        levels = self.env["stock.threshold.level"].with_user(self.buyer).search(
            [("product_id", "=", self.product.id), ("warehouse_id", "=", self.warehouse.id)])
        self.assertEqual(levels.qty_free, 2)

    def test_portal_public_and_salesman_never_see_alerts(self):
        self._set_stock(2)
        for user in (self.portal, self.public, self.salesman):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.env["stock.threshold.alert"].with_user(user).search([])
                with self.assertRaises(AccessError):
                    self.env["stock.threshold.level"].with_user(user).search([])

    def test_a_sale_by_a_salesman_still_raises_the_alert(self):
        self._set_stock(6)
        partner = self.env["res.partner"].create({"name": "Walk-in"})
        order = self.env["sale.order"].with_user(self.salesman).create({
            "partner_id": partner.id,
            "warehouse_id": self.warehouse.id,
            "order_line": [(0, 0, {"product_id": self.product.id, "product_uom_qty": 3})],
        })
        order.action_confirm()
        self._commit()
        self.assertEqual(len(self._alerts()), 1)

    def test_only_stock_manager_changes_thresholds(self):
        with self.assertRaises(AccessError):
            self.orderpoint.with_user(self.buyer).product_min_qty = 1
        with self.assertRaises(AccessError):
            self.env["stock.warehouse.orderpoint"].with_user(self.buyer).create({
                "product_id": self.product.id, "warehouse_id": self.warehouse.id, "trigger": "alert",
                "location_id": self.warehouse.lot_stock_id.id,
            })
        self.orderpoint.with_user(self.manager).product_min_qty = 8
        self.assertEqual(self.orderpoint.product_min_qty, 8)

    def test_stock_user_works_the_alert_activity(self):
        self._set_stock(2)
        alert = self._alerts().with_user(self.buyer)
        alert.activity_ids.action_feedback(feedback="Ordered 20 pairs")
        alert.message_post(body="Vendor confirmed the delivery date")
        self.assertFalse(alert.activity_ids)

    def test_bad_thresholds_are_refused_with_a_clear_message(self):
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.orderpoint.with_user(self.manager).write({"product_min_qty": -1})
        for values, message in (
            ({"product_min_qty": 5_000_000, "product_max_qty": 5_000_000}, "more than a million"),
            ({"product_min_qty": 10, "product_max_qty": 4}, "at least its minimum"),
        ):
            draft = self.env["stock.warehouse.orderpoint"].new({
                "product_id": self.product.id, "trigger": "alert", **values})
            with self.subTest(values=values), self.assertRaisesRegex(ValidationError, message):
                draft._check_alert_threshold()
        with self.assertRaisesRegex(ValidationError, "at least its minimum"):
            self.env["product.category"].create({
                "name": "Odd", "threshold_enabled": True, "threshold_min_qty": 10, "threshold_max_qty": 4})

    def test_archived_product_cannot_be_watched(self):
        archived = self.env["product.product"].create({"name": "Old Boot", "is_storable": True, "active": False})
        with self.assertRaisesRegex(ValidationError, "archived"):
            self.env["stock.warehouse.orderpoint"].create({
                "product_id": archived.id, "warehouse_id": self.warehouse.id, "trigger": "alert",
                "location_id": self.warehouse.lot_stock_id.id,
            })

    def test_only_stock_manager_changes_category_defaults(self):
        category = self.env["product.category"].create({"name": "Clogs"})
        # Both may edit categories; only the stock manager may set their stock thresholds.
        catalogue = "product.group_product_manager"
        buyer = new_test_user(self.env, "threshold_catalogue_buyer", groups=f"stock.group_stock_user,{catalogue}")
        manager = new_test_user(self.env, "threshold_catalogue_manager",
                                groups=f"stock.group_stock_manager,{catalogue}")
        category.with_user(buyer).name = "Wooden Clogs"
        with self.assertRaises(AccessError):
            category.with_user(buyer).write({"threshold_enabled": True, "threshold_min_qty": 3})
        category.with_user(manager).write({"threshold_enabled": True, "threshold_min_qty": 3, "threshold_max_qty": 9})
        self.assertEqual(category.threshold_min_qty, 3)

    def test_archived_product_closes_its_open_alert(self):
        self._set_stock(2)
        alert = self._alerts()
        self.product.action_archive()
        self._commit()
        self.assertFalse(self.orderpoint.active, "the threshold is archived with its product")
        self.assertEqual(alert.state, "resolved")
        self.assertIn("no longer watched", " ".join(str(body) for body in alert.message_ids.mapped("body")),
                      "the restock activity is closed with the reason")
        self.assertFalse(self.env["stock.threshold.level"].search([("product_id", "=", self.product.id)]),
                         "an archived product leaves the stock level list")
        self.product.action_unarchive()
        self._commit()
        self.assertEqual(len(self._alerts().filtered(lambda a: a.state == "open")), 1,
                         "restored and still below its threshold: a new crossing")
