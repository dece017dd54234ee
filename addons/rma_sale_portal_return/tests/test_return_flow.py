import re

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import ReturnCase, png_photo


@tagged("post_install", "-at_install")
class TestReturnFlow(HttpCase, ReturnCase):
    """A return asked for from the portal, approved, received back into stock, then refunded or exchanged; the
    customer gets one e-mail at each of rma's steps."""

    def _request(self, **row):
        self.authenticate("return_ana", "return_ana")
        page = self.url_open(f"/my/requestrma/{self.order.id}")
        self.assertEqual(page.status_code, 200)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        known = self.order.rma_ids
        response = self.url_open(
            f"/my/orders/{self.order.id}/requestrma",
            data={"csrf_token": token, **self._row(self.order, **row)},
            files={"photos": ("heel.png", png_photo(), "image/png")},
            allow_redirects=False,
        )
        self.assertIn(response.status_code, (302, 303), response.text[:500])
        self.order.invalidate_recordset(["rma_ids"])
        rma = self.order.rma_ids - known
        self.assertEqual(len(rma), 1)
        return rma

    def _receive(self, rma):
        picking = rma.reception_move_id.picking_id
        picking.move_ids.quantity = rma.product_uom_qty
        picking.move_ids.picked = True
        picking.button_validate()
        self.assertEqual(picking.state, "done")

    def _on_hand(self, product, location=None):
        product.invalidate_recordset(["qty_available"])
        return product.with_context(location=location.id if location else None).qty_available

    def test_return_to_refund_puts_the_item_back_in_stock_and_drafts_a_credit_note(self):
        rma_location = self.warehouse.rma_loc_id
        on_hand = self._on_hand(self.product, rma_location)
        rma = self._request(quantity="1", reason="Too small at the toes")
        self.assertEqual((rma.state, rma.product_uom_qty, rma.partner_id), ("draft", 1.0, self.customer))
        self.assertEqual(len(self._customer_emails(rma)), 1, "the request is acknowledged by e-mail once")
        self.assertIn("heel.png", rma.message_ids.attachment_ids.mapped("name"))

        rma.with_user(self.rma_user).action_confirm()
        self.assertEqual(rma.state, "confirmed")
        self.assertEqual(len(self._customer_emails(rma)), 2, "the approval is e-mailed once")

        self._receive(rma)
        self.assertEqual(rma.state, "received")
        # Back in stock at the warehouse's returns location (rma's), where the team checks it.
        self.assertEqual(self._on_hand(self.product, rma_location), on_hand + 1)
        self.assertEqual(len(self._customer_emails(rma)), 3, "the receipt is e-mailed once")

        rma.with_user(self.rma_user).action_refund()
        refund = rma.refund_id
        self.assertEqual((rma.state, refund.move_type, refund.state), ("refunded", "out_refund", "draft"))
        self.assertEqual(refund.partner_id, self.customer)
        line = self.order.order_line
        # The pair as it was sold (rma_sale copies the sale line's price and discount), not its list price.
        self.assertAlmostEqual(refund.amount_untaxed, line.price_subtotal / line.product_uom_qty)
        refund.action_post()
        self.assertEqual(refund.state, "posted")

    def test_exchange_for_another_size_sends_the_new_pair_and_keeps_the_returned_one(self):
        size_43 = self.env["product.product"].create({"name": "Trail Runner 43", "is_storable": True, "type": "consu"})
        self.env["stock.quant"]._update_available_quantity(size_43, self.stock, 5)
        on_hand = self._on_hand(self.product, self.warehouse.rma_loc_id)
        rma = self._request(quantity="1", operation=self.exchange_operation, reason="I need one size up")
        rma.with_user(self.rma_user).action_confirm()
        self._receive(rma)
        self.assertEqual(self._on_hand(self.product, self.warehouse.rma_loc_id), on_hand + 1)

        rma.with_user(self.rma_user).create_replace(fields.Datetime.now(), rma.warehouse_id, size_43, 1, size_43.uom_id)
        self.assertEqual(rma.state, "waiting_replacement")
        delivery = rma.delivery_move_ids.picking_id
        delivery.action_assign()
        delivery.move_ids.quantity = 1
        delivery.move_ids.picked = True
        delivery.button_validate()
        self.assertEqual(rma.state, "replaced")
        self.assertEqual(self._on_hand(size_43), 4)
        self.assertEqual(delivery.partner_id, rma.partner_shipping_id)
