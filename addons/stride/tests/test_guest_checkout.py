from odoo.tests import HttpCase, tagged

from .common import StrideRecordsMixin

GUEST_EMAIL = "guest.shopper@stride-checkout.example.com"


@tagged("post_install", "-at_install")
class TestGuestCheckout(StrideRecordsMixin, HttpCase):
    """A guest buys a shoe in a browser and pays each way the shop offers without a network: the card through Odoo's
    demo provider (standing in for Stripe's card networks), and bank transfer. The order lands on the fulfilment
    pipeline: paid by card, confirmed; by transfer, awaiting the money (staff confirm it when it arrives).
    Stripe, PayPal and MoMo talk to their servers, which tests never reach: their callbacks are tested with signed and
    forged requests instead (test_stripe_webhook here, payment_momo's tests)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shoe = cls._shoe("Stride Test Checkout Runner", cls._shop_category("Test Checkout"), price=89.0)
        cls.shoe.is_storable = True
        website = cls.env["website"].get_current_website()
        warehouse = website.warehouse_id or cls.env["stock.warehouse"].search(
            [("company_id", "=", website.company_id.id)], limit=1
        )
        cls.env["stock.quant"]._update_available_quantity(cls.shoe.product_variant_id, warehouse.lot_stock_id, 10)
        demo = cls.env.ref("payment.payment_provider_demo")
        demo.write({"state": "test", "is_published": True})
        transfer = cls.env.ref("payment.payment_provider_transfer")
        transfer.write({"state": "enabled", "is_published": True})
        # Only these two at checkout, whatever else the database has switched on.
        (cls.env["payment.provider"].search([("state", "!=", "disabled")]) - demo - transfer).state = "disabled"

    def _guest_order(self):
        order = self.env["sale.order"].search([("partner_id.email", "=", GUEST_EMAIL)], order="id desc", limit=1)
        self.assertTrue(order, "the guest's order was not found")
        self.assertEqual(order.order_line.filtered(lambda line: not line.is_delivery).product_id,
                         self.shoe.product_variant_id)
        return order

    def test_guest_pays_by_card_and_the_order_is_confirmed_on_the_pipeline(self):
        self.start_tour(self.shoe.website_url, "stride_guest_checkout_card", login=None)
        order = self._guest_order()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.transaction_ids.provider_code, "demo")
        self.assertEqual(order.transaction_ids.state, "done")
        self.assertEqual(order.pipeline_stage, "confirmed")

    def test_guest_pays_by_transfer_and_the_order_awaits_the_money_on_the_pipeline(self):
        self.start_tour(self.shoe.website_url, "stride_guest_checkout_transfer", login=None)
        order = self._guest_order()
        self.assertEqual(order.transaction_ids.provider_code, "custom")
        self.assertEqual(order.transaction_ids.state, "pending")
        self.assertEqual(order.pipeline_stage, "awaiting")
