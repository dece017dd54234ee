from unittest.mock import patch

from odoo import http
from odoo.exceptions import AccessDenied
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import LOCK_LOGGER, LoginLockCleanMixin

PASSWORD = "Lock-test-2026"
LOCKED = "Too many failed logins for this account"


@tagged("post_install", "-at_install")
class TestLoginLock(LoginLockCleanMixin, TransactionCase):
    """Outside any HTTP request, as XML-RPC's `authenticate` and the RPC password check run."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.anna = new_test_user(cls.env, login="lock.anna", password=PASSWORD, groups="base.group_user")
        cls.bao = new_test_user(cls.env, login="lock.bao", password=PASSWORD, groups="base.group_portal")

    def _authenticate(self, login, password):
        credential = {"login": login, "password": password, "type": "password"}
        return self.env["res.users"].authenticate(credential, {"interactive": False})

    def _fail(self, login, times):
        for _attempt in range(times):
            with self.assertRaises(AccessDenied):
                self._authenticate(login, "wrong password")

    @mute_logger(LOCK_LOGGER)
    def test_ten_failures_lock_the_login_even_with_the_right_password(self):
        self._fail("lock.anna", 9)
        self.assertEqual(self._authenticate("lock.anna", PASSWORD)["uid"], self.anna.id, "9 failures do not lock")
        self._fail("lock.anna", 10)
        with self.assertRaisesRegex(AccessDenied, LOCKED):
            self._authenticate("lock.anna", PASSWORD)
        with self.assertRaisesRegex(AccessDenied, LOCKED):
            self.env["res.users"]._check_uid_passwd(self.anna.id, "another wrong password")
        self.assertEqual(self._authenticate("lock.bao", PASSWORD)["uid"], self.bao.id, "other logins stay open")

    @mute_logger(LOCK_LOGGER)
    def test_the_lock_ends_after_five_minutes(self):
        with patch("odoo.addons.auth_security_policy.models.res_users.monotonic", return_value=1000.0):
            self._fail("lock.anna", 10)
        with patch("odoo.addons.auth_security_policy.models.res_users.monotonic", return_value=1299.0):
            with self.assertRaisesRegex(AccessDenied, "1 more minute"):
                self._authenticate("lock.anna", PASSWORD)
        with patch("odoo.addons.auth_security_policy.models.res_users.monotonic", return_value=1300.0):
            self.assertEqual(self._authenticate("lock.anna", PASSWORD)["uid"], self.anna.id)

    def test_a_successful_login_resets_the_count(self):
        self._fail("LOCK.Anna", 9)  # logins are counted whatever their case
        self._authenticate("lock.anna", PASSWORD)
        self._fail("lock.anna", 9)
        self.assertEqual(self._authenticate("lock.anna", PASSWORD)["uid"], self.anna.id)

    def test_rpc_password_checks_count_against_the_login(self):
        for _attempt in range(10):
            with self.assertRaises(AccessDenied), mute_logger(LOCK_LOGGER):
                self.env["res.users"]._check_uid_passwd(self.anna.id, "wrong password")
        with self.assertRaisesRegex(AccessDenied, LOCKED), mute_logger(LOCK_LOGGER):
            self._authenticate("lock.anna", PASSWORD)


@tagged("post_install", "-at_install")
class TestLoginLockHttp(LoginLockCleanMixin, HttpCase):
    """Through XML-RPC and the login page."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.chi = new_test_user(cls.env, login="lock.chi", password=PASSWORD, groups="base.group_user")

    @mute_logger(LOCK_LOGGER)
    def test_xmlrpc_failures_lock_the_login_page_too(self):
        # base.login_cooldown_after (5 per address) is Odoo's per-address cooldown: out of the way here.
        self.env["ir.config_parameter"].sudo().set_param("base.login_cooldown_after", 0)
        db = self.env.cr.dbname
        for _attempt in range(10):
            self.assertFalse(self.xmlrpc_common.authenticate(db, "lock.chi", "wrong password", {}))
        self.assertFalse(self.xmlrpc_common.authenticate(db, "lock.chi", PASSWORD, {}))

        self.authenticate(None, None)
        page = self.url_open("/web/login", data={
            "login": "lock.chi", "password": PASSWORD, "csrf_token": http.Request.csrf_token(self),
        })
        self.assertEqual(page.status_code, 200)
        self.assertIn(LOCKED, page.text)
        self.assertIn("/web/login", page.url, "the login page is shown again, with the reason")
