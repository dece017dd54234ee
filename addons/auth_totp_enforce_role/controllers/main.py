import base64
import os
import time

from odoo import http
from odoo.exceptions import AccessDenied, UserError
from odoo.http import request
from odoo.tools.image import image_data_uri

from odoo.addons.auth_totp.models.totp import TOTP_SECRET_SIZE

from ..models.ir_http import SETUP_PATH


class AuthTotpSetup(http.Controller):
    @http.route(
        SETUP_PATH,
        type="http",
        auth="user",
        methods=["GET", "POST"],
        sitemap=False,
        totp_setup_exempt=True,
        # as auth_totp's code page: the login layout needs the website's values when the website is installed
        website=True,
        multilang=False,
    )
    def auth_totp_setup(self, redirect=None, wizard_id=None, password="", code="", **kwargs):
        user = request.env.user
        redirect = redirect if redirect and redirect.startswith("/") and not redirect.startswith("//") else "/odoo"
        if not user._is_totp_setup_pending():
            return request.redirect(redirect)

        wizard = request.env["auth_totp.wizard"]
        error = None
        if request.httprequest.method == "POST":
            # search, not browse: the record rule lets a user find only their own setup
            wizard = wizard.search([("id", "=", int(wizard_id))]) if str(wizard_id).isdigit() else wizard
            if not wizard:
                error = request.env._("This setup has expired, please scan the new QR code.")
            else:
                error = self._enable_totp(user, wizard, password, code)
                if not error:
                    return request.redirect(redirect)
        if not wizard:
            wizard = wizard.create({"user_id": user.id, "secret": self._new_secret()})
        return request.render(
            "auth_totp_enforce_role.auth_totp_setup_page",
            {
                "wizard": wizard,
                "qrcode_src": image_data_uri(wizard.qrcode),
                "redirect": redirect,
                "error": error,
            },
        )

    def _new_secret(self):
        # as auth_totp's own wizard does: 160 random bits, shown in groups of four characters
        secret = base64.b32encode(os.urandom(TOTP_SECRET_SIZE // 8)).decode()
        return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))

    def _enable_totp(self, user, wizard, password, code):
        """Check the password (as Odoo's identity check does), then the code; return an error message or None."""
        try:
            with user._assert_can_auth(user=user.id):
                user._check_credentials(
                    {"type": "password", "login": user.login, "password": password}, {"interactive": True}
                )
        except AccessDenied as exc:
            return str(exc) if exc.args and exc.args[0] != "Access Denied" else request.env._("Wrong password.")
        request.session["identity-check-last"] = time.time()
        try:
            wizard.with_context(code=code).enable()
        except UserError as exc:
            return exc.args[0]
        return None
