import json
import re
import time
from datetime import datetime, timedelta
from xmlrpc.client import Fault

import lxml.html
import pyotp

from odoo.tests import HttpCase, get_db_name, new_test_user, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestTotpLogin(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("base.group_system").totp_required = True
        cls.env.ref("base.group_user").totp_required = False
        cls.admin = new_test_user(cls.env, "totp_login_admin", groups="base.group_user,base.group_system")
        cls.employee = new_test_user(cls.env, "totp_login_employee", groups="base.group_user")
        cls.customer = new_test_user(cls.env, "totp_login_customer", groups="base.group_portal")

    def setUp(self):
        super().setUp()
        # Odoo's per-address login cooldown lives in the registry, beyond the test transaction
        self.addCleanup(lambda: getattr(self.registry, "_login_failures", {}).clear())

    def _csrf(self, response):
        return lxml.html.fromstring(response.content).xpath('//input[@name="csrf_token"]')[0].get("value")

    def _log_in_with_password(self, user):
        self.opener.cookies.clear()
        response = self.url_open("/web/login")
        return self.url_open(
            "/web/login", data={"login": user.login, "password": user.login, "csrf_token": self._csrf(response)}
        )

    def _enter_code(self, page, code):
        return self.url_open("/web/login/totp", data={"totp_token": code, "csrf_token": self._csrf(page)})

    def _set_totp(self, user):
        secret = pyotp.random_base32()
        user.sudo().totp_secret = secret
        return pyotp.TOTP(secret)

    def _wrong_code(self, totp):
        now = time.time()
        valid = {totp.at(now + offset) for offset in (-30, 0, 30)}
        return next(code for code in ("000000", "111111", "222222", "333333") if code not in valid)

    def test_required_admin_without_totp_is_sent_to_the_setup(self):
        self.authenticate(self.admin.login, self.admin.login)
        for path in ("/odoo", "/web", "/odoo/action-base.action_res_users"):
            response = self.url_open(path)
            self.assertTrue(response.url.startswith(self.base_url() + "/auth-totp/setup"), path)
            self.assertIn("redirect=", response.url)
            self.assertIn(b"Set up two-factor authentication", response.content)

    def test_rpc_of_a_required_admin_without_totp_is_refused_with_403(self):
        self.authenticate(self.admin.login, self.admin.login)
        response = self.url_open(
            "/web/dataset/call_kw/res.partner/search_count",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": {"model": "res.partner", "method": "search_count", "args": [[]], "kwargs": {}},
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 403)
        self.assertIn("two-factor authentication", response.json()["error"]["message"])

    def test_a_made_up_bearer_header_does_not_open_a_session_route(self):
        # auth="user" routes ignore the Authorization header: it proves nothing, so it must not skip the check
        self.authenticate(self.admin.login, self.admin.login)
        response = self.url_open(
            "/web/dataset/call_kw/res.partner/search_count",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": {"model": "res.partner", "method": "search_count", "args": [[]], "kwargs": {}},
                }
            ),
            headers={"Content-Type": "application/json", "Authorization": "Bearer made-up"},
        )
        self.assertEqual(response.status_code, 403)

    def test_setup_page_enables_totp_and_opens_the_backend(self):
        self.authenticate(self.admin.login, self.admin.login)
        page = self.url_open("/odoo")
        tree = lxml.html.fromstring(page.content)
        secret = re.sub(r"\s", "", tree.xpath('//code[hasclass("o_auth_totp_setup_secret")]')[0].text)
        form = {
            "csrf_token": self._csrf(page),
            "wizard_id": tree.xpath('//input[@name="wizard_id"]')[0].get("value"),
            "redirect": "/odoo",
        }

        refused = self.url_open("/auth-totp/setup", data=dict(form, password="not it", code=pyotp.TOTP(secret).now()))
        self.assertIn(b"Wrong password.", refused.content)
        refused = self.url_open("/auth-totp/setup", data=dict(form, password=self.admin.login, code="12345x"))
        self.assertIn(b"The verification code should only contain numbers", refused.content)
        self.assertFalse(self.admin.totp_enabled)

        response = self.url_open(
            "/auth-totp/setup", data=dict(form, password=self.admin.login, code=pyotp.TOTP(secret).now())
        )
        self.assertEqual(response.url, self.base_url() + "/odoo")
        self.assertEqual(response.status_code, 200)
        self.admin.invalidate_recordset(["totp_enabled", "totp_secret"])
        self.assertTrue(self.admin.totp_enabled)

    def test_login_asks_for_the_code_once_totp_is_set(self):
        totp = self._set_totp(self.admin)
        page = self._log_in_with_password(self.admin)
        self.assertTrue(page.url.startswith(self.base_url() + "/web/login/totp"))

        response = self._enter_code(page, totp.now())
        self.assertEqual(response.url, self.base_url() + "/odoo")
        self.assertEqual(response.status_code, 200)

    def test_wrong_code_is_refused(self):
        totp = self._set_totp(self.admin)
        page = self._log_in_with_password(self.admin)
        response = self._enter_code(page, self._wrong_code(totp))
        self.assertIn(b"Verification failed, please double-check the 6-digit code", response.content)
        self.assertTrue(response.url.startswith(self.base_url() + "/web/login/totp"))
        self.assertTrue(self.url_open("/odoo").url.startswith(self.base_url() + "/web/login"))

    def test_reused_code_is_refused(self):
        # Odoo keeps the last accepted counter (totp_last_counter): a code works once, even within its 30 seconds
        totp = self._set_totp(self.admin)
        code = totp.now()
        self.assertEqual(self._enter_code(self._log_in_with_password(self.admin), code).url, self.base_url() + "/odoo")

        with self.assertLogs("odoo.addons.auth_totp.models.res_users", "WARNING") as logs:
            response = self._enter_code(self._log_in_with_password(self.admin), code)
        self.assertIn(b"Verification failed, please use the latest 6-digit code", response.content)
        self.assertIn("REUSE", logs.output[0])

    def test_repeated_failures_are_throttled(self):
        # Odoo's defaults, stated here so that the test does not depend on the database's settings
        self.env["ir.config_parameter"].sudo().set_param("base.login_cooldown_after", 5)
        self.env["ir.config_parameter"].sudo().set_param("base.login_cooldown_duration", 60)
        totp = self._set_totp(self.admin)
        page = self._log_in_with_password(self.admin)
        wrong = self._wrong_code(totp)
        for _attempt in range(5):
            response = self._enter_code(page, wrong)
            self.assertIn(b"please double-check the 6-digit code", response.content)

        # Odoo's cooldown per address (base.login_cooldown_after = 5 failures): even the right code waits
        with self.assertLogs("odoo.addons.base.models.res_users", "WARNING"):
            response = self._enter_code(page, totp.now())
        self.assertIn(b"Too many login failures, please wait a bit before trying again.", response.content)

        # and auth_totp's own limit per user (5 code checks an hour), whatever the address
        self.registry._login_failures.clear()
        response = self._enter_code(page, totp.now())
        self.assertIn(b"You reached the limit of code verifications for your account", response.content)
        self.assertTrue(self.url_open("/odoo").url.startswith(self.base_url() + "/web/login"))

    def test_employee_outside_the_groups_is_not_forced(self):
        self.authenticate(self.employee.login, self.employee.login)
        response = self.url_open("/odoo")
        self.assertEqual(response.url, self.base_url() + "/odoo")
        self.assertEqual(response.status_code, 200)

    def test_portal_customer_is_not_forced_and_may_opt_in(self):
        self.env.ref("base.group_portal").totp_required = True
        self.authenticate(self.customer.login, self.customer.login)
        response = self.url_open("/odoo")
        self.assertNotIn("/auth-totp/setup", response.url)

        totp = self._set_totp(self.customer)
        page = self._log_in_with_password(self.customer)
        self.assertTrue(page.url.startswith(self.base_url() + "/web/login/totp"))
        self.assertNotIn("/auth-totp/setup", self._enter_code(page, totp.now()).url)

    def test_logout_and_assets_keep_working(self):
        self.authenticate(self.admin.login, self.admin.login)
        self.assertEqual(self.url_open("/web/assets/debug/web.assets_frontend.css").status_code, 200)
        page = self.url_open("/odoo")
        response = self.url_open("/web/session/logout", data={"csrf_token": self._csrf(page)})
        self.assertTrue(response.url.startswith(self.base_url() + "/web/login"))

    @mute_logger("odoo.addons.rpc.controllers.xmlrpc", "odoo.http")
    def test_api_keys_keep_working(self):
        key = (
            self.env["res.users.apikeys"]
            .with_user(self.admin)
            ._generate(None, "integration", datetime.now() + timedelta(days=1))
        )
        response = self.url_open(
            "/json/2/res.partner/search_count",
            data=json.dumps({"domain": []}),
            headers={"Authorization": f"bearer {key}", "Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIsInstance(response.json(), int)

        count = self.xmlrpc_object.execute_kw(get_db_name(), self.admin.id, key, "res.partner", "search_count", [[]])
        self.assertIsInstance(count, int)
        # a password alone no longer opens RPC for a required user, as for any user with two-factor authentication
        with self.assertRaises(Fault):
            self.xmlrpc_object.execute_kw(
                get_db_name(), self.admin.id, self.admin.login, "res.partner", "search_count", [[]]
            )
