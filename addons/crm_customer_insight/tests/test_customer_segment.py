from unittest.mock import patch

from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Domain
from odoo.tests import tagged

from .common_segments import TODAY, SegmentsCase


@tagged("post_install", "-at_install")
class TestCustomerSegment(SegmentsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        vip = {"customer_status": "vip"}
        cls.consenting = cls._customer("Vera", TODAY, 3, 900.0, insight_marketing_consent=True, **vip)
        cls.silent = cls._customer("Sam", TODAY, 2, 500.0, **vip)
        cls.blacklisted = cls._customer("Bob", TODAY, 2, 500.0, insight_marketing_consent=True, **vip)
        cls.env["mail.blacklist"].create({"email": cls.blacklisted.email})
        cls.regular = cls._customer("Rui", TODAY, 1, 50.0, insight_marketing_consent=True)
        cls.segment = cls.env["crm.customer.segment"].create(
            {"name": "Our VIPs", "kind": "attribute", "domain": "[('customer_status', '=', 'vip')]"}
        )

    def test_the_segment_counts_its_customers_live(self):
        self.assertEqual(self.segment.customer_count, 3)
        self.regular.customer_status = "vip"
        self.segment.invalidate_recordset(["customer_count"])
        self.assertEqual(self.segment.customer_count, 4)

    def test_opening_the_segment_lists_its_customers(self):
        action = self.segment.action_open_customers()
        self.assertEqual(
            self.env["res.partner"].search(action["domain"]), self.consenting | self.silent | self.blacklisted
        )

    def test_a_mailing_reaches_only_consenting_customers_off_the_blacklist(self):
        action = self.segment.with_user(self.manager).action_create_mailing()
        mailing = self.env["mailing.mailing"].browse(action["res_id"])
        self.assertEqual(mailing.mailing_model_real, "res.partner")
        self.assertEqual(mailing.subject, "Our VIPs")
        self.assertEqual(mailing._get_recipients(), self.consenting.ids)

    def test_the_mailing_audience_stays_dynamic(self):
        mailing = self.env["mailing.mailing"].browse(self.segment.action_create_mailing()["res_id"])
        self.silent.insight_marketing_consent = True
        self.assertEqual(sorted(mailing._get_recipients()), sorted((self.consenting | self.silent).ids))

    def test_an_invalid_domain_is_refused_with_a_message(self):
        with self.assertRaisesRegex(ValidationError, "not a valid filter"):
            self.segment.domain = "[('no_such_field', '=', 1)]"
        with self.assertRaisesRegex(ValidationError, "not a valid filter"):
            self.segment.domain = "[('name', '=', __import__('os').getcwd())]"

    def test_a_domain_too_deep_to_parse_is_refused_with_a_message(self):
        # Python's parser gives up on these with RecursionError / MemoryError, not SyntaxError: still the user's input.
        for hostile in ("[('id', '=', " + "+" * 3000 + "1)]", "[('id', '=', " + "-" * 100000 + "1)]"):
            with self.assertRaisesRegex(ValidationError, "not a valid filter"):
                self.segment.domain = hostile

    def test_the_mailing_audience_is_the_privacy_parts_marketing_audience(self):
        # One definition of who may receive marketing mails (res.partner._insight_marketing_domain): a change there
        # (e.g. a new opt-out) reaches the segments' mailings too.
        partners = type(self.env["res.partner"])
        with patch.object(partners, "_insight_marketing_domain", lambda self: Domain("name", "=", "Sam")):
            mailing = self.env["mailing.mailing"].browse(self.segment.action_create_mailing()["res_id"])
            self.assertEqual(mailing._get_recipients(), self.silent.ids)

    def test_segments_are_searched_by_name_and_kind(self):
        segments = self.env["crm.customer.segment"]
        self.assertEqual(segments.search([("name", "ilike", "vips")]), self.segment)
        self.assertIn(self.segment, segments.search([("kind", "=", "attribute")]))
        self.assertNotIn(self.segment, segments.search([("kind", "=", "geography")]))

    def test_default_segments_are_valid_and_count(self):
        champions = self.env.ref("crm_customer_insight.crm_customer_segment_champions")
        self.consenting.insight_segment = "champions"
        self.assertEqual(champions.customer_count, 1)
        for segment in self.env["crm.customer.segment"].search([]):
            segment._customer_domain()

    def test_managers_edit_segments_agents_and_readers_only_read_them(self):
        self.segment.with_user(self.manager).name = "VIP customers"
        for user in (self.agent, self.readonly):
            self.assertEqual(self.segment.with_user(user).customer_count >= 0, True)
            with self.assertRaises(AccessError):
                self.segment.with_user(user).name = "Renamed"
            with self.assertRaises(AccessError):
                self.env["crm.customer.segment"].with_user(user).create({"name": "Mine", "domain": "[]"})

    def test_portal_users_are_refused(self):
        with self.assertRaises(AccessError):
            self.segment.with_user(self.portal).read(["name"])
