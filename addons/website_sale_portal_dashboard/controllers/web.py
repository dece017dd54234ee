from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.web import Home


class PortalDashboardHome(Home):
    @http.route()
    def web_client(self, s_action=None, **kw):
        """The web client is a page: what is posted to it is not passed on. Portal sends a customer on to /my with
        every parameter in the URL, a posted body included: a 3 MB form became a 3 MB Location header that no browser
        or proxy reads, and the customer got no answer. A POST is sent back to the same address, without its body."""
        if request.httprequest.method not in ("GET", "HEAD"):
            return request.redirect(request.httprequest.path, 303)
        return super().web_client(s_action=s_action, **kw)
