from odoo.tests import tagged

from odoo.addons.mail.tests.common import MailCommon

from .common import CareCaseCommon

INCOMING = """Return-Path: <{email_from}>
To: {to}
From: {email_from}
Message-ID: {msg_id}
Subject: {subject}
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Hello, the sole of my new trail runners came off after a week.
"""


@tagged("post_install", "-at_install")
class TestCaseMail(CareCaseCommon, MailCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._care_setup()

    def _email_in(self, email_from, subject):
        message = INCOMING.format(
            email_from=email_from, to=f"care-test@{self.alias_domain}", subject=subject,
            msg_id=f"<{subject.replace(' ', '-')}@example.com>",
        )
        case_id = self.env["mail.thread"].sudo().message_process(None, message)
        return self.env["helpdesk.ticket"].browse(case_id)

    def test_an_email_to_the_team_alias_opens_an_assigned_case_the_customer_follows(self):
        case = self._email_in("Cam Customer <cam.customer@example.com>", "Sole came off")
        self.assertEqual(case.team_id, self.team)
        self.assertEqual(case.name, "Sole came off")
        self.assertEqual(case.partner_id, self.customer.partner_id)
        self.assertEqual(case.user_id, self.agent_1)
        self.assertIn(self.customer.partner_id, case.message_partner_ids)

    def test_an_email_from_someone_unknown_gives_them_a_contact_that_follows(self):
        case = self._email_in("Eve Newcomer <eve.newcomer@example.com>", "Where is my parcel")
        self.assertEqual(case.partner_id.email, "eve.newcomer@example.com")
        self.assertIn(case.partner_id, case.message_partner_ids)

    def test_a_case_opened_by_staff_is_followed_by_the_customer(self):
        case = self._case()
        self.assertIn(self.customer.partner_id, case.message_partner_ids)
        case.partner_id = self.other_customer.partner_id
        self.assertIn(self.other_customer.partner_id, case.message_partner_ids)

    def test_a_staff_answer_mails_the_customer(self):
        case = self._case()
        with self.mock_mail_gateway():
            case.with_user(self.agent_1).message_post(
                body="A new pair is on its way.", message_type="comment", subtype_xmlid="mail.mt_comment",
            )
        self.assertSentEmail(self.agent_1.partner_id, [self.customer.partner_id], body_content="A new pair")

    def test_an_internal_note_is_not_mailed_to_the_customer(self):
        case = self._case()
        with self.mock_mail_gateway():
            case.with_user(self.agent_1).message_post(
                body="Check the batch.", message_type="comment", subtype_xmlid="mail.mt_note",
            )
        self.assertNotSentEmail([self.customer.partner_id])

    def test_closing_a_case_asks_the_customer_for_a_rating(self):
        case = self._case()
        with self.mock_mail_gateway():
            case.with_user(self.agent_1).stage_id = self.stage_done
        rating = case.rating_ids
        self.assertEqual(rating.partner_id, self.customer.partner_id)
        self.assertFalse(rating.consumed)
        self.assertSentEmail(
            self.agent_1.partner_id, [self.customer.partner_id], body_content=f"/rate/{rating.access_token}/5",
        )
