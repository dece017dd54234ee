from datetime import timedelta

from odoo import fields, http
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

REFUSED = "odoo.exceptions.UserError"  # what a JSON-RPC route answers for a UserError (a 500 is any other)


@tagged("post_install", "-at_install")
class TestRegistration(HttpCase):
    """A logged-in customer registers for an event from the website and gets the confirmation mail and the calendar
    file; whatever else is posted to the registration routes is answered with a 4xx, never a 500."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        now = fields.Datetime.now()
        cls.customer = new_test_user(cls.env, login="event_customer", password="event_customer",
                                     groups="base.group_portal", name="Eve Runner", email="eve.runner@example.com")
        cls.event = cls._event("Riverside 10K Test", now + timedelta(days=10))
        cls.ticket = cls.event.event_ticket_ids
        cls.other_event = cls._event("Other Test Event", now + timedelta(days=20))
        cls.past_event = cls._event("Past Test Event", now - timedelta(days=10))
        cls.name_question, cls.email_question = (
            cls.event.question_ids.filtered(lambda question, kind=kind: question.question_type == kind)[:1]
            for kind in ("name", "email")
        )
        cls.choice_question = cls.env["event.question"].create({
            "title": "How did you hear of us?",
            "question_type": "simple_choice",
            "event_ids": [Command.link(cls.event.id)],
            "answer_ids": [Command.create({"name": "A friend"}), Command.create({"name": "The shop"})],
        })
        cls.other_choice_question = cls.env["event.question"].create({
            "title": "Your shoe size?",
            "question_type": "simple_choice",
            "event_ids": [Command.link(cls.other_event.id)],
            "answer_ids": [Command.create({"name": "42"})],
        })

    @classmethod
    def _event(cls, name, begin):
        return cls.env["event.event"].create({
            "name": name,
            "date_begin": begin,
            "date_end": begin + timedelta(hours=3),
            "date_tz": "UTC",
            "website_published": True,
            "seats_limited": True,
            "seats_max": 20,
            "event_ticket_ids": [Command.create({"name": "Runner"})],
        })

    def _slotted_event(self):
        """An event in one slot, 8:00 to 12:00 in 30 days."""
        day = fields.Datetime.now().replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=30)
        event = self._event("Slotted Test Event", day)
        event.write({"date_end": day + timedelta(hours=23), "is_multi_slots": True})
        self.env["event.slot"].create({"event_id": event.id, "date": day.date(), "start_hour": 8.0, "end_hour": 12.0})
        return event

    def _form(self, name="Eve Runner", email="eve.runner@example.com", **extra):
        return {
            f"1-name-{self.name_question.id}": name,
            f"1-email-{self.email_question.id}": email,
            "1-event_ticket_id": str(self.ticket.id),
            "csrf_token": http.Request.csrf_token(self),
            **extra,
        }

    def _confirm(self, event, data):
        return self.url_open(f"/event/{event.id}/registration/confirm", data=data, allow_redirects=False)

    def test_a_logged_in_customer_registers_and_gets_the_mail_and_the_calendar_file(self):
        self.authenticate("event_customer", "event_customer")
        response = self._confirm(self.event, self._form())
        self.assertEqual(response.status_code, 303, response.text[:500])
        self.assertIn("/registration/success", response.headers["Location"])
        registration = self.event.registration_ids
        self.assertEqual(len(registration), 1)
        self.assertEqual(registration.partner_id, self.customer.partner_id)
        self.assertEqual(registration.state, "open")
        self.assertEqual(registration.event_ticket_id, self.ticket)
        mail = self.env["mail.mail"].sudo().search(
            [("model", "=", "event.registration"), ("res_id", "=", registration.id)])
        self.assertTrue(mail, "the confirmation mail is queued")
        self.assertIn(self.event.name, mail[0].subject)
        self.assertIn("eve.runner@example.com", mail[0].email_to or mail[0].recipient_ids.email or "")
        success = self.url_open(response.headers["Location"])
        self.assertEqual(success.status_code, 200)
        self.assertIn(f"/event/{self.event.id}/ics", success.text)
        calendar = self.url_open(f"/event/{self.event.id}/ics")
        self.assertEqual(calendar.status_code, 200)
        self.assertIn(b"BEGIN:VCALENDAR", calendar.content)
        self.assertIn(self.event.name.encode(), calendar.content)

    def test_scripts_in_names_are_stored_as_text_and_shown_escaped(self):
        self.authenticate("event_customer", "event_customer")
        script = "<script>alert('x')</script>"
        response = self._confirm(self.event, self._form(name=script))
        self.assertEqual(response.status_code, 303, response.text[:500])
        self.assertEqual(self.event.registration_ids.name, script)
        success = self.url_open(response.headers["Location"])
        self.assertNotIn(script, success.text)

    def test_a_posted_partner_is_ignored(self):
        other = self.env["res.partner"].create({"name": "Someone Else"})
        self.authenticate("event_customer", "event_customer")
        response = self._confirm(self.event, self._form(**{"1-partner_id": str(other.id)}))
        self.assertEqual(response.status_code, 303, response.text[:500])
        self.assertEqual(self.event.registration_ids.partner_id, self.customer.partner_id)

    def test_a_past_event_refuses_registrations(self):
        self.authenticate("event_customer", "event_customer")
        # The default questions (name, e-mail) are shared by every event.
        form = self._form(**{"1-event_ticket_id": str(self.past_event.event_ticket_ids.id)})
        response = self._confirm(self.past_event, form)
        self.assertEqual(response.status_code, 422)
        self.assertIn("closed", response.text)
        self.assertFalse(self.past_event.registration_ids)

    def test_hostile_forms_get_a_4xx_and_register_nobody(self):
        self.authenticate("event_customer", "event_customer")
        other_ticket = self.other_event.event_ticket_ids
        other_question = self.other_choice_question
        choice = f"1-simple_choice-{self.choice_question.id}"
        hostile = {
            "ticket of another event": {"1-event_ticket_id": str(other_ticket.id)},
            "ticket that does not exist": {"1-event_ticket_id": "999999999"},
            "ticket not a number": {"1-event_ticket_id": "abc"},
            "ticket in unicode digits": {"1-event_ticket_id": "٣"},
            "ticket as a superscript": {"1-event_ticket_id": "²"},
            "no ticket": {"1-event_ticket_id": ""},
            "slot not a number": {"1-event_slot_id": "x"},
            "question of another event": {f"1-simple_choice-{other_question.id}": str(other_question.answer_ids.id)},
            "question that does not exist": {"1-text_box-999999999": "hello"},
            "question id not a number": {"1-text_box-abc": "hello"},
            "answer of another question": {choice: str(other_question.answer_ids.id)},
            "answer not a number": {choice: "<script>"},
            "attendee index not a number": {"x-event_ticket_id": str(self.ticket.id)},
            "long name": {f"1-name-{self.name_question.id}": "A" * 5000},
            "huge body": {f"1-name-{self.name_question.id}": "A" * 1_000_000},
        }
        for what, fields_ in hostile.items():
            with self.subTest(what):
                response = self._confirm(self.event, self._form(**fields_))
                self.assertTrue(400 <= response.status_code < 500, f"{what}: {response.status_code}")
        attendees = {f"{index}-name-{self.name_question.id}": "Eve" for index in range(1, 60)}
        attendees.update({f"{index}-event_ticket_id": str(self.ticket.id) for index in range(1, 60)})
        self.assertEqual(self._confirm(self.event, self._form(**attendees)).status_code, 422, "too many at once")
        self.assertFalse(self.event.registration_ids)

    def test_a_nul_in_an_answer_is_refused_and_registers_nobody(self):
        # PostgreSQL refuses a NUL in a text: the registration's INSERT failed with a 500.
        self.authenticate("event_customer", "event_customer")
        for field in (f"1-name-{self.name_question.id}", f"1-email-{self.email_question.id}"):
            with self.subTest(field=field):
                response = self._confirm(self.event, self._form(**{field: "Eve\x00Runner"}))
                self.assertEqual(response.status_code, 422)
        self.assertFalse(self.event.registration_ids)

    def test_the_ticket_step_refuses_malformed_counts(self):
        self.authenticate("event_customer", "event_customer")
        for post in ({f"nb_register-{self.ticket.id}": "²"}, {"nb_register-abc": "1"},
                     {f"nb_register-{self.ticket.id}": "1", "event_slot_id": "x"}):
            with self.subTest(post=post):
                with self.assertRaises(JsonRpcException) as caught:
                    self.make_jsonrpc_request(f"/event/{self.event.id}/registration/new", post)
                self.assertIn(REFUSED, str(caught.exception))
        page = self.make_jsonrpc_request(f"/event/{self.event.id}/registration/new",
                                         {f"nb_register-{self.ticket.id}": "1"})
        self.assertIn("1-event_ticket_id", page)

    def test_the_ticket_step_of_a_past_event_is_refused(self):
        with self.assertRaises(JsonRpcException) as caught:
            self.make_jsonrpc_request(f"/event/{self.past_event.id}/registration/new",
                                      {f"nb_register-{self.past_event.event_ticket_ids.id}": "1"})
        self.assertIn(REFUSED, str(caught.exception))

    def test_a_registration_without_csrf_token_is_refused(self):
        for user in ("event_customer", None):
            with self.subTest(user=user):
                self.authenticate(user, user)
                form = self._form()
                del form["csrf_token"]
                with mute_logger("odoo.http"):
                    missing = self._confirm(self.event, form)
                    forged = self._confirm(self.event, {**form, "csrf_token": "0" * 40 + "o9999999999"})
                self.assertEqual(missing.status_code, 400)
                self.assertEqual(forged.status_code, 400)
        self.assertFalse(self.event.registration_ids)

    def test_hostile_numbers_and_foreign_ids_on_the_confirmation_are_refused(self):
        self.authenticate("event_customer", "event_customer")
        other_slot = self._slotted_event().event_slot_ids
        hostile = {
            "ticket in full-width digits": {"1-event_ticket_id": "\uff13"},
            "ticket in arabic-indic digits": {"1-event_ticket_id": "\u0663\u0664"},
            "attendee index in unicode digits": {"\u0663-event_ticket_id": str(self.ticket.id)},
            "question id in unicode digits": {"1-text_box-\u0663": "hello"},
            "slot in unicode digits": {"1-event_slot_id": "\u0663"},
            "slot of another event": {"1-event_slot_id": str(other_slot.id)},
            "slot that does not exist": {"1-event_slot_id": "999999999"},
            "ticket beyond postgres integers": {"1-event_ticket_id": "99999999999"},
            "negative ticket": {"1-event_ticket_id": "-1"},
        }
        for what, fields_ in hostile.items():
            with self.subTest(what):
                response = self._confirm(self.event, self._form(**fields_))
                self.assertTrue(400 <= response.status_code < 500, f"{what}: {response.status_code}")
        self.assertFalse(self.event.registration_ids)

    def test_a_script_in_a_text_answer_is_stored_as_text_and_shown_escaped(self):
        self.authenticate("event_customer", "event_customer")
        script = "<script>alert('x')</script>"
        text_question = self.env["event.question"].create({
            "title": "Anything to add?", "question_type": "text_box", "event_ids": [Command.link(self.event.id)],
        })
        response = self._confirm(self.event, self._form(**{f"1-text_box-{text_question.id}": script}))
        self.assertEqual(response.status_code, 303, response.text[:500])
        answers = self.event.registration_ids.registration_answer_ids
        self.assertEqual(answers.filtered(lambda answer: answer.question_id == text_question).value_text_box, script)
        self.assertNotIn(script, self.url_open(response.headers["Location"]).text)

    def test_a_huge_body_is_refused_before_it_is_read(self):
        self.authenticate("event_customer", "event_customer")
        padding = {f"1-text_box-{index}": "A" * 900 for index in range(3000)}  # 3 MB in small fields
        response = self._confirm(self.event, self._form(**padding))
        self.assertEqual(response.status_code, 413)
        many_fields = {f"{index}-phone": "1" for index in range(20_000)}
        self.assertTrue(400 <= self._confirm(self.event, self._form(**many_fields)).status_code < 500)
        self.assertFalse(self.event.registration_ids)

    def test_the_ticket_step_refuses_hostile_numbers_and_foreign_tickets(self):
        self.authenticate("event_customer", "event_customer")
        other_ticket = self.other_event.event_ticket_ids
        for what, post in {
            "quantity in arabic-indic digits": {f"nb_register-{self.ticket.id}": "\u0663"},
            "quantity in full-width digits": {f"nb_register-{self.ticket.id}": "\uff13"},
            "ticket id in unicode digits": {"nb_register-\u0663": "1"},
            "negative quantity": {f"nb_register-{self.ticket.id}": "-1"},
            "quantity beyond postgres integers": {f"nb_register-{self.ticket.id}": "99999999999"},
            "ticket of another event": {f"nb_register-{other_ticket.id}": "1"},
            "ticket that does not exist": {"nb_register-999999999": "1"},
            "slot that does not exist": {f"nb_register-{self.ticket.id}": "1", "event_slot_id": "999999999"},
            "slot in unicode digits": {f"nb_register-{self.ticket.id}": "1", "event_slot_id": "\u0663"},
            "script as a quantity": {f"nb_register-{self.ticket.id}": "<script>alert(1)</script>"},
        }.items():
            with self.subTest(what):
                with self.assertRaises(JsonRpcException) as caught:
                    self.make_jsonrpc_request(f"/event/{self.event.id}/registration/new", post)
                self.assertIn(REFUSED, str(caught.exception))

    def test_the_slot_step_refuses_a_slot_of_another_event(self):
        slotted = self._slotted_event()
        slot = slotted.event_slot_ids
        page = self.make_jsonrpc_request(f"/event/{slotted.id}/registration/slot/{slot.id}/tickets", {})
        self.assertIn(slotted.event_ticket_ids.name, page)
        for slot_id in (slot.id, 999999999):
            with self.subTest(slot_id=slot_id):
                with self.assertRaises(JsonRpcException) as caught:
                    self.make_jsonrpc_request(f"/event/{self.event.id}/registration/slot/{slot_id}/tickets", {})
                self.assertIn(REFUSED, str(caught.exception))

    def test_the_success_page_answers_hostile_ids_with_a_4xx(self):
        self.authenticate("event_customer", "event_customer")
        response = self._confirm(self.event, self._form())
        self.assertEqual(response.status_code, 303, response.text[:500])
        for raw in ("abc", "\u0663", "\u00b2", "9" * 30, "1,,2", "<script>", ""):
            with self.subTest(registration_ids=raw):
                page = self.url_open(f"/event/{self.event.id}/registration/success",
                                     params={"registration_ids": raw})
                self.assertTrue(400 <= page.status_code < 500, f"{raw!r}: {page.status_code}")
        missing = self.url_open(f"/event/{self.event.id}/registration/success")
        self.assertTrue(400 <= missing.status_code < 500, missing.status_code)
