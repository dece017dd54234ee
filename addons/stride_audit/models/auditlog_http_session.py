from odoo import api, models
from odoo.http import request

from .auditlog_http_request import serving_real_request


class AuditlogHttpSession(models.Model):
    _inherit = "auditlog.http.session"

    @api.model
    def current_http_session(self):
        if request and not serving_real_request():
            return False
        return super().current_http_session()
