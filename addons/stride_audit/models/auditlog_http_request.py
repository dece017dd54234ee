from odoo import api, models
from odoo.http import HTTPRequest, request

# Attributes set on the HTTP request being served (auditlog keeps its request log's id there too):
# the session of each request log this request created, as ``{request log id: (user id, session log id)}``,
REQUEST_SESSIONS = "stride_auditlog_request_sessions"
# and the (user id, session log id) of the request log ``current_http_request`` has just found in the database, which
# the ``current_http_session`` called next for the same log returns without searching again.
CHECKED_SESSION = "stride_auditlog_checked_session"


def serving_real_request():
    """Whether a real HTTP request is being served: Odoo's tests call controllers inside a MockRequest whose
    ``httprequest`` and session are mocks, and auditlog would send their attributes to SQL."""
    return bool(request) and isinstance(request.httprequest, HTTPRequest)


class AuditlogHttpRequest(models.Model):
    _inherit = "auditlog.http.request"

    @api.model
    def current_http_request(self):
        if request and not serving_real_request():
            return False
        httprequest = request.httprequest if request else None
        if httprequest is not None and hasattr(httprequest, CHECKED_SESSION):
            delattr(httprequest, CHECKED_SESSION)
        request_id = super().current_http_request()
        if request_id and httprequest is not None:
            # auditlog checks that its request log exists (a rolled back savepoint may have taken it) and creates it
            # again otherwise; each log then searches the session log. The request log found refers to its session
            # log: remember it when the request log is created (its values are in the cache), trust it once found.
            sessions = getattr(httprequest, REQUEST_SESSIONS, None)
            if sessions is None:
                sessions = {}
                setattr(httprequest, REQUEST_SESSIONS, sessions)
            if request_id not in sessions:
                sessions[request_id] = (request.env.uid, self.browse(request_id).http_session_id.id)
            setattr(httprequest, CHECKED_SESSION, sessions[request_id])
        return request_id
