from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSignupExpiry(TransactionCase):
    """A signup never confirmed within the link's validity frees its login; a recent or confirmed one stays."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Confirmation = cls.env["auth.signup.confirmation"]
        cls.stale_user, cls.recent_user, cls.confirmed_user = (
            new_test_user(cls.env, login=login, email=login, groups="base.group_portal", name=login)
            for login in ("stale@example.com", "recent@example.com", "confirmed@example.com")
        )
        cls.stale = cls.Confirmation.create({"user_id": cls.stale_user.id})
        cls.recent = cls.Confirmation.create({"user_id": cls.recent_user.id})
        hours = cls.Confirmation._validity_hours()
        cls.env.cr.execute(
            "UPDATE auth_signup_confirmation SET create_date = %s WHERE id = %s",
            (fields.Datetime.now() - timedelta(hours=hours + 1), cls.stale.id),
        )
        cls.Confirmation.invalidate_model(["create_date"])

    def test_an_expired_signup_is_deleted_with_its_account_and_contact(self):
        partner = self.stale_user.partner_id
        self.Confirmation._gc_expired_signups()
        self.assertFalse(self.stale.exists())
        self.assertFalse(self.stale_user.exists())
        self.assertFalse(partner.exists())
        # The address is free again: someone can sign up with it.
        self.assertTrue(new_test_user(self.env, login="stale@example.com", groups="base.group_portal"))

    def test_a_recent_signup_and_a_confirmed_account_stay(self):
        self.Confirmation._gc_expired_signups()
        self.assertTrue(self.recent.exists() and self.recent_user.exists())
        self.assertTrue(self.confirmed_user.exists())

    def test_a_contact_used_elsewhere_stays_when_its_expired_account_goes(self):
        partner = self.stale_user.partner_id
        # Odoo refuses to delete a contact another record needs (an order, an invoice...).
        used = UserError("The operation cannot be completed: another model requires the record being deleted.")
        with patch.object(type(partner), "unlink", side_effect=used):
            self.Confirmation._gc_expired_signups()
        self.assertFalse(self.stale_user.exists())
        self.assertTrue(partner.exists())
