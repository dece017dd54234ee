from odoo import api, models
from odoo.http import HTTPRequest, request


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
        return super().current_http_request()
