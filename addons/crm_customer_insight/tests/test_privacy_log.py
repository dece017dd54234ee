from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from .privacy_common import PrivacyCommon


@tagged("post_install", "-at_install")
class TestPrivacyLog(PrivacyCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_privacy_records()
        cls.log = cls.env["crm.customer.privacy.log"].with_user(cls.users["admin"])._log(cls.customer, "export", "csv")

    def test_log_says_who_when_what_and_a_masked_customer(self):
        self.assertEqual(self.log.user_id, self.users["admin"])
        self.assertTrue(self.log.date)
        self.assertEqual(self.log.customer_reference, f"#{self.customer.id} L**** G**** <h****@l****.example>")

    def test_only_admins_read_the_log(self):
        self.assertEqual(
            self.env["crm.customer.privacy.log"].with_user(self.users["admin"]).search([("id", "=", self.log.id)]),
            self.log,
        )
        for role in ("manager", "agent", "readonly", "portal"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                self.env["crm.customer.privacy.log"].with_user(self.users[role]).search([])

    def test_nobody_creates_changes_or_deletes_log_lines(self):
        logs = self.env["crm.customer.privacy.log"]
        for role in ("admin", "manager", "agent", "readonly", "portal"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                logs.with_user(self.users[role]).create(
                    {"user_id": self.users[role].id, "operation": "export", "customer_reference": "#1"}
                )
            with self.subTest(role=role), self.assertRaises(UserError):
                self.log.with_user(self.users[role]).write({"customer_reference": "forged"})
            with self.subTest(role=role), self.assertRaises(AccessError):
                self.log.with_user(self.users[role]).unlink()
        # Not even the superuser.
        with self.assertRaises(UserError):
            self.log.sudo().write({"operation": "erase"})
        with self.assertRaises(UserError):
            self.log.sudo().unlink()
        self.assertEqual(self.log.customer_reference[:1], "#")
