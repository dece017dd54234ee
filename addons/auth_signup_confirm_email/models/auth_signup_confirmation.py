import logging
from datetime import timedelta
from urllib.parse import urlencode

import psycopg2

from odoo import api, fields, models, tools
from odoo.exceptions import UserError

from ..lib import one_time_code

TOKEN_SCOPE = "auth_signup_confirm_email"

_logger = logging.getLogger(__name__)


class AuthSignupConfirmation(models.Model):
    """A signup waiting for its e-mail address to be confirmed; the account cannot log in while one exists.

    The code is stored only as a keyed hash (key: the database secret and the user, through Odoo's ``tools.hmac``);
    the link is a token signed by Odoo's ``tools.hash_sign``, like auth_signup's own signup tokens. Confirming deletes
    the record, which spends both the code and the link.
    """

    _name = "auth.signup.confirmation"
    _description = "Signup E-mail Confirmation"

    user_id = fields.Many2one("res.users", required=True, ondelete="cascade", index=True, readonly=True)
    code_hash = fields.Char(readonly=True, copy=False)
    code_expires_at = fields.Datetime(readonly=True, copy=False)
    attempt_count = fields.Integer(readonly=True, copy=False, help="Wrong codes entered since the last code was sent.")
    send_count = fields.Integer(readonly=True, copy=False)
    last_sent_at = fields.Datetime(readonly=True, copy=False)

    _user_unique = models.Constraint("UNIQUE (user_id)", "A user waits for one e-mail confirmation at most.")

    @api.model
    def _start(self, user):
        """Make ``user`` wait for the confirmation of their e-mail address and mail them the link and a code."""
        confirmation = self.create({"user_id": user.id})
        confirmation._send_code()
        return confirmation

    @api.model
    def _find_for_login(self, login):
        """The pending confirmation of the account logging in as ``login`` (login or e-mail), or an empty set."""
        # PostgreSQL refuses a NUL in a text, and no login holds one.
        if not isinstance(login, str) or not login.strip() or len(login) > 320 or "\x00" in login:
            return self.browse()
        users = self.env["res.users"].sudo()
        user = users.search(users._get_login_domain(login.strip()), order=users._get_login_order(), limit=1)
        return self.search([("user_id", "=", user.id)], limit=1) if user else self.browse()

    def _code_key(self):
        self.ensure_one()
        return tools.misc.hmac(self.env(su=True), "auth_signup_confirm_email-code", self.user_id.id).encode()

    @api.model
    def _validity_hours(self):
        """How long a signup waits for its confirmation: as long as auth_signup's signup tokens are valid."""
        return int(self.env["ir.config_parameter"].sudo().get_param("auth_signup.signup.validity.hours", 144))

    def _confirm_url(self):
        """Absolute link that confirms this signup, valid as long as auth_signup's signup tokens are."""
        self.ensure_one()
        hours = self._validity_hours()
        token = tools.hash_sign(self.env(su=True), TOKEN_SCOPE, [self.id, self.user_id.id], expiration_hours=hours)
        return tools.urls.urljoin(
            self.user_id.get_base_url(), "/web/signup/confirm/link?" + urlencode({"token": token})
        )

    def _send_code(self):
        """Mail a fresh code (the previous one stops working) and the link; refused while throttled."""
        self.ensure_one()
        self.lock_for_update()
        now = fields.Datetime.now()
        wait = one_time_code.resend_wait(self.last_sent_at, self.send_count, now)
        if wait is None:
            raise UserError(self.env._("No more codes can be sent for this signup. Use the link of an earlier e-mail."))
        if wait:
            raise UserError(
                self.env._("Please wait %(seconds)s seconds before asking for another code.",
                           seconds=int(wait.total_seconds()) + 1)
            )
        code = one_time_code.generate_code()
        self.write({
            "code_hash": one_time_code.hash_code(code, self._code_key()),
            "code_expires_at": now + one_time_code.CODE_VALIDITY,
            "attempt_count": 0,
            "send_count": self.send_count + 1,
            "last_sent_at": now,
        })
        template = self.env.ref("auth_signup_confirm_email.mail_template_signup_confirm_email").sudo()
        template.with_context(
            confirm_code=code,
            confirm_url=self._confirm_url(),
            confirm_minutes=int(one_time_code.CODE_VALIDITY.total_seconds() // 60),
        ).send_mail(
            self.user_id.id,
            force_send=True,
            # A mail server failure must not turn the signup into an error page: the account waits, and the
            # confirmation page's "Send me a new code" tries again.
            raise_exception=False,
            email_values={"email_to": self.user_id.email, "recipient_ids": [], "partner_ids": [], "email_cc": False},
            email_layout_xmlid="mail.mail_notification_light",
        )

    def _check_code(self, submitted):
        """Verdict of lib.one_time_code.check_code on ``submitted``; a wrong code uses up one try."""
        self.ensure_one()
        self.lock_for_update()  # two parallel guesses must not both see the last try left
        verdict = one_time_code.check_code(
            submitted, self.code_hash, self._code_key(), self.code_expires_at, self.attempt_count,
            fields.Datetime.now(),
        )
        if verdict == one_time_code.WRONG:
            self.attempt_count += 1
        elif verdict == one_time_code.OK:
            self._confirm()
        return verdict

    @api.model
    def _confirm_token(self, token):
        """Confirm the signup the link's ``token`` was made for; the confirmed user, or an empty recordset."""
        if not isinstance(token, str) or len(token) > 1000:
            return self.env["res.users"]
        try:
            payload = tools.verify_hash_signed(self.env(su=True), TOKEN_SCOPE, token)
        except ValueError:  # not base64, not one of Odoo's token versions: a mangled or made-up link
            return self.env["res.users"]
        if not payload:
            return self.env["res.users"]
        confirmation_id, user_id = payload
        confirmation = self.browse(confirmation_id).exists()
        if confirmation.user_id.id != user_id:
            return self.env["res.users"]
        user = confirmation.user_id
        confirmation._confirm()
        return user

    def _confirm(self):
        """The address is confirmed: the account may log in; the code and the link are spent."""
        self.unlink()

    @api.autovacuum
    def _gc_expired_signups(self):
        """Delete the accounts whose signup was never confirmed within the link's validity: they never logged in,
        and their login (an e-mail address, maybe someone else's) is free again for a new signup. The contact
        goes too when nothing else uses it."""
        limit = fields.Datetime.now() - timedelta(hours=self._validity_hours())
        expired = self.search([("create_date", "<", limit)])
        users = expired.user_id.filtered(lambda user: user.share)
        if not users:
            return
        partners = users.partner_id
        _logger.info("Deleting %s account(s) whose signup was not confirmed in time", len(users))
        users.unlink()
        for partner in partners:
            try:
                with self.env.cr.savepoint():
                    partner.unlink()
            except (UserError, psycopg2.IntegrityError):
                _logger.info("Contact %s is used elsewhere: kept", partner.id)
