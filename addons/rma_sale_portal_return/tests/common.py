import io

from PIL import Image

from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase


def png_photo(size=(40, 30), mode="RGB"):
    """A real PNG image, as a phone would send it (but smaller)."""
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, format="PNG")
    return buffer.getvalue()


class ReturnCase(TransactionCase):
    """Two portal customers, each with a delivered order of two pairs of a storable shoe, and two operations."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company._rma_portal_return_setup()
        cls.company.rma_portal_return_days = 30
        cls.warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.company.id)], limit=1)
        # One-step deliveries, as Odoo installs them (the stride meta addon switches to pick/pack/ship).
        cls.warehouse.delivery_steps = "ship_only"
        cls.stock = cls.warehouse.lot_stock_id
        cls.product = cls.env["product.product"].create(
            {"name": "Trail Runner 42", "is_storable": True, "type": "consu", "list_price": 120.0}
        )
        cls.env["stock.quant"]._update_available_quantity(cls.product, cls.stock, 20)
        cls.refund_operation = cls.env["rma.operation"].create(
            {
                "name": "Refund me (test)",
                "action_create_receipt": "automatic_on_confirm",
                "action_create_delivery": False,
                "action_create_refund": "manual_after_receipt",
            }
        )
        cls.exchange_operation = cls.env["rma.operation"].create(
            {
                "name": "Exchange (test)",
                "action_create_receipt": "automatic_on_confirm",
                "action_create_delivery": "manual_after_receipt",
                "action_create_refund": False,
            }
        )
        cls.customer_user = new_test_user(
            cls.env, login="return_ana", groups="base.group_portal", name="Ana Customer", email="ana@example.com"
        )
        cls.other_user = new_test_user(
            cls.env, login="return_bob", groups="base.group_portal", name="Bob Customer", email="bob@example.com"
        )
        cls.customer = cls.customer_user.partner_id
        cls.order = cls._delivered_order(cls.customer)
        cls.other_order = cls._delivered_order(cls.other_user.partner_id)
        cls.rma_user = new_test_user(
            cls.env,
            login="return_staff",
            groups="rma.rma_group_user_all,stock.group_stock_user,sales_team.group_sale_salesman_all_leads,"
            "account.group_account_invoice",
            name="Rita Returns",
            email="rita@example.com",
        )

    @classmethod
    def _delivered_order(cls, partner, qty=2):
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "warehouse_id": cls.warehouse.id,
                "order_line": [(0, 0, {"product_id": cls.product.id, "product_uom_qty": qty})],
            }
        )
        order.action_confirm()
        picking = order.picking_ids
        picking.action_assign()
        picking.move_ids.quantity = qty
        picking.move_ids.picked = True
        picking.button_validate()
        assert picking.state == "done", picking.state
        return order

    @classmethod
    def _row(cls, order, quantity="1", operation=None, reason="Too small", index=0):
        """One row of rma_sale's request form for the order's (only) delivered line."""
        line = order.order_line[:1]
        picking = order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")[:1]
        return {
            f"{index}-product_id": str(line.product_id.id),
            f"{index}-sale_line_id": str(line.id),
            f"{index}-picking_id": str(picking.id),
            f"{index}-uom_id": str(line.product_uom_id.id),
            f"{index}-quantity": quantity,
            f"{index}-operation_id": str((operation or cls.refund_operation).id),
            f"{index}-description": reason,
        }

    def _customer_emails(self, records, partner=None):
        """The e-mail notifications sent to the customer about `records` (kept when the e-mails themselves are
        sent and deleted)."""
        # Tracking messages (rma tracks its state) are written when the transaction flushes: count them too.
        self.env.flush_all()
        self.env.cr.flush()
        return self.env["mail.notification"].search(
            [
                ("mail_message_id.model", "=", records._name),
                ("mail_message_id.res_id", "in", records.ids),
                ("res_partner_id", "=", (partner or self.customer).id),
                ("notification_type", "=", "email"),
            ]
        )
