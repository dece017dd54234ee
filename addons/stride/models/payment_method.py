from odoo import api, models


class PaymentMethod(models.Model):
    _inherit = "payment.method"

    @api.model
    def _stride_offer_paypal_in_paypal_currencies_only(self):
        """Give Odoo's PayPal payment method the currencies PayPal itself takes, whichever provider processes it.

        Odoo links its PayPal method to Stripe as well as to the PayPal provider, and the method has no currency
        list, so a shopper paying in VND (a currency PayPal refuses) was offered PayPal through Stripe. The list
        comes from the PayPal provider's own `_get_supported_currencies`, not a copy of it; a list the merchant has
        set is left alone.
        """
        paypal_method = self.env.ref("payment.payment_method_paypal", raise_if_not_found=False)
        paypal_provider = self.env.ref("payment.payment_provider_paypal", raise_if_not_found=False)
        if paypal_method and paypal_provider and not paypal_method.supported_currency_ids:
            paypal_method.supported_currency_ids = paypal_provider._get_supported_currencies()
