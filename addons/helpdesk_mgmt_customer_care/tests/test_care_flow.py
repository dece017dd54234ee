from odoo import http
from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import MockEmail

from .common import CareCaseCommon


@tagged("post_install", "-at_install")
class TestCareFlow(CareCaseCommon, MockEmail, HttpCase):
    """A case from its opening by the customer on the portal to their rating."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._care_setup()
        cls.team.assign_method = "balanced"
        cls.env["helpdesk.ticket"].create({  # agent 1 is busy: the new case goes to agent 2
            "name": "Older case", "description": "<p>?</p>", "team_id": cls.team.id, "user_id": cls.agent_1.id,
        })

    def test_portal_case_assigned_answered_closed_and_rated(self):
        self.authenticate(self.customer.login, self.customer.login)
        response = self.url_open("/submitted/ticket", data={
            "subject": "Wrong size delivered",
            "description": "I ordered 42 and got 44.",
            "sale_order": str(self.order.id),
            "csrf_token": http.Request.csrf_token(self),
        }, allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        case = self.env["helpdesk.ticket"].search([("partner_id", "=", self.customer.partner_id.id)])
        self.assertEqual(case.user_id, self.agent_2, "the member with the fewest open cases")
        self.assertEqual(case.sale_order_ids, self.order)

        with self.mock_mail_gateway():
            case.with_user(self.agent_2).message_post(
                body="Sorry! A pair in 42 leaves today.", message_type="comment", subtype_xmlid="mail.mt_comment",
            )
        self.assertSentEmail(self.agent_2.partner_id, [self.customer.partner_id], body_content="A pair in 42")

        with self.mock_mail_gateway():
            case.with_user(self.agent_2).stage_id = self.stage_done
        rating = case.rating_ids
        self.assertSentEmail(self.agent_2.partner_id, [self.customer.partner_id],
                             body_content=f"/rate/{rating.access_token}/5")

        self.authenticate(None, None)
        self.assertEqual(self.url_open(f"/rate/{rating.access_token}/5").status_code, 200)
        submitted = self.url_open(f"/rate/{rating.access_token}/submit_feedback", data={
            "rate": "5", "feedback": "Quick and kind.", "csrf_token": http.Request.csrf_token(self),
        })
        self.assertEqual(submitted.status_code, 200)
        self.env.invalidate_all()
        self.assertEqual(rating.rating, 5)
        self.assertEqual(case.positive_rate_percentage, 100)
        self.assertIn(self.customer.partner_id, case.message_partner_ids)
