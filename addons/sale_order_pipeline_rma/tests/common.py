from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase


class PipelineReturnCase(TransactionCase):
    """A customer with a delivered order of two pairs of a storable shoe, the RMA operations of a shop, and staff."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        # rma's e-mails to the customer, with its templates (rma gives them only to companies created after it).
        cls.company.write(
            {
                "send_rma_confirmation": True,
                "send_rma_receipt_confirmation": True,
                "rma_mail_confirmation_template_id": cls.env.ref("rma.mail_template_rma_notification").id,
                "rma_mail_receipt_confirmation_template_id": cls.env.ref(
                    "rma.mail_template_rma_receipt_notification"
                ).id,
            }
        )
        cls.warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.company.id)], limit=1)
        # One-step deliveries, as Odoo installs them (the stride meta addon switches to pick/pack/ship).
        cls.warehouse.delivery_steps = "ship_only"
        if "webhook.subscription" in cls.env:
            # Read by name: this addon does not depend on webhooks; a demo shop's subscriptions would post here.
            cls.env["webhook.subscription"].search([]).action_archive()
        cls.product = cls.env["product.product"].create(
            {"name": "Trail Runner 42", "is_storable": True, "type": "consu", "list_price": 120.0}
        )
        cls.env["stock.quant"]._update_available_quantity(cls.product, cls.warehouse.lot_stock_id, 20)
        cls.refund_operation = cls.env["rma.operation"].create(
            {
                "name": "Refund after receipt (test)",
                "action_create_receipt": "automatic_on_confirm",
                "action_create_delivery": False,
                "action_create_refund": "manual_after_receipt",
            }
        )
        cls.refund_only_operation = cls.env["rma.operation"].create(
            {
                "name": "Refund without return (test)",
                "action_create_receipt": False,
                "action_create_delivery": False,
                "action_create_refund": "manual_on_confirm",
            }
        )
        cls.customer_user = new_test_user(
            cls.env, login="pipeline_rma_ana", groups="base.group_portal", name="Ana Customer", email="ana@example.com"
        )
        cls.customer = cls.customer_user.partner_id
        cls.manager = new_test_user(
            cls.env,
            login="pipeline_rma_manager",
            groups="sales_team.group_sale_manager,stock.group_stock_user,rma.rma_group_user_all,"
            "account.group_account_invoice",
            name="Mia Manager",
            email="mia@example.com",
        )

    @classmethod
    def _delivered_order(cls, qty=2):
        order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "warehouse_id": cls.warehouse.id,
                "order_line": [(0, 0, {"product_id": cls.product.id, "product_uom_qty": qty})],
            }
        )
        order.action_confirm()
        cls._validate(order.picking_ids)
        order.action_pipeline_confirm_receipt()
        return order

    @classmethod
    def _validate(cls, picking):
        picking.action_assign()
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
        picking.move_ids.picked = True
        picking.button_validate()
        assert picking.state == "done", picking.state

    @classmethod
    def _rma(cls, order, operation, quantity=1):
        """A return of the order's delivered pair, as rma_sale's wizard (and its portal form) makes it."""
        data = order.get_delivery_rma_data()[0]
        wizard = (
            cls.env["sale.order.rma.wizard"]
            .with_context(active_id=order.id)
            .create(
                {
                    "location_id": cls.warehouse.rma_loc_id.id,
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                "product_id": data["product"].id,
                                "quantity": quantity,
                                "allowed_quantity": data["quantity"],
                                "sale_line_id": data["sale_line_id"].id,
                                "uom_id": data["uom"].id,
                                "picking_id": data["picking"].id,
                                "operation_id": operation.id,
                            },
                        )
                    ],
                }
            )
        )
        return wizard.create_rma()

    def _customer_emails(self, records):
        # Tracking messages (rma tracks its state) are written when the transaction flushes: count them too.
        self.env.flush_all()
        self.env.cr.flush()
        return self.env["mail.notification"].search(
            [
                ("mail_message_id.model", "=", records._name),
                ("mail_message_id.res_id", "in", records.ids),
                ("res_partner_id", "=", self.customer.id),
                ("notification_type", "=", "email"),
            ]
        )

    def _team_notices(self, order):
        return self.env["mail.message"].search(
            [
                ("model", "=", "sale.order"),
                ("res_id", "=", order.id),
                ("message_type", "=", "user_notification"),
                ("partner_ids", "in", self.manager.partner_id.ids),
            ]
        )
