from odoo import http
from odoo.http import request

from odoo.addons.web.controllers import home as web_home

from ..models.ir_http import SETUP_PATH


class Home(web_home.Home):
    # the web client's route is auth="none" (it checks the session itself), so ir.http's check does not see it
    @http.route()
    def web_client(self, s_action=None, **kw):
        uid = request.session.uid
        if uid and request.env(user=uid).user._is_totp_setup_pending():
            return request.redirect_query(SETUP_PATH, {"redirect": request.httprequest.full_path})
        return super().web_client(s_action=s_action, **kw)
