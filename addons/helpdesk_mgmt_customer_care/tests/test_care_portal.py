import base64

from odoo import Command, http
from odoo.tests import HttpCase, tagged

from .common import CareCaseCommon


@tagged("post_install", "-at_install")
class TestCarePortal(CareCaseCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._care_setup()
        cls.env.company.helpdesk_mgmt_portal_select_category = False

    def _submit(self, **form):
        data = {"subject": "Squeaky shoes", "description": "They squeak.", **form}
        data.setdefault("csrf_token", http.Request.csrf_token(self))
        return self.url_open("/submitted/ticket", data=data, allow_redirects=False)

    def _own_cases(self, user):
        return self.env["helpdesk.ticket"].search([("partner_id", "=", user.partner_id.id)])

    def test_the_form_offers_the_customers_own_orders_only(self):
        self.authenticate(self.customer.login, self.customer.login)
        page = self.url_open(f"/new/ticket?sale_order={self.order.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.order.name, page.text)
        self.assertNotIn(self.other_order.name, page.text)
        self.assertRegex(page.text, rf'<option value="{self.order.id}" selected')

    def test_a_case_about_an_own_order_is_linked_assigned_and_followed(self):
        self.authenticate(self.customer.login, self.customer.login)
        response = self._submit(sale_order=str(self.order.id))
        self.assertIn(response.status_code, (302, 303))
        case = self._own_cases(self.customer)
        self.assertEqual(case.sale_order_ids, self.order)
        self.assertEqual(case.team_id, self.team)
        self.assertEqual(case.user_id, self.agent_1)
        self.assertIn(self.customer.partner_id, case.message_partner_ids)
        self.assertIn(f"/my/ticket/{case.id}", response.headers["Location"])
        page = self.url_open(f"/my/ticket/{case.id}")
        self.assertIn(self.order.name, page.text)

    def test_another_customers_order_is_refused(self):
        self.authenticate(self.customer.login, self.customer.login)
        response = self._submit(sale_order=str(self.other_order.id))
        self.assertEqual(response.status_code, 400)
        self.assertIn("not one of yours", response.text)
        self.assertNotIn(self.other_order.name, response.text)
        self.assertFalse(self._own_cases(self.customer))

    def test_hostile_inputs_are_refused_with_a_reason_never_a_500(self):
        self.authenticate(self.customer.login, self.customer.login)
        for form, reason in [
            ({"sale_order": "٣"}, "from the lists"),
            ({"sale_order": "²"}, "from the lists"),
            ({"category": "1 OR 1=1"}, "from the lists"),
            ({"team": "-1"}, "from the lists"),
            ({"sale_order": "99999999999999999999"}, "from the lists"),
            ({"sale_order": "999999999"}, "not one of yours"),
            ({"subject": "   "}, "subject"),
            ({"subject": "x" * 201}, "too long"),
            ({"description": "x" * 100_000}, "too long"),
        ]:
            with self.subTest(form=form):
                response = self._submit(**form)
                self.assertEqual(response.status_code, 400)
                self.assertIn(reason, response.text)
        self.assertFalse(self._own_cases(self.customer))

    def test_control_characters_are_dropped_never_a_500(self):
        self.authenticate(self.customer.login, self.customer.login)
        with self.assertNoLogs("odoo", "WARNING"):
            response = self._submit(
                subject="Squeaky\x00 shoes\x07\tagain\r\n",
                description="They\x00 squeak\x1b.\r\nBoth\x0b\x7f\x9f of them.",
            )
            self.assertIn(response.status_code, (302, 303))
            case = self._own_cases(self.customer)
            self.assertEqual(case.name, "Squeaky shoes again")
            self.assertNotRegex(case.description, "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
            self.assertIn("They squeak.", case.description)
            self.assertIn("Both of them.", case.description)
            page = self.url_open("/new/ticket?subject=a%00b&description=c%00d&sale_order=%00")
            self.assertEqual(page.status_code, 200)
            self.assertNotIn("\x00", page.text)

    def test_only_control_characters_or_a_control_character_in_a_file_name_are_refused(self):
        self.authenticate(self.customer.login, self.customer.login)
        with self.assertNoLogs("odoo", "WARNING"):
            empty = self._submit(subject="\x00\x01", description="\x00")
            self.assertEqual(empty.status_code, 400)
            self.assertIn("subject", empty.text)
            # Built by hand: requests would escape the NUL of the file name.
            fields = {"subject": "Receipt", "description": "Attached.", "csrf_token": http.Request.csrf_token(self)}
            body = b"".join(
                f'--care\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
                for name, value in fields.items()
            ) + (
                b'--care\r\nContent-Disposition: form-data; name="attachment"; filename="rec\x00eipt.txt"\r\n'
                b"Content-Type: text/plain\r\n\r\nreceipt\r\n--care--\r\n"
            )
            upload = self.url_open(
                "/submitted/ticket", data=body, headers={"Content-Type": "multipart/form-data; boundary=care"},
                allow_redirects=False,
            )
            self.assertEqual(upload.status_code, 400)
            self.assertIn("file name", upload.text)
        self.assertFalse(self._own_cases(self.customer))

    def test_a_description_of_several_megabytes_is_refused_with_a_reason(self):
        self.authenticate(self.customer.login, self.customer.login)
        with self.assertNoLogs("odoo", "WARNING"):
            response = self._submit(description="x" * 5_000_000)
        self.assertEqual(response.status_code, 400)
        self.assertIn("too long", response.text)
        self.assertLess(len(response.content), 100_000, "the refusal does not send the huge text back")
        self.assertFalse(self._own_cases(self.customer))

    def test_a_script_in_the_case_is_shown_as_text(self):
        self.authenticate(self.customer.login, self.customer.login)
        script = "<script>alert('x')</script>"
        self._submit(subject=f"Help {script}", description=f"Body {script}")
        case = self._own_cases(self.customer)
        page = self.url_open(f"/my/ticket/{case.id}").text
        self.assertNotIn(script, page)
        self.assertIn("&lt;script&gt;", page)
        refused = self._submit(subject=script * 40).text
        self.assertNotIn(script, refused)

    def test_the_form_needs_the_csrf_token(self):
        self.authenticate(self.customer.login, self.customer.login)
        self.assertEqual(self._submit(csrf_token="forged").status_code, 400)
        self.assertFalse(self._own_cases(self.customer))

    def test_closing_with_a_stage_the_case_does_not_offer_is_not_found(self):
        case = self._case()
        other_team = self.env["helpdesk.ticket.team"].create(
            {"name": "Test Other Team", "alias_name": "care-test-other"},
        )
        other_teams_stage = self.env["helpdesk.ticket.stage"].create({
            "name": "Test Closed Elsewhere", "closed": True, "close_from_portal": True,
            "team_ids": [Command.set(other_team.ids)],
        })
        not_closing = self.env["helpdesk.ticket.stage"].create({"name": "Test Waiting", "close_from_portal": False})
        self.authenticate(self.customer.login, self.customer.login)
        with self.assertNoLogs("odoo", "WARNING"):
            for stage_id in (999_999_999, other_teams_stage.id, not_closing.id):
                with self.subTest(stage_id=stage_id):
                    data = {"ticket_id": str(case.id), "stage_id": str(stage_id)}
                    response = self.url_open(
                        "/ticket/close", data={**data, "csrf_token": http.Request.csrf_token(self)},
                        allow_redirects=False,
                    )
                    self.assertEqual(response.status_code, 404)
            self.assertEqual(self.url_open("/ticket/close", data={
                "ticket_id": "\x00", "stage_id": str(self.stage_done.id), "csrf_token": http.Request.csrf_token(self),
            }).status_code, 400)
        self.env.invalidate_all()
        self.assertEqual(case.stage_id, self.stage_new)

    def test_a_customer_sees_only_their_own_cases_and_attachments(self):
        case = self._case()
        attachment = self.env["ir.attachment"].create({
            "name": "receipt.txt", "datas": base64.b64encode(b"receipt"), "res_model": "helpdesk.ticket",
            "res_id": case.id,
        })
        self.authenticate(self.customer.login, self.customer.login)
        self.assertIn(case.number, self.url_open("/my/tickets").text)
        self.assertEqual(self.url_open(f"/my/ticket/{case.id}").status_code, 200)

        self.authenticate(self.other_customer.login, self.other_customer.login)
        self.assertNotIn(case.number, self.url_open("/my/tickets").text)
        other = self.url_open(f"/my/ticket/{case.id}", allow_redirects=False)
        self.assertIn(other.status_code, (302, 303))
        self.assertNotIn(f"/my/ticket/{case.id}", other.headers["Location"])
        self.assertIn(self.url_open(f"/web/content/{attachment.id}").status_code, (403, 404))
        self.assertIn(self.url_open(f"/my/ticket/{case.id}/forged-token", allow_redirects=False).status_code,
                      (302, 303))
        self.assertIn(self.url_open("/my/ticket/٣", allow_redirects=False).status_code, (301, 404))

    def test_closing_takes_a_post_of_the_customer_on_their_own_case(self):
        case = self._case()
        self.authenticate(self.other_customer.login, self.other_customer.login)
        data = {"ticket_id": str(case.id), "stage_id": str(self.stage_done.id)}
        forged = self.url_open("/ticket/close", data={**data, "csrf_token": http.Request.csrf_token(self)},
                               allow_redirects=False)
        self.assertEqual(forged.status_code, 404)
        self.assertEqual(
            self.url_open("/ticket/close", data={"ticket_id": "٣", "stage_id": "²",
                                                 "csrf_token": http.Request.csrf_token(self)}).status_code, 400)

        self.authenticate(self.customer.login, self.customer.login)
        query = f"/ticket/close?ticket_id={case.id}&stage_id={self.stage_done.id}"
        self.assertEqual(self.url_open(query, allow_redirects=False).status_code, 405, "a GET changes nothing")
        self.assertEqual(self.url_open("/ticket/close", data=data, allow_redirects=False).status_code, 400,
                         "no CSRF token")
        self.assertEqual(case.stage_id, self.stage_new)
        closed = self.url_open("/ticket/close", data={**data, "csrf_token": http.Request.csrf_token(self)},
                               allow_redirects=False)
        self.assertIn(closed.status_code, (302, 303))
        self.env.invalidate_all()
        self.assertEqual(case.stage_id, self.stage_done)
