from werkzeug.exceptions import Forbidden

from odoo import models
from odoo.http import request, serialize_exception

SETUP_PATH = "/auth-totp/setup"


class TotpSetupRequired(Forbidden):
    """The session's user must set up two-factor authentication before using this route."""


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _authenticate(cls, endpoint):
        res = super()._authenticate(endpoint)
        auth = endpoint.routing["auth"]
        if (
            auth in ("user", "bearer")
            and endpoint.routing.get("totp_setup_exempt") is not True
            and request.session.uid is not None
            # An API key authenticates a bearer route by itself (Odoo checked it); a user route ignores the header.
            and not (auth == "bearer" and cls._is_bearer_request())
            and request.env.user._is_totp_setup_pending()
        ):
            raise TotpSetupRequired(
                request.env._(
                    "Your role requires two-factor authentication: set up an authenticator app at %(path)s "
                    "before using this session. API keys keep working.",
                    path=SETUP_PATH,
                )
            )
        return res

    @classmethod
    def _is_bearer_request(cls):
        # integrators calling with an API key are not asked for an authenticator app
        authorization = request.httprequest.headers.get("Authorization", "")
        return authorization[:7].lower() == "bearer "

    @classmethod
    def _handle_error(cls, exception):
        if isinstance(exception, TotpSetupRequired):
            if request.dispatcher.routing_type == "jsonrpc":
                error = {"code": 403, "message": exception.description, "data": serialize_exception(exception)}
                return request.make_json_response(
                    {"jsonrpc": "2.0", "id": request.dispatcher.request_id, "error": error}, status=403
                )
            if request.httprequest.method in ("GET", "HEAD"):
                return request.redirect_query(SETUP_PATH, {"redirect": request.httprequest.full_path})
        return super()._handle_error(exception)
