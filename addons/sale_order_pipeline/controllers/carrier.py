import logging
import time

from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from ..lib.transit import MAX_BODY_BYTES, callback_event_ref, parse_update, signature_refusal
from ..models.res_config_settings import CARRIER_SECRET_PARAM

_logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Stride-Signature"
TIMESTAMP_HEADER = "X-Stride-Timestamp"

# The carrier is a machine: it gets English messages that say what to fix, with the status that fits.
SIGNATURE_REFUSALS = {
    "no_timestamp": (400, f"The {TIMESTAMP_HEADER} header (Unix time in seconds) is missing."),
    "bad_timestamp": (400, f"The {TIMESTAMP_HEADER} header must be the Unix time in seconds, in ASCII digits."),
    "stale": (401, f"The {TIMESTAMP_HEADER} header is more than 5 minutes away from our clock."),
    "no_signature": (401, f"The {SIGNATURE_HEADER} header is missing."),
    "bad_signature_format": (400, f"The {SIGNATURE_HEADER} header must read sha256=<64 lowercase hex digits>."),
    "bad_signature": (403, "Bad signature."),
}


class PipelineCarrierCallback(http.Controller):
    """Carriers push in-transit updates here, signed with the shared secret of the settings.

    A call is accepted once: the signature covers a timestamp (5 minutes of validity) and the body, and an update
    already recorded (same event id, or the same body without one) is answered 200 with the existing update and
    `"duplicate": true`, without a new event or e-mail.
    """

    def _reply(self, status, **payload):
        return request.make_json_response(payload, status=status)

    # max_content_length makes werkzeug refuse a larger body (413) wherever it would be read, even as a form.
    @http.route(
        "/sale_order_pipeline/carrier/event",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
        max_content_length=MAX_BODY_BYTES,
    )
    def carrier_event(self, **kwargs):
        secret = request.env["ir.config_parameter"].sudo().get_param(CARRIER_SECRET_PARAM)
        if not secret:
            return self._reply(404, error="Carrier updates are not enabled.")
        httprequest = request.httprequest
        # Only a declared length bounds the read: a chunked body could go on for ever, so it is refused unread.
        if httprequest.content_length is None or "Transfer-Encoding" in httprequest.headers:
            return self._reply(411, error="Send the body with a Content-Length header, not chunked.")
        if httprequest.content_length > MAX_BODY_BYTES:
            return self._reply(413, error=f"The body is larger than {MAX_BODY_BYTES} bytes.")
        body = httprequest.get_data(cache=False)
        refusal = signature_refusal(
            secret,
            body,
            httprequest.headers.get(TIMESTAMP_HEADER),
            httprequest.headers.get(SIGNATURE_HEADER),
            time.time(),
        )
        if refusal:
            _logger.info("Carrier update refused (%s) from %s", refusal, httprequest.remote_addr)
            status, message = SIGNATURE_REFUSALS[refusal]
            return self._reply(status, error=message)
        update, problem = parse_update(body)
        if problem:
            return self._reply(400, error=problem)
        # sudo: the signature proves the caller is the carrier, who acts for no user of ours.
        order = (
            request.env["sale.order"].sudo().search([("pipeline_tracking_ref", "=", update["tracking_ref"])], limit=1)
        )
        if not order:
            return self._reply(404, error="Unknown tracking number.")
        known = order.pipeline_transit_event_ids
        try:
            [event_id] = order.action_pipeline_add_transit_event(
                update["status"],
                location=update["location"],
                event_time=update["time"],
                note=update["note"],
                carrier_ref=callback_event_ref(update["event_id"], body),
            )
        except (UserError, ValidationError) as exc:
            return self._reply(400, error=str(exc))
        return self._reply(200, event_id=event_id, stage=order.pipeline_stage, duplicate=event_id in known.ids)
