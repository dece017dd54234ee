from odoo import api, models
from odoo.http import request


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _authenticate(cls, endpoint):
        # auth_session_timeout logs an idle session out after Odoo authenticated the request as its user, and the
        # request then ran as that user all the same. When the session lost its user during authentication, the
        # request is authenticated again without it: an auth="user" route answers "session expired".
        session_uid = request.session.uid
        result = super()._authenticate(endpoint)
        if session_uid and not request.session.uid and request.env.uid == session_uid:
            request.env = api.Environment(request.env.cr, None, request.session.context)
            result = super()._authenticate(endpoint)
        return result
