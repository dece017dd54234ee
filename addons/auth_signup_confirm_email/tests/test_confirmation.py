from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessDenied, AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.mail.tests.common import MockEmail

from ..lib import one_time_code


@tagged("post_install", "-at_install")
class TestSignupConfirmation(TransactionCase, MockEmail):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Confirmation = cls.env["auth.signup.confirmation"]
        cls.user = new_test_user(
            cls.env, login="new.customer@example.com", email="new.customer@example.com", password="Stride-1234-pw",
            groups="base.group_portal", name="New Customer",
        )
        cls.other = new_test_user(
            cls.env, login="other.customer@example.com", email="other.customer@example.com",
            password="Stride-1234-pw", groups="base.group_portal",
        )

    def _start(self, user=None, code="246810"):
        with patch.object(one_time_code, "generate_code", return_value=code), self.mock_mail_gateway():
            confirmation = self.Confirmation._start(user or self.user)
        return confirmation

    def _login(self, user, password="Stride-1234-pw"):
        credential = {"login": user.login, "password": password, "type": "password"}
        return self.env["res.users"].authenticate(credential, {"interactive": True})

    def test_start_mails_the_link_and_the_code_and_stores_only_a_hash(self):
        with patch.object(one_time_code, "generate_code", return_value="246810"), self.mock_mail_gateway():
            confirmation = self.Confirmation._start(self.user)
        self.assertEqual(len(self._mails), 1)
        mail = self._mails[0]
        self.assertEqual(mail["email_to"], ["new.customer@example.com"])
        self.assertIn("246810", mail["body"])
        self.assertIn("/web/signup/confirm/link?token=", mail["body"])
        stored = confirmation.read()[0]
        self.assertNotIn("246810", str(stored))
        self.assertEqual(confirmation.code_hash, one_time_code.hash_code("246810", confirmation._code_key()))
        self.assertEqual(confirmation.send_count, 1)

    def test_the_code_key_differs_per_user(self):
        self.assertNotEqual(self._start()._code_key(), self._start(self.other)._code_key())

    def test_a_pending_account_cannot_log_in_until_confirmed(self):
        confirmation = self._start()
        with self.assertRaisesRegex(AccessDenied, "confirm your e-mail address"):
            self._login(self.user)
        self.assertEqual(confirmation._check_code("246810"), one_time_code.OK)
        self.assertFalse(confirmation.exists())
        self.assertEqual(self._login(self.user)["uid"], self.user.id)

    def test_a_wrong_password_of_a_pending_account_says_only_wrong_password(self):
        self._start()
        with self.assertRaises(AccessDenied) as refusal:
            self._login(self.user, password="not-the-password")
        self.assertNotIn("confirm", str(refusal.exception))

    def test_wrong_codes_use_up_the_tries_then_even_the_right_code_is_refused(self):
        confirmation = self._start()
        for _attempt in range(one_time_code.MAX_ATTEMPTS):
            self.assertEqual(confirmation._check_code("000000"), one_time_code.WRONG)
        self.assertEqual(confirmation._check_code("246810"), one_time_code.LOCKED)
        self.assertTrue(confirmation.exists())

    def test_malformed_codes_do_not_use_up_tries(self):
        confirmation = self._start()
        for raw in ("²46810", "<script>", "2" * 10_000):
            self.assertEqual(confirmation._check_code(raw), one_time_code.MALFORMED)
        self.assertEqual(confirmation.attempt_count, 0)
        self.assertEqual(confirmation._check_code("٢٤٦٨١٠"), one_time_code.OK)  # Arabic-Indic digits

    def test_a_code_expires_after_its_validity(self):
        confirmation = self._start()
        with freeze_time(fields.Datetime.now() + one_time_code.CODE_VALIDITY + timedelta(seconds=1)):
            self.assertEqual(confirmation._check_code("246810"), one_time_code.EXPIRED)

    def test_another_code_waits_for_the_cooldown_and_replaces_the_previous_one(self):
        confirmation = self._start()
        with self.assertRaisesRegex(UserError, "wait"), self.mock_mail_gateway():
            confirmation._send_code()
        self.assertEqual(self._mails, [])
        with freeze_time(fields.Datetime.now() + one_time_code.RESEND_COOLDOWN + timedelta(seconds=1)), \
                patch.object(one_time_code, "generate_code", return_value="135790"), self.mock_mail_gateway():
            confirmation._send_code()
            self.assertEqual(confirmation._check_code("246810"), one_time_code.WRONG)
            self.assertEqual(confirmation._check_code("135790"), one_time_code.OK)

    def test_no_more_codes_after_the_last_allowed_mail(self):
        confirmation = self._start()
        confirmation.send_count = one_time_code.MAX_SENDS
        with self.assertRaisesRegex(UserError, "No more codes"), self.mock_mail_gateway():
            confirmation._send_code()

    def test_the_link_confirms_once(self):
        confirmation = self._start()
        token = confirmation._confirm_url().split("token=")[1]
        self.assertEqual(self.Confirmation._confirm_token(token), self.user)
        self.assertFalse(confirmation.exists())
        self.assertFalse(self.Confirmation._confirm_token(token))

    def test_a_tampered_or_foreign_link_confirms_nothing(self):
        confirmation = self._start()
        other_confirmation = self._start(self.other)
        token = confirmation._confirm_url().split("token=")[1]
        for forged in (token[:-2] + "xx", "", "٣" * 40, "<script>", "a" * 5000, None):
            self.assertFalse(self.Confirmation._confirm_token(forged))
        self.assertTrue(confirmation.exists())
        self.assertTrue(other_confirmation.exists())

    def test_the_code_of_another_account_does_not_confirm_this_one(self):
        confirmation = self._start()
        self._start(self.other, code="999999")
        self.assertEqual(confirmation._check_code("999999"), one_time_code.WRONG)

    def test_only_administrators_read_pending_confirmations(self):
        self._start()
        for groups in ("base.group_portal", "base.group_user", "base.group_public"):
            reader = new_test_user(self.env, login=f"reader.{groups}", groups=groups)
            with self.subTest(groups=groups), self.assertRaises(AccessError):
                self.Confirmation.with_user(reader).search([])
        admin = new_test_user(self.env, login="settings.admin", groups="base.group_system")
        self.assertEqual(self.Confirmation.with_user(admin).search([]).user_id, self.user)
