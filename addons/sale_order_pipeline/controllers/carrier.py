import json
import logging

from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from ..lib.transit import is_signed
from ..models.res_config_settings import CARRIER_SECRET_PARAM

_logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Stride-Signature"


class PipelineCarrierCallback(http.Controller):
    """Carriers push in-transit updates here, signed with the shared secret of the settings."""

    def _reply(self, status, **payload):
        return request.make_json_response(payload, status=status)

    @http.route("/sale_order_pipeline/carrier/event", type="http", auth="public", methods=["POST"], csrf=False)
    def carrier_event(self, **kwargs):
        secret = request.env["ir.config_parameter"].sudo().get_param(CARRIER_SECRET_PARAM)
        if not secret:
            return self._reply(404, error="Carrier updates are not enabled.")
        body = request.httprequest.get_data()
        if not is_signed(secret, body, request.httprequest.headers.get(SIGNATURE_HEADER)):
            _logger.info("Carrier update refused: bad signature from %s", request.httprequest.remote_addr)
            return self._reply(403, error="Bad signature.")
        try:
            data = json.loads(body)
            tracking_ref = str(data["tracking_ref"]).strip()
            status = str(data["status"])
        except (ValueError, KeyError, TypeError):
            return self._reply(400, error="Expected a JSON object with tracking_ref and status.")
        # sudo: the signature proves the caller is the carrier, who acts for no user of ours.
        order = request.env["sale.order"].sudo().search([("pipeline_tracking_ref", "=", tracking_ref)], limit=1)
        if not tracking_ref or not order:
            return self._reply(404, error="Unknown tracking number.")
        try:
            event_ids = order.action_pipeline_add_transit_event(
                status,
                location=data.get("location"),
                event_time=data.get("time"),
                note=data.get("note"),
                carrier_ref=data.get("event_id"),
            )
        except (UserError, ValidationError) as exc:
            return self._reply(400, error=str(exc))
        return self._reply(200, event_id=event_ids[0], stage=order.pipeline_stage)
