from odoo import api, models

# Placeholders, not credentials: the providers are in test mode and these values open no account anywhere. A
# merchant trying the providers replaces them with their own sandbox keys (readme/USAGE.md).
PLACEHOLDER = "stride_demo_placeholder_not_a_real_key"
DEMO_PROVIDER_VALUES = {
    "payment.payment_provider_stripe": {
        "stripe_publishable_key": f"pk_test_{PLACEHOLDER}",
        "stripe_secret_key": f"sk_test_{PLACEHOLDER}",
        # With a signing secret, Odoo checks every webhook's Stripe-Signature; without one it would trust any.
        "stripe_webhook_secret": f"whsec_{PLACEHOLDER}",
    },
    "payment.payment_provider_paypal": {
        "paypal_email_account": "paypal-sandbox@stride.example.com",
        "paypal_client_id": PLACEHOLDER,
        "paypal_client_secret": PLACEHOLDER,
    },
    "payment_momo.payment_provider_momo": {
        "momo_partner_code": "MOMOSTRIDEDEMO",
        "momo_access_key": PLACEHOLDER,
        "momo_secret_key": PLACEHOLDER,
    },
}
# A made-up account at a real bank: VietQR names the bank by its NAPAS BIN (Vietcombank's is 970436), which Odoo reads
# from the bank's BIC field.
VIETCOMBANK_BIN = "970436"
DEMO_VND_ACCOUNT = "0071000999999"


# One file per subject is the point of the builder (see readme/DEVELOP.md), hence several classes inheriting it.
class StrideDemoBuilder(models.AbstractModel):
    """The real payment providers (Stripe, PayPal, MoMo) in test mode, ready for the merchant's sandbox keys."""

    _inherit = "stride.demo.builder"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _stride_demo_steps(self):
        # 80: independent of the shop's records; last, so that the history replay never meets these providers.
        # 81: the company's address and bank account, after the history replay (orders keep the address they had).
        return super()._stride_demo_steps() + [(80, "_demo_payment_providers"), (81, "_demo_vietqr_bank_account")]

    def _demo_payment_providers(self, shop):
        """Test mode with placeholder keys, unpublished: customers keep paying with the demo provider (published by
        data/payment_provider_data.xml) while internal users see these at checkout; each shows only for the
        currencies it takes (Odoo's routing, see `stride`'s readme)."""
        for xmlid, values in DEMO_PROVIDER_VALUES.items():
            self.env.ref(xmlid).write({**values, "state": "test", "is_published": False})

    def _demo_vietqr_bank_account(self, shop):
        """The company in Ho Chi Minh City with a Vietcombank account in VND, wire transfers showing QR codes: an order
        paid by bank transfer in VND shows its VietQR code (payment_custom_vietqr)."""
        company = self.env.company
        vietnam = self.env.ref("base.vn")
        company.write({
            "street": "72 Lê Thánh Tôn",
            "city": "Hồ Chí Minh",
            "zip": "700000",
            "state_id": self.env.ref("base.state_vn_VN-SG").id,
            "country_id": vietnam.id,
            # The books stay where the chart of accounts put them: a new address changes no tax or tax report.
            "account_fiscal_country_id": company.account_fiscal_country_id.id,
        })
        vnd = self.env.ref("base.VND")
        vietcombank = self.env["res.bank"].create(
            {"name": "Vietcombank", "bic": VIETCOMBANK_BIN, "country": vietnam.id}
        )
        account = self.env["res.partner.bank"].create({
            "acc_number": DEMO_VND_ACCOUNT,
            "partner_id": company.partner_id.id,
            "bank_id": vietcombank.id,
            "currency_id": vnd.id,
            "proxy_type": "bank_acc",
            "proxy_value": DEMO_VND_ACCOUNT,
            "include_reference": True,
        })
        # A bank journal of its own, so that the transfer instructions name the account too.
        self.env["account.journal"].create({
            "name": "Vietcombank",
            "code": "VCB",
            "type": "bank",
            "currency_id": vnd.id,
            "bank_account_id": account.id,
            "company_id": company.id,
        })
        transfer = self.env.ref("payment.payment_provider_transfer")
        transfer.qr_code = True
        transfer.action_recompute_pending_msg()
        self._register_xmlids({
            "stride_demo.res_bank_vietcombank_demo": vietcombank,
            "stride_demo.res_partner_bank_vietcombank_vnd_demo": account,
        })
