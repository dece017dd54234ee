from unittest.mock import patch

from odoo import Command
from odoo.tests import TransactionCase, tagged

# Placeholder credentials: the providers are never called here, Odoo only wants the required fields filled.
PROVIDER_TEST_VALUES = {
    "payment.payment_provider_transfer": {},
    "payment.payment_provider_stripe": {
        "stripe_publishable_key": "pk_test_stride_routing_placeholder",
        "stripe_secret_key": "sk_test_stride_routing_placeholder",
    },
    "payment.payment_provider_paypal": {
        "paypal_email_account": "paypal-placeholder@stride.example.com",
        "paypal_client_id": "stride-routing-placeholder",
    },
    "payment_momo.payment_provider_momo": {
        "momo_partner_code": "MOMOPLACEHOLDER",
        "momo_access_key": "placeholder-access-key",
        "momo_secret_key": "placeholder-secret-key",
    },
}


@tagged("post_install", "-at_install")
class TestPaymentRouting(TransactionCase):
    """Which ways to pay a shopper is offered, by the currency of their pricelist, with every provider switched on.

    The routing is Odoo's (`_get_compatible_providers` and `_get_compatible_payment_methods` on the providers' and
    payment methods' currencies and countries); these tests pin the shop's configuration that feeds it.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.providers = cls.env["payment.provider"]
        for xmlid, values in PROVIDER_TEST_VALUES.items():
            provider = cls.env.ref(xmlid)
            provider.write({**values, "state": provider.state if provider.state != "disabled" else "test"})
            cls.providers |= provider
        cls.providers.is_published = True
        # These four only, as a shop offering all of them has them (the demo provider, say, stays out).
        (cls.env["payment.provider"].search([("state", "!=", "disabled")]) - cls.providers).state = "disabled"
        cls.shoe = cls.env["product.product"].create({"name": "Routing Runner", "list_price": 114.99})
        cls.shopper = cls.env.ref("base.public_user")

    def _order_from(self, country_xmlid, pricelist_xmlid):
        partner = self.env["res.partner"].create({
            "name": "Routing Shopper", "country_id": self.env.ref(country_xmlid).id,
        })
        order = self.env["sale.order"].create({
            "partner_id": partner.id,
            "pricelist_id": self.env.ref(pricelist_xmlid).id,
            "order_line": [Command.create({"product_id": self.shoe.id, "product_uom_qty": 1})],
        })
        return order

    def _offered(self, order):
        """(provider codes, payment method codes) a shopper paying the order sees, as Odoo's payment form finds them."""
        # As the checkout asks (sale's portal): in sudo mode, for a visitor who is not an internal user.
        providers = self.env["payment.provider"].with_user(self.shopper).sudo()._get_compatible_providers(
            order.company_id.id, order.partner_id.id, order.amount_total, currency_id=order.currency_id.id,
            sale_order_id=order.id,
        )
        methods = self.env["payment.method"].with_user(self.shopper).sudo()._get_compatible_payment_methods(
            providers.ids, order.partner_id.id, currency_id=order.currency_id.id, sale_order_id=order.id,
        )
        return set(providers.mapped("code")), set(methods.mapped("code"))

    def test_shopper_paying_in_vnd_sees_momo_card_and_bank_transfer(self):
        order = self._order_from("base.vn", "stride.product_pricelist_vnd")
        self.assertEqual(order.currency_id.name, "VND")
        providers, methods = self._offered(order)
        self.assertEqual(providers, {"momo", "stripe", "custom"})
        self.assertLessEqual({"momo", "card", "wire_transfer"}, methods)
        # Odoo also links its PayPal method to Stripe, which takes VND: PayPal refuses VND, so it must not show
        # through Stripe either (it did before the method got PayPal's currencies).
        self.assertNotIn("paypal", methods)

    def test_shopper_paying_in_eur_sees_card_paypal_and_bank_transfer(self):
        order = self._order_from("base.fr", "stride.product_pricelist_eur")
        self.assertEqual(order.currency_id.name, "EUR")
        providers, methods = self._offered(order)
        self.assertEqual(providers, {"paypal", "stripe", "custom"})
        self.assertEqual(methods, {"paypal", "card", "wire_transfer"})

    def test_stripe_charges_vnd_in_whole_dong(self):
        # VND is a zero-decimal currency at Stripe: 2,790,000 VND is sent as 2790000, EUR in cents. Odoo's own
        # conversion (payment_utils.to_minor_currency_units on ISO 4217's minor units), as Stripe's intent is built.
        stripe = self.env.ref("payment.payment_provider_stripe")
        card = self.env.ref("payment.payment_method_card")
        partner = self.env["res.partner"].create({"name": "Zero Decimal Shopper"})
        for currency_xmlid, amount, minor_units in (("base.VND", 2_790_000, 2_790_000), ("base.EUR", 84.99, 8499)):
            with self.subTest(currency=currency_xmlid):
                currency = self.env.ref(currency_xmlid)
                tx = self.env["payment.transaction"].create({
                    "provider_id": stripe.id,
                    "payment_method_id": card.id,
                    "amount": amount,
                    "currency_id": currency.id,
                    "partner_id": partner.id,
                    "reference": f"STRIDE-ZERO-DECIMAL-{currency.name}",
                    "operation": "online_direct",
                })
                with patch.object(type(tx), "_stripe_create_customer", return_value={"id": "cus_stride_test"}):
                    payload = tx._stripe_prepare_payment_intent_payload()
                self.assertEqual(payload["amount"], minor_units)

    def test_paypal_method_keeps_a_currency_list_the_merchant_set(self):
        paypal = self.env.ref("payment.payment_method_paypal")
        self.assertIn(self.env.ref("base.EUR"), paypal.supported_currency_ids)
        self.assertNotIn(self.env.ref("base.VND"), paypal.supported_currency_ids)
        paypal.supported_currency_ids = self.env.ref("base.USD")
        self.env["payment.method"]._stride_offer_paypal_in_paypal_currencies_only()
        self.assertEqual(paypal.supported_currency_ids, self.env.ref("base.USD"))
