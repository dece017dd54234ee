import json
import pprint

from odoo import http
from odoo.http import request

from odoo.addons.payment.logging import get_payment_logger

from .. import const
from ..lib.signature import RESULT_KEYS, is_valid_signature, parse_integer, result_values

_logger = get_payment_logger(__name__)


class MomoController(http.Controller):
    """MoMo's two ways back to the shop, both carrying the same signed result: the customer's browser (return) and
    MoMo's server (IPN). Nothing reaches a transaction before its signature, checked with the secret of the
    transaction's own provider, proves MoMo wrote it."""

    @http.route(const.PAYMENT_RETURN_ROUTE, type="http", auth="public", methods=["GET"])
    def momo_return(self, **data):
        """Apply the result MoMo put in the redirect, then show the payment's status page."""
        _logger.info("Handling redirection from MoMo with data:\n%s", pprint.pformat(data))
        tx_sudo, refusal = self._momo_verified_transaction(data)
        if tx_sudo:
            tx_sudo._process("momo", data)
        else:
            _logger.info("MoMo redirection ignored: %s", refusal[1])
        return request.redirect("/payment/status")

    @http.route(
        const.PAYMENT_IPN_ROUTE,
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,  # MoMo's server posts here; the signature stands in for the CSRF token
        save_session=False,
        max_content_length=const.MAX_IPN_BYTES,
    )
    def momo_ipn(self):
        """Apply the result MoMo notifies; MoMo expects 204 once it is taken into account."""
        httprequest = request.httprequest
        # Only a declared length bounds the read: a chunked body is refused unread.
        if httprequest.content_length is None or "Transfer-Encoding" in httprequest.headers:
            return self._momo_refuse(411, "Send the body with a Content-Length header.")
        if httprequest.content_length > const.MAX_IPN_BYTES:
            return self._momo_refuse(413, f"The body is larger than {const.MAX_IPN_BYTES} bytes.")
        body = httprequest.get_data(cache=False)
        # The body as received, not a pretty-print of the parsed data: JSON nested a few hundred levels deep still
        # parses, but overflows pprint's recursion (a 500).
        _logger.info("Notification received from MoMo with data:\n%s", body.decode(errors="replace"))
        try:
            data = json.loads(body)
        except (ValueError, RecursionError):  # not UTF-8, not JSON, or nested past the parser's depth
            return self._momo_refuse(400, "The body is not JSON.")
        tx_sudo, refusal = self._momo_verified_transaction(data)
        if not tx_sudo:
            return self._momo_refuse(*refusal)
        tx_sudo._process("momo", data)
        return request.make_response("", status=204)

    @staticmethod
    def _momo_verified_transaction(data):
        """The transaction a MoMo result is about, once its signature and partner code are checked.

        :return: (the transaction in sudo, None), or (None, (HTTP status, reason)) when the data is refused.
        """
        values = result_values(data)
        if values is None:
            return None, (400, "A field of the payment result is missing or malformed.")
        if parse_integer(data["amount"]) is None or parse_integer(data["resultCode"]) is None:
            return None, (400, "The amount and the result code must be integers.")
        # sudo: MoMo acts for no user of ours; the signature below is what authorizes the update.
        tx_sudo = request.env["payment.transaction"].sudo()._search_by_reference("momo", data)
        if not tx_sudo:
            return None, (404, "Unknown order.")
        provider_sudo = tx_sudo.provider_id
        signed_values = {**values, "accessKey": provider_sudo.momo_access_key}
        if not is_valid_signature(provider_sudo.momo_secret_key, RESULT_KEYS, signed_values, data.get("signature")):
            _logger.warning("MoMo payment result for transaction %s refused: bad signature.", tx_sudo.reference)
            return None, (403, "Bad signature.")
        if values["partnerCode"] != provider_sudo.momo_partner_code:
            _logger.warning("MoMo payment result for transaction %s refused: another partner.", tx_sudo.reference)
            return None, (403, "Bad signature.")
        return tx_sudo, None

    @staticmethod
    def _momo_refuse(status, reason):
        # MoMo's server reads the status; the reason helps whoever debugs the integration.
        return request.make_json_response({"error": reason}, status=status)
