from odoo.tests import new_test_user, tagged

from odoo.addons.payment.tests.http_common import PaymentHttpCommon


@tagged("post_install", "-at_install")
class TestShopConfirmationMail(PaymentHttpCommon):
    """A shopper pays a cart through the real shop routes: the order is confirmed by the payment, as in production."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shopper = new_test_user(
            cls.env,
            login="pipeline_shopper",
            groups="base.group_portal",
            name="Sam Shopper",
            email="sam@example.com",
        )
        cls.shopper.partner_id.write(
            {
                "street": "1 Rue Neuve",
                "city": "Brussels",
                "zip": "1000",
                "country_id": cls.country_belgium.id,
                "phone": "+32 2 123 45 67",
            }
        )
        cls.product = cls.env["product.product"].create(
            {
                "name": "Road Runner 41",
                "type": "consu",
                "is_storable": True,
                "list_price": 80.0,
                "website_published": True,
            }
        )
        warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.env.company.id)], limit=1)
        cls.env["stock.quant"]._update_available_quantity(cls.product, warehouse.lot_stock_id, 10)
        cls.delivery = cls.env["delivery.carrier"].create(
            {
                "name": "Pipeline Free Delivery",
                "delivery_type": "fixed",
                "fixed_price": 0.0,
                "is_published": True,
                "product_id": cls.env["product.product"].create({"name": "Free delivery", "type": "service"}).id,
            }
        )

    def _pay_a_cart_in_the_shop(self):
        self.authenticate("pipeline_shopper", "pipeline_shopper")
        self.make_jsonrpc_request(
            "/shop/cart/add",
            {"product_template_id": self.product.product_tmpl_id.id, "product_id": self.product.id, "quantity": 1},
        )
        order = self.env["sale.order"].search([("partner_id", "=", self.shopper.partner_id.id)])
        self.assertEqual(len(order), 1)
        self.assertEqual(self.url_open("/shop/checkout").status_code, 200)
        self.make_jsonrpc_request("/shop/set_delivery_method", {"dm_id": self.delivery.id})
        self.assertEqual(self.url_open("/shop/payment").status_code, 200)
        self.make_jsonrpc_request(
            f"/shop/payment/transaction/{order.id}",
            {
                "access_token": order._portal_ensure_token(),
                "provider_id": self.provider.id,
                "payment_method_id": self.payment_method_id,
                "token_id": None,
                "amount": order.amount_total,
                "flow": "redirect",
                "tokenization_requested": False,
                "landing_route": "/shop/payment/validate",
            },
        )
        # The provider tells Odoo the payment went through; the shopper's page then polls and lands.
        order.transaction_ids._set_done()
        self.make_jsonrpc_request("/payment/status/poll", {})
        landing = self.url_open("/shop/payment/validate")
        self.assertEqual(landing.status_code, 200)
        self.assertIn("/shop/confirmation", landing.url)
        return order

    def test_a_paid_shop_order_gets_exactly_one_confirmation_mail(self):
        order = self._pay_a_cart_in_the_shop()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.pipeline_stage, "confirmed")
        mails = self.env["mail.mail"].search(
            [
                ("model", "=", "sale.order"),
                ("res_id", "=", order.id),
                ("recipient_ids", "in", self.shopper.partner_id.ids),
            ]
        )
        self.assertEqual(len(mails), 1, mails.mapped("subject"))
        self.assertIn(f"Order (Ref {order.name})", mails.subject)
        # The one mail is Odoo's own confirmation, posted in the order's chatter.
        self.assertIn(mails.mail_message_id, order.message_ids)
