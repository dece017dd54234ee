from odoo import fields, models
from odoo.tools.urls import urljoin

from .. import const


class PaymentProvider(models.Model):
    _inherit = "payment.provider"

    code = fields.Selection(selection_add=[("momo", "MoMo")], ondelete={"momo": "set default"})
    momo_partner_code = fields.Char(
        string="MoMo Partner Code",
        help="The partner code MoMo gives the merchant (M4B portal, Integration information).",
        required_if_provider="momo",
        copy=False,
    )
    momo_access_key = fields.Char(
        string="MoMo Access Key",
        required_if_provider="momo",
        copy=False,
        groups="base.group_system",
    )
    momo_secret_key = fields.Char(
        string="MoMo Secret Key",
        help="Signs every request to MoMo and checks every notification from MoMo.",
        required_if_provider="momo",
        copy=False,
        groups="base.group_system",
    )

    # === COMPUTE METHODS === #

    def _compute_feature_support_fields(self):
        """Override of `payment` to enable refunds (MoMo refunds part or all of a payment)."""
        result = super()._compute_feature_support_fields()
        self.filtered(lambda provider: provider.code == "momo").support_refund = "partial"
        return result

    def _get_supported_currencies(self):
        """Override of `payment` to return the supported currencies."""
        supported_currencies = super()._get_supported_currencies()
        if self.code == "momo":
            supported_currencies = supported_currencies.filtered(
                lambda currency: currency.name in const.SUPPORTED_CURRENCIES
            )
        return supported_currencies

    # === CRUD METHODS === #

    def _get_default_payment_method_codes(self):
        """Override of `payment` to return the default payment method codes."""
        self.ensure_one()
        if self.code != "momo":
            return super()._get_default_payment_method_codes()
        return const.DEFAULT_PAYMENT_METHOD_CODES

    # === REQUEST HELPERS === #

    def _momo_get_api_url(self):
        """MoMo's host for the provider's state (the sandbox in test mode)."""
        self.ensure_one()
        return const.API_URLS["enabled" if self.state == "enabled" else "test"]

    def _build_request_url(self, endpoint, **kwargs):
        """Override of `payment` to build the request URL."""
        if self.code != "momo":
            return super()._build_request_url(endpoint, **kwargs)
        return urljoin(self._momo_get_api_url(), endpoint)

    def _parse_response_error(self, response):
        """Override of `payment` to parse the error message."""
        if self.code != "momo":
            return super()._parse_response_error(response)
        content = response.json()
        return f"{content.get('message', '')} ({content.get('resultCode')})"
