import logging
from urllib.parse import parse_qs, urlparse

from odoo import http
from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import SQL, mute_logger

from .common import LoginLockCleanMixin, policy_enforced

PASSWORD = "Policy-test-2026"
RULES = "The password must have at least 10 characters, including a lowercase letter, an uppercase letter, a digit."


class RecordedLogs(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage() + (self.format(record) if record.exc_info else ""))


@tagged("post_install", "-at_install")
class TestPasswordPolicy(LoginLockCleanMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        params = cls.env["ir.config_parameter"].sudo()
        params.set_param("auth_signup.invitation_scope", "b2c")
        params.set_param("auth_signup.reset_password", "True")
        if "website" in cls.env:  # the website's own setting wins over the parameter when website is installed
            cls.env["website"].search([]).auth_signup_uninvited = "b2c"
        cls.customer = new_test_user(cls.env, login="policy.customer", password=PASSWORD,
                                     groups="base.group_portal")

    def setUp(self):
        super().setUp()
        self.enterContext(policy_enforced())
        self.authenticate(None, None)

    def _post(self, url, **data):
        return self.url_open(url, data={"csrf_token": http.Request.csrf_token(self), **data})

    def _sign_up(self, login, password):
        return self._post("/web/signup", name="Lan Nguyen", login=login, password=password,
                          confirm_password=password)

    def _reset(self, user, password):
        user.partner_id.sudo().signup_prepare(signup_type="reset")
        token = parse_qs(urlparse(user.partner_id.sudo()._get_signup_url()).query)["token"][0]
        return self._post("/web/reset_password", token=token, login=user.login, name=user.name,
                          password=password, confirm_password=password)

    def _users(self, login):
        return self.env["res.users"].with_context(active_test=False).search([("login", "=", login)])

    def test_the_policy_is_set_at_installation(self):
        policy = self.env["res.users"]._get_all_password_params()
        self.assertEqual(
            (policy["minlength"], policy["lower"], policy["upper"], policy["numeric"], policy["special"]),
            (10, 1, 1, 1, 0),
        )
        self.assertEqual((policy["history"], policy["expiration_days"], policy["minimum_hours"]), (5, 0, 0))

    def test_weak_passwords_are_refused_at_signup_with_the_rules(self):
        for weak in ("Short-1a", "no-upper-case-2026", "NO-LOWER-CASE-2026", "No-digits-at-all"):
            with self.subTest(password=weak):
                page = self._sign_up("weak.signup@example.com", weak)
                self.assertEqual(page.status_code, 200)
                self.assertIn(RULES, page.text)
                self.assertFalse(self._users("weak.signup@example.com"))
        self._sign_up("strong.signup@example.com", "Strong-signup-2026")
        self.assertTrue(self._users("strong.signup@example.com"))

    def test_weak_password_is_refused_at_reset_and_the_old_one_kept(self):
        page = self._reset(self.customer, "weakpassword")
        self.assertEqual(page.status_code, 200)
        self.assertIn(RULES, page.text)
        self.customer.with_user(self.customer)._check_credentials(
            {"login": self.customer.login, "password": PASSWORD, "type": "password"}, {"interactive": False})

        page = self._reset(self.customer, "Reset-strong-2026")
        self.assertIn("Your password has been reset successfully.", page.text)

    def test_the_last_five_passwords_cannot_be_used_again(self):
        user = new_test_user(self.env, login="policy.reuse", password="Reuse-test-2026-0", groups="base.group_user")
        for number in range(1, 6):
            user.password = f"Reuse-test-2026-{number}"
        for recent in range(1, 6):
            with self.subTest(password=recent), self.assertRaisesRegex(UserError, "most recent 5 passwords"):
                user.password = f"Reuse-test-2026-{recent}"
        user.password = "Reuse-test-2026-0"  # the sixth most recent is allowed again

    def test_reused_password_is_refused_at_reset_with_a_message(self):
        page = self._reset(self.customer, PASSWORD)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Cannot use the most recent 5 passwords", page.text)

    def test_no_password_in_clear_in_the_database_or_the_log(self):
        logs = RecordedLogs()
        logging.getLogger().addHandler(logs)
        self.addCleanup(logging.getLogger().removeHandler, logs)
        secrets = ["Plain-signup-7Kq2x", "Plain-reset-9Wm4z", "Plain-write-3Hv8c", "Plain-wrong-5Tn1b"]
        with mute_logger("odoo.addons.base.models.res_users"):
            self._sign_up("plain.signup@example.com", secrets[0])
            self.authenticate(None, None)
            self._reset(self.customer, secrets[1])
            self.customer.password = secrets[2]
            self.authenticate(None, None)
            self._post("/web/login", login=self.customer.login, password=secrets[3])
            self._post("/web/login", login="plain.signup@example.com", password=secrets[0])

        self.assertTrue(self._users("plain.signup@example.com"))
        self.assertTrue(self.customer.password_history_ids)
        for secret in secrets:
            self.assertFalse([message for message in logs.messages if secret in message], f"{secret} was logged")
        found = self._tables_containing(secrets)
        self.assertFalse(found, "passwords stored in clear")

    def _tables_containing(self, secrets):
        """The (table, column) pairs of every text column in the database holding one of `secrets`."""
        self.env.flush_all()
        self.env.cr.execute("""
            SELECT c.table_name, c.column_name
              FROM information_schema.columns c
              JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
             WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
               AND c.data_type IN ('character varying', 'text', 'jsonb')
        """)
        columns = self.env.cr.fetchall()
        self.assertIn(("res_users", "password"), columns)
        self.assertIn(("res_users_pass_history", "password_crypt"), columns)
        found = []
        for table, column in columns:
            self.env.cr.execute(SQL(
                "SELECT 1 FROM %s WHERE %s LIMIT 1",
                SQL.identifier(table),
                SQL(" OR ").join(
                    SQL("strpos(%s::text, %s) > 0", SQL.identifier(table, column), secret) for secret in secrets
                ),
            ))
            if self.env.cr.fetchone():
                found.append((table, column))
        return found
