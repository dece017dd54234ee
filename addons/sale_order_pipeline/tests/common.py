from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase


class PipelineCase(TransactionCase):
    """Builds a storable shoe in stock, a customer with a portal login, and one user per back-office role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.env.company.id)], limit=1)
        # These tests follow one-step deliveries; the stride meta addon switches the warehouse to pick/pack/ship.
        cls.warehouse.delivery_steps = "ship_only"
        # Nobody listens to the stages here: a demo shop's webhook subscriptions (stride_demo echoes the stages)
        # would add their deliveries to the query budgets. Read by name: this addon does not depend on webhooks.
        if "webhook.subscription" in cls.env:
            cls.env["webhook.subscription"].search([]).action_archive()
        cls.product = cls.env["product.product"].create(
            {"name": "Trail Runner 42", "is_storable": True, "list_price": 120.0, "type": "consu"}
        )
        cls.env["stock.quant"]._update_available_quantity(cls.product, cls.warehouse.lot_stock_id, 20)
        cls.customer_user = new_test_user(
            cls.env,
            login="pipeline_customer",
            groups="base.group_portal",
            name="Ana Customer",
            email="ana@example.com",
        )
        cls.customer = cls.customer_user.partner_id
        cls.other_customer_user = new_test_user(
            cls.env,
            login="pipeline_other",
            groups="base.group_portal",
            name="Other Customer",
            email="other@example.com",
        )
        cls.warehouse_user = new_test_user(
            cls.env,
            login="pipeline_warehouse",
            groups="stock.group_stock_user",
            name="Wes Warehouse",
            email="wes@example.com",
        )
        cls.salesman = new_test_user(
            cls.env,
            login="pipeline_salesman",
            groups="sales_team.group_sale_salesman",
            name="Sal Salesman",
            email="sal@example.com",
        )
        cls.manager = new_test_user(
            cls.env,
            login="pipeline_manager",
            groups="sales_team.group_sale_manager,stock.group_stock_user",
            name="Mia Manager",
            email="mia@example.com",
        )
        cls.carrier = cls.env["delivery.carrier"].create(
            {
                "name": "Stride Express",
                "product_id": cls.env["product.product"].create({"name": "Shipping", "type": "service"}).id,
            }
        )

    @classmethod
    def _order(cls, qty=1, partner=None):
        return cls.env["sale.order"].create(
            {
                "partner_id": (partner or cls.customer).id,
                "warehouse_id": cls.warehouse.id,
                "order_line": [(0, 0, {"product_id": cls.product.id, "product_uom_qty": qty})],
            }
        )

    @classmethod
    def _shipped_order(cls, tracking_ref):
        """A confirmed order, packed and shipped with `tracking_ref` by the test carrier."""
        order = cls._order()
        order.action_confirm()
        order.action_pipeline_advance()
        order.action_pipeline_ship(tracking_ref, cls.carrier.id, f"https://track.example.com/{tracking_ref}")
        return order

    def _validate(self, picking):
        picking.action_assign()
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
        picking.move_ids.picked = True
        picking.button_validate()
        self.assertEqual(picking.state, "done")

    def _customer_mails(self, order):
        return self.env["mail.mail"].search(
            [("model", "=", "sale.order"), ("res_id", "=", order.id), ("recipient_ids", "in", self.customer.ids)]
        )

    def _transit_mails(self, order):
        return self._customer_mails(order).filtered(lambda m: "News about your parcel" in m.subject)

    def _team_notices(self, order, user):
        return self.env["mail.message"].search(
            [
                ("model", "=", "sale.order"),
                ("res_id", "=", order.id),
                ("message_type", "=", "user_notification"),
                ("partner_ids", "in", user.partner_id.ids),
            ]
        )
