import uuid
from datetime import timedelta
from urllib.parse import parse_qsl, urlsplit

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools.urls import urljoin

from odoo.addons.payment import utils as payment_utils
from odoo.addons.payment.logging import get_payment_logger

from .. import const
from ..lib.signature import (
    CREATE_KEYS,
    QUERY_KEYS,
    REFUND_KEYS,
    parse_integer,
    sign_message,
)

_logger = get_payment_logger(__name__)


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    # === BUSINESS METHODS - PAYMENT FLOW === #

    def _get_specific_rendering_values(self, processing_values):
        """Override of `payment` to create the MoMo order and redirect the customer to its payment page."""
        if self.provider_code != "momo":
            return super()._get_specific_rendering_values(processing_values)

        if self.currency_id.name not in const.SUPPORTED_CURRENCIES:
            self._set_error(self.env._("MoMo only accepts payments in Vietnamese dong (VND)."))
            return {}
        try:
            content = self._momo_call(const.CREATE_ENDPOINT, self._momo_prepare_create_payload())
        except ValidationError as error:
            self._set_error(str(error))
            return {}
        if content.get("resultCode") != 0 or not content.get("payUrl"):
            self._set_error(self._momo_refusal_message(content))
            return {}

        # The payment page's URL carries its token in the query string, which a GET form would drop: the
        # parameters go in as hidden inputs.
        pay_url = content["payUrl"]
        return {"api_url": pay_url, "url_params": dict(parse_qsl(urlsplit(pay_url).query))}

    def _momo_prepare_create_payload(self):
        """The signed body of MoMo's create request for this transaction.

        The requestId is the reference: sending the request again for the same transaction (the customer reloads
        the page) is then the same request, which MoMo answers without creating a second order.
        """
        provider_sudo = self.provider_id.sudo()
        base_url = provider_sudo.get_base_url()
        payload = {
            "partnerCode": provider_sudo.momo_partner_code,
            "requestId": self.reference,
            "orderId": self.reference,
            "amount": self._momo_amount(),
            "orderInfo": f"{self.company_id.name} {self.reference}",
            "redirectUrl": urljoin(base_url, const.PAYMENT_RETURN_ROUTE),
            "ipnUrl": urljoin(base_url, const.PAYMENT_IPN_ROUTE),
            "requestType": const.REQUEST_TYPE,
            "extraData": "",
            "lang": self._momo_lang(),
        }
        payload["signature"] = self._momo_sign(CREATE_KEYS, payload)
        return payload

    def _momo_call(self, endpoint, payload):
        """POST a signed request to MoMo and return its JSON object answer.

        :raise ValidationError: if MoMo cannot be reached, answers an HTTP error, or answers something else than a
            JSON object (an HTML error page from a proxy, say).
        """
        try:
            content = self._send_api_request("POST", endpoint, json=payload)
        except ValueError as error:  # requests' JSONDecodeError
            raise ValidationError(self.env._("MoMo's answer could not be read.")) from error
        if not isinstance(content, dict):
            raise ValidationError(self.env._("MoMo's answer could not be read."))
        return content

    def _momo_refusal_message(self, content):
        return self.env._(
            "MoMo refused the request: %(message)s (code %(code)s).",
            message=content.get("message", ""),
            code=content.get("resultCode"),
        )

    def _momo_amount(self):
        """The amount in whole dong, as MoMo takes it (positive, also for a refund)."""
        return payment_utils.to_minor_currency_units(
            abs(self.amount), self.currency_id, arbitrary_decimal_number=const.CURRENCY_DECIMALS["VND"]
        )

    def _momo_lang(self):
        return "vi" if (self.partner_lang or "").startswith("vi") else "en"

    def _momo_sign(self, keys, payload):
        provider_sudo = self.provider_id.sudo()
        values = {**payload, "accessKey": provider_sudo.momo_access_key}
        return sign_message(provider_sudo.momo_secret_key, keys, values)

    # === BUSINESS METHODS - STATUS QUERY === #

    @api.model
    def _cron_momo_query_status(self):
        """Ask MoMo for the outcome of the payments whose notification has not come (lost IPN, closed browser)."""
        now = fields.Datetime.now()
        transactions = self.search(
            Domain("provider_id.code", "=", "momo")
            & Domain("operation", "=", "online_redirect")
            & Domain("state", "in", ("draft", "pending"))
            & Domain("create_date", "<", now - timedelta(minutes=const.STATUS_QUERY_AFTER_MINUTES))
            & Domain("create_date", ">", now - timedelta(days=const.STATUS_QUERY_FOR_DAYS)),
            order="create_date",
            limit=const.STATUS_QUERY_BATCH,
        )
        for transaction in transactions:
            transaction._momo_query_status()

    def _momo_query_status(self):
        """Ask MoMo where this payment stands and apply the answer; a failed request leaves it for the next run."""
        self.ensure_one()
        provider_sudo = self.provider_id.sudo()
        payload = {
            "partnerCode": provider_sudo.momo_partner_code,
            # A query changes nothing at MoMo: each one gets its own request id.
            "requestId": uuid.uuid4().hex,
            "orderId": self.reference,
            "lang": self._momo_lang(),
        }
        payload["signature"] = self._momo_sign(QUERY_KEYS, payload)
        try:
            content = self._momo_call(const.QUERY_ENDPOINT, payload)
        except ValidationError as error:
            _logger.warning("MoMo status query for transaction %s failed: %s", self.reference, error)
            return
        if content.get("resultCode") in const.REQUEST_ERROR_CODES:
            # About the query (keys, maintenance, unknown order), not the payment: the payment stays as it is.
            _logger.warning(
                "MoMo refused the status query for transaction %s: %s", self.reference,
                self._momo_refusal_message(content),
            )
            return
        self._process("momo", content)

    # === BUSINESS METHODS - REFUND === #

    def _send_refund_request(self):
        """Override of `payment` to ask MoMo to refund (part of) the source payment.

        The refund's reference is its requestId and orderId: a retried refund is the same request at MoMo, never a
        second refund.
        """
        if self.provider_code != "momo":
            return super()._send_refund_request()

        source = self.source_transaction_id
        trans_id = parse_integer(source.provider_reference)
        if trans_id is None:
            raise ValidationError(
                self.env._("The MoMo payment %(ref)s has no MoMo transaction id.", ref=source.reference)
            )
        payload = {
            "partnerCode": self.provider_id.sudo().momo_partner_code,
            "orderId": self.reference,
            "requestId": self.reference,
            "amount": self._momo_amount(),
            "transId": trans_id,
            "lang": self._momo_lang(),
            "description": self.reference,
        }
        payload["signature"] = self._momo_sign(REFUND_KEYS, payload)
        content = self._momo_call(const.REFUND_ENDPOINT, payload)
        if content.get("resultCode") != 0:  # a refusal carries no amount: it would only read as a wrong amount
            raise ValidationError(self._momo_refusal_message(content))
        self._process("momo", content)

    # === BUSINESS METHODS - PROCESSING === #

    @api.model
    def _extract_reference(self, provider_code, payment_data):
        """Override of `payment` to extract the reference from the payment data."""
        if provider_code != "momo":
            return super()._extract_reference(provider_code, payment_data)
        order_id = payment_data.get("orderId")
        return order_id if isinstance(order_id, str) else None

    def _extract_amount_data(self, payment_data):
        """Override of `payment` to extract the amount and currency from the payment data.

        MoMo states no currency: it only knows VND, so a transaction in another currency never matches.
        """
        if self.provider_code != "momo":
            return super()._extract_amount_data(payment_data)
        return {
            "amount": parse_integer(payment_data.get("amount")),
            "currency_code": const.SUPPORTED_CURRENCIES[0],
            "precision_digits": const.CURRENCY_DECIMALS["VND"],
        }

    def _validate_amount(self, payment_data):
        """Override of `payment` to log a payment whose amount or currency does not match (set in error)."""
        state_before = self.state
        result = super()._validate_amount(payment_data)
        if self.provider_code == "momo" and self.state == "error" and state_before != "error":
            _logger.warning(
                "MoMo payment data for transaction %s refused: %s (received amount %r, expected %s %s).",
                self.reference, self.state_message, payment_data.get("amount"), self.amount, self.currency_id.name,
            )
        return result

    def _apply_updates(self, payment_data):
        """Override of `payment` to update the transaction from MoMo's result code."""
        if self.provider_code != "momo":
            return super()._apply_updates(payment_data)

        trans_id = payment_data.get("transId")
        # A final transaction keeps the MoMo transaction it was settled with (refunds go to that one).
        if trans_id and (self.state in ("draft", "pending") or not self.provider_reference):
            self.provider_reference = str(trans_id)

        # An integer in the IPN and the API's answers, text in the return URL's query string.
        result_code = parse_integer(payment_data.get("resultCode"))
        if result_code in const.RESULT_CODES_DONE:
            self._set_done()
        elif result_code in const.RESULT_CODES_PENDING:
            self._set_pending()
        elif result_code in const.RESULT_CODES_CANCEL:
            self._set_canceled(state_message=self.env._("The customer refused the payment in MoMo."))
        else:
            _logger.info(
                "MoMo result code %s for transaction %s: %s", result_code, self.reference, payment_data.get("message")
            )
            self._set_error(
                self.env._(
                    "MoMo could not complete the payment: %(message)s (code %(code)s).",
                    message=payment_data.get("message", ""),
                    code=result_code,
                )
            )
