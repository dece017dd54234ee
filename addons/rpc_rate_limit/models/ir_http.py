import re

from odoo import models
from odoo.http import request

from ..exceptions import RateLimitExceeded

# The pattern ir.http._auth_method_bearer reads the API key with: the key counted is the key authenticated.
BEARER = re.compile(r"^bearer\s+(.+)$", re.IGNORECASE)


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _pre_dispatch(cls, rule, args):
        # Right after authentication, before the body is read or any business runs (JSON-2, /json/1, /doc-bearer).
        if rule.endpoint.routing.get("auth") == "bearer":
            header = request.httprequest.headers.get("Authorization") or ""
            if match := BEARER.match(header):
                request.env["rpc.rate.limit.window"]._count_request(request.env.uid, match.group(1))
        return super()._pre_dispatch(rule, args)

    @classmethod
    def _handle_error(cls, exception):
        response = super()._handle_error(exception)
        if isinstance(exception, RateLimitExceeded):
            exception.mark_response(response)  # JSON-2 and JSON-RPC (XML-RPC builds its own, see controllers)
        return response
