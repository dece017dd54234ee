from freezegun import freeze_time

from odoo.fields import Domain
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestMarketingConsent(TransactionCase):
    def test_consent_date_is_set_when_given_kept_on_save_and_cleared_when_withdrawn(self):
        with freeze_time("2026-04-01 09:00:00"):
            partner = self.env["res.partner"].create({"name": "Chi", "insight_marketing_consent": True})
        self.assertEqual(str(partner.insight_marketing_consent_date), "2026-04-01 09:00:00")
        with freeze_time("2026-05-01 09:00:00"):
            partner.write({"insight_marketing_consent": True, "city": "Huế"})
        self.assertEqual(str(partner.insight_marketing_consent_date), "2026-04-01 09:00:00")
        partner.insight_marketing_consent = False
        self.assertFalse(partner.insight_marketing_consent_date)
        with freeze_time("2026-06-01 09:00:00"):
            (partner | self.env["res.partner"].create({"name": "Dung", "insight_marketing_consent": True})).write(
                {"insight_marketing_consent": True}
            )
        self.assertEqual(str(partner.insight_marketing_consent_date), "2026-06-01 09:00:00")

    def test_consent_changes_are_tracked_in_the_chatter(self):
        partner = self.env["res.partner"].create({"name": "Em"})
        self._flush_tracking()  # a record is tracked from its first change after its creation
        partner.insight_marketing_consent = True
        self._flush_tracking()
        partner.invalidate_recordset(["message_ids"])
        tracked = partner.message_ids.tracking_value_ids.field_id.mapped("name")
        self.assertIn("insight_marketing_consent", tracked)
        self.assertIn("insight_marketing_consent_date", tracked)

    def _flush_tracking(self):
        # Tracking values are written when the transaction commits (as mail's own tests do).
        self.env.flush_all()
        self.cr.flush()

    def test_marketing_audience_keeps_consenting_customers_off_the_blacklist(self):
        yes = self.env["res.partner"].create(
            {"name": "Yes", "email": "yes@consent.example", "insight_marketing_consent": True}
        )
        blacklisted = self.env["res.partner"].create(
            {"name": "Blocked", "email": "no@consent.example", "insight_marketing_consent": True}
        )
        self.env["res.partner"].create({"name": "Silent", "email": "silent@consent.example"})
        self.env["mail.blacklist"]._add("no@consent.example")
        audience = self.env["res.partner"].search(
            self.env["res.partner"]._insight_marketing_domain() & Domain("email", "ilike", "consent.example")
        )
        self.assertEqual(audience, yes)
        self.assertNotIn(blacklisted, audience)
