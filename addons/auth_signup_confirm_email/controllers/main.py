from urllib.parse import urlencode

from werkzeug.exceptions import BadRequest

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.auth_signup.controllers.main import AuthSignupHome

from ..lib import one_time_code

MAX_FIELD_LENGTH = 320  # an e-mail address is at most 320 characters; longer input is refused before any lookup


def _text(value):
    """A form field as text, or "" when it is not text (an uploaded file) or too long to be an address or a code."""
    return value if isinstance(value, str) and len(value) <= MAX_FIELD_LENGTH else ""


def _password_login_is_readable(params):
    """Whether a posted login form can be checked: Odoo reads its login unguarded (a KeyError, answered 500, when
    the field is missing or empty) and PostgreSQL refuses a NUL byte in it. Other sign-in types are left to Odoo."""
    if params.get("type", "password") != "password":
        return True
    login = _text(params.get("login"))
    return bool(login) and "\x00" not in login


class AuthSignupConfirmEmail(AuthSignupHome):
    def _signup_with_values(self, token, values, do_login):
        if token:
            # A signup or reset token came by e-mail: using it proves the address, so a pending confirmation ends.
            # Confirmed before the signup, which logs the account in.
            partner = request.env["res.partner"].sudo()._get_partner_from_token(token)
            if partner:
                confirmations = request.env["auth.signup.confirmation"].sudo()
                confirmations.search([("user_id", "in", partner.user_ids.ids)])._confirm()
            return super()._signup_with_values(token, values, do_login)
        # Uninvited signup: create the account without logging it in, and mail the link and a code.
        super()._signup_with_values(token, values, do_login=False)
        users = request.env["res.users"].sudo()
        user = users.search(users._get_login_domain(values["login"]), order=users._get_login_order(), limit=1)
        request.env["auth.signup.confirmation"].sudo()._start(user)
        # Our mail is the signup's one mail: auth_signup's "account created" mail, sent next, is skipped (see
        # mail.template.send_mail), and web_login sends the visitor to the confirmation page.
        request.update_context(signup_confirm_email_login=user.login, signup_confirm_email_skip_account_created=True)

    @http.route()
    def web_login(self, *args, **kw):
        pending_login = request.env.context.get("signup_confirm_email_login")
        if pending_login:
            # web_auth_signup logs the new account in through web_login: send it to the confirmation page instead.
            return request.redirect("/web/signup/confirm?" + urlencode({"login": pending_login}))
        if request.httprequest.method == "POST" and not _password_login_is_readable(request.params):
            raise BadRequest(request.env._("Enter your e-mail address and your password."))
        return super().web_login(*args, **kw)

    def _render_confirm(self, **values):
        response = request.render("auth_signup_confirm_email.confirm", values)
        response.headers["X-Frame-Options"] = "SAMEORIGIN"
        response.headers["Content-Security-Policy"] = "frame-ancestors 'self'"
        return response

    @http.route("/web/signup/confirm", type="http", auth="public", methods=["GET", "POST"], website=True,
                sitemap=False)
    def web_signup_confirm(self, login="", code="", **kw):
        login = _text(login)
        if request.httprequest.method != "POST":
            return self._render_confirm(login=login, sent=bool(login))
        confirmations = request.env["auth.signup.confirmation"].sudo()
        confirmation = confirmations._find_for_login(login)
        # Unknown address, confirmed account, spent code: one answer, so the page does not tell who signed up.
        verdict = confirmation._check_code(_text(code)) if confirmation else one_time_code.LOCKED
        if verdict == one_time_code.OK:
            return self._render_confirm(login=login, confirmed=True)
        errors = {
            one_time_code.MALFORMED: request.env._("The code is the 6 digits (0-9) of the e-mail we sent you."),
            one_time_code.WRONG: request.env._("This code is not the one we sent. Check the latest e-mail."),
            one_time_code.EXPIRED: request.env._("This code has expired. Ask for a new one below."),
            one_time_code.LOCKED: request.env._(
                "This code cannot be used (already used, too many tries, or no signup waits for this address). "
                "Ask for a new one below, or log in if your address is already confirmed."
            ),
        }
        return self._render_confirm(login=login, error=errors[verdict])

    @http.route("/web/signup/confirm/resend", type="http", auth="public", methods=["POST"], website=True,
                sitemap=False)
    def web_signup_confirm_resend(self, login="", **kw):
        login = _text(login)
        confirmation = request.env["auth.signup.confirmation"].sudo()._find_for_login(login)
        values = {"login": login}
        if confirmation:
            try:
                confirmation._send_code()
            except UserError as error:
                return self._render_confirm(error=error.args[0], **values)
        # The same message whether or not a signup waits for this address.
        values["message"] = request.env._(
            "If a signup waits for confirmation at this address, a new code and link are on their way."
        )
        return self._render_confirm(**values)

    @http.route("/web/signup/confirm/link", type="http", auth="public", methods=["GET"], website=True, sitemap=False)
    def web_signup_confirm_link(self, token="", **kw):
        user = request.env["auth.signup.confirmation"].sudo()._confirm_token(token)
        if not user:
            return self._render_confirm(error=request.env._(
                "This confirmation link is not valid: it may have expired or been used already. "
                "Log in if your address is already confirmed, or ask for a new code."
            ))
        return self._render_confirm(login=user.login, confirmed=True)
