from odoo.tests import TransactionCase, tagged

from odoo.addons.stride_demo.models.stride_demo_payment import (
    DEMO_PROVIDER_VALUES,
    DEMO_VND_ACCOUNT,
    PLACEHOLDER,
    VIETCOMBANK_BIN,
)


@tagged("post_install", "-at_install")
class TestDemoPaymentProviders(TransactionCase):
    """The demo's Stripe, PayPal and MoMo: test mode, placeholder keys, hidden from customers."""

    def test_real_providers_are_in_test_mode_with_placeholder_keys_hidden_from_customers(self):
        for xmlid in DEMO_PROVIDER_VALUES:
            provider = self.env.ref(xmlid)
            self.assertEqual((provider.state, provider.is_published), ("test", False), xmlid)
        stripe = self.env.ref("payment.payment_provider_stripe").sudo()
        self.assertIn(PLACEHOLDER, stripe.stripe_secret_key)
        self.assertIn(PLACEHOLDER, self.env.ref("payment.payment_provider_paypal").sudo().paypal_client_secret)
        self.assertIn(PLACEHOLDER, self.env.ref("payment_momo.payment_provider_momo").sudo().momo_secret_key)
        # The shoppers keep paying with Odoo's demo provider, which stands in for the card networks.
        self.assertTrue(self.env.ref("payment.payment_provider_demo").is_published)

    def test_demo_stripe_checks_webhook_signatures(self):
        # With a signing secret, Stripe's webhook refuses unsigned or forged events (stride's test_stripe_webhook
        # proves it); the demo's is a placeholder, so no real Stripe event is ever accepted either.
        stripe = self.env.ref("payment.payment_provider_stripe").sudo()
        self.assertEqual(stripe.stripe_webhook_secret, f"whsec_{PLACEHOLDER}")

    def _pending_transfer(self, currency, amount, reference):
        transfer = self.env.ref("payment.payment_provider_transfer")
        tx = self.env["payment.transaction"].create({
            "provider_id": transfer.id,
            "payment_method_id": transfer.payment_method_ids[:1].id,
            "amount": amount,
            "currency_id": self.env.ref(f"base.{currency}").id,
            "reference": reference,
            "partner_id": self.env.user.partner_id.id,
        })
        tx._set_pending()
        return tx

    def test_a_bank_transfer_in_vnd_shows_the_vietqr_code_of_the_company_account(self):
        company = self.env.company
        self.assertEqual((company.city, company.country_id.code), ("Hồ Chí Minh", "VN"))
        account = self.env.ref("stride_demo.res_partner_bank_vietcombank_vnd_demo")
        self.assertEqual((account.bank_bic, account.acc_number), (VIETCOMBANK_BIN, DEMO_VND_ACCOUNT))
        transfer = self.env.ref("payment.payment_provider_transfer")
        self.assertTrue(transfer.qr_code)
        self.assertIn(DEMO_VND_ACCOUNT, transfer.pending_msg, "the transfer instructions name the account")
        tx = self._pending_transfer("VND", 2_920_000, "STRIDE-DEMO-VND")
        self.assertEqual(tx._get_wire_transfer_qr_params()[0], account)
        self.assertTrue(tx._get_wire_transfer_qr_code())
        self.assertIsNone(self._pending_transfer("USD", 115.0, "STRIDE-DEMO-USD")._get_wire_transfer_qr_code())
