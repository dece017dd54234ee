import contextlib
import logging
import math
from time import monotonic

from odoo import api, models
from odoo.exceptions import AccessDenied
from odoo.http import request

from ..lib.login_lock import LoginLock

_logger = logging.getLogger(__name__)

# One table per Odoo process, shared by its threads and databases (the key holds the database). In memory on
# purpose: the lock stops a password being guessed one login at a time, which needs no shared storage; addresses
# trying many logins are nginx's and Odoo's per-address cooldown.
LOGIN_LOCK = LoginLock(max_failures=10, lock_seconds=300, max_entries=10_000)


class ResUsers(models.Model):
    _inherit = "res.users"

    @contextlib.contextmanager
    def _assert_can_auth(self, user=None):
        # Odoo counts failures per address and only inside an HTTP request; this counts them per login, for every
        # password check: the login page, XML-RPC/JSON-RPC `authenticate` and each RPC call's uid + password.
        key = self._login_lock_key(user)
        if key and (seconds := LOGIN_LOCK.locked_for(key, monotonic())):
            _logger.warning("Login attempt refused for locked login %r on %s", key[1], key[0])
            raise AccessDenied(self.env._(
                "Too many failed logins for this account. It is locked for %(minutes)s more minute(s): "
                "try again later or reset your password.",
                minutes=math.ceil(seconds / 60),
            ))
        with super()._assert_can_auth(user=user):
            try:
                yield
            except AccessDenied:
                if key and LOGIN_LOCK.fail(key, monotonic()):
                    _logger.warning("Login %r on %s locked after %s failed logins", key[1], key[0],
                                    LOGIN_LOCK.max_failures)
                raise
            else:
                if key:
                    LOGIN_LOCK.succeed(key)

    @api.model
    def _login_lock_key(self, user):
        """(database, login) for a login or a user id; None when there is nothing to count against."""
        if isinstance(user, int):
            user = self.sudo().browse(user).exists().login
        if not user or not isinstance(user, str):
            return None
        return (self.env.cr.dbname, user.strip().lower())

    def password_match_message(self):
        # password_security's message is a list of rules with "(at least 1 characters)"; this is one sentence
        # built from the same settings, the message shown under the sign-up and reset forms.
        params = self._get_all_password_params()
        needs = []
        if params["lower"]:
            needs.append(self.env._("a lowercase letter"))
        if params["upper"]:
            needs.append(self.env._("an uppercase letter"))
        if params["numeric"]:
            needs.append(self.env._("a digit"))
        if params["special"]:
            needs.append(self.env._("a special character such as ! or #"))
        if not needs:
            return self.env._("The password must have at least %(length)s characters.", length=params["minlength"])
        return self.env._(
            "The password must have at least %(length)s characters, including %(needs)s.",
            length=params["minlength"], needs=", ".join(needs),
        )

    def _check_password_history(self, password):
        # password_security reads the newest passwords from the cached one2many: within one transaction the
        # entries created since it was read are appended at its end, out of the model's order (newest first),
        # and the newest ones would fall outside the checked slice.
        self.sudo().invalidate_recordset(["password_history_ids"])
        return super()._check_password_history(password)

    @api.model
    def _auth_timeout_deadline_calculate(self):
        # Customers (portal) keep Odoo's own session lifetime (7 days): the idle timeout is for the backend. The
        # session's user, not the request's: an auth="none" page (the login page) runs without a user.
        # _is_internal() reads the cached groups of the user (cleared when rights change): no query per request,
        # unlike the stored ``share``.
        user = self.env["res.users"].sudo().browse(request.session.uid) if request else self.env.user
        if user and not user._is_internal():
            return False
        return super()._auth_timeout_deadline_calculate()
