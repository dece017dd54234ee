from odoo.tests import TransactionCase, new_test_user


class ThresholdAlertCase(TransactionCase):
    """A watched product in the company warehouse, a buyer and a stock manager, and helpers that move stock."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        # A warehouse of their own with one-step deliveries: the demo shop's ships in three steps and holds stock.
        cls.warehouse = cls.env["stock.warehouse"].create({
            "name": "Threshold Test Warehouse", "code": "THRT", "company_id": cls.env.company.id,
        })
        cls.stock = cls.warehouse.lot_stock_id
        cls.customers = cls.env.ref("stock.stock_location_customers")
        cls.suppliers = cls.env.ref("stock.stock_location_suppliers")
        cls.buyer = new_test_user(cls.env, "threshold_buyer", groups="stock.group_stock_user",
                                  email="buyer@example.com")
        cls.manager = new_test_user(cls.env, "threshold_manager", groups="stock.group_stock_manager",
                                    email="manager@example.com")
        cls.product = cls.env["product.product"].create({
            "name": "Trail Runner 42", "is_storable": True, "list_price": 80.0,
        })
        cls.orderpoint = cls.env["stock.warehouse.orderpoint"].create({
            "product_id": cls.product.id,
            "warehouse_id": cls.warehouse.id,
            "location_id": cls.stock.id,
            "trigger": "alert",
            "product_min_qty": 5,
            "product_max_qty": 20,
            "alert_user_id": cls.buyer.id,
        })
        # Start each test from 10 in stock, above the threshold, with no check pending.
        cls.env["stock.quant"]._update_available_quantity(cls.product, cls.stock, 10)
        cls.env.flush_all()
        cls.env.cr.precommit.clear()

    def _commit(self):
        """What a real commit does before it reaches the database: flush, then the precommit hooks."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _set_stock(self, qty, product=None):
        """Inventory adjustment of the stock location to `qty`."""
        product = product or self.product
        self.env["stock.quant"].with_context(inventory_mode=True).create({
            "product_id": product.id, "location_id": self.stock.id, "inventory_quantity": qty,
        }).action_apply_inventory()
        self._commit()

    def _move(self, source, dest, qty, done=True, product=None):
        product = product or self.product
        move = self.env["stock.move"].create({
            "product_id": product.id, "product_uom_qty": qty, "product_uom": product.uom_id.id,
            "location_id": source.id, "location_dest_id": dest.id,
        })
        move._action_confirm()
        if done:
            move._action_assign()
            move.write({"quantity": qty, "picked": True})
            move._action_done()
        self._commit()
        return move

    def _deliver(self, qty, done=True):
        return self._move(self.stock, self.customers, qty, done=done)

    def _receive(self, qty, done=True):
        return self._move(self.suppliers, self.stock, qty, done=done)

    def _alerts(self, orderpoint=None):
        return self.env["stock.threshold.alert"].search(
            [("orderpoint_id", "=", (orderpoint or self.orderpoint).id)], order="id")
