from odoo import api, models
from odoo.http import request

from .auditlog_http_request import CHECKED_SESSION, serving_real_request


class AuditlogHttpSession(models.Model):
    _inherit = "auditlog.http.session"

    @api.model
    def current_http_session(self):
        if request and not serving_real_request():
            return False
        httprequest = request.httprequest if request else None
        checked = getattr(httprequest, CHECKED_SESSION, None) if httprequest is not None else None
        if checked:
            # The session log of the request log just found (see ``auditlog.http.request``), for the same user.
            delattr(httprequest, CHECKED_SESSION)
            user_id, session_id = checked
            if session_id and user_id == request.env.uid:
                return session_id
        return super().current_http_session()
