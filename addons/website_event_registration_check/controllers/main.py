import re

from werkzeug.exceptions import BadRequest

from odoo.exceptions import UserError
from odoo.http import request, route

from odoo.addons.website_event.controllers.main import WebsiteEventController

# Longer than any name, e-mail, phone or free-text answer a person types; Odoo's own fields have no limit.
MAX_ANSWER_LENGTH = 1000
# More than Odoo's registration modal offers in one go (its per-order ticket limits stay as they are).
MAX_ATTENDEES = 50
# Posted by the form for each attendee, cast to ids by Odoo: chosen by the visitor among the event's own.
ID_FIELDS = ("event_ticket_id", "event_slot_id")
# An id or a count as a form or a link carries it: ASCII digits only (int() would take "٣", and fail on "²"), below
# PostgreSQL's integer.
WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")
# The confirmation form of MAX_ATTENDEES attendees with every answer at its longest stays far below; a larger body is
# refused (413) before it is read.
CONFIRM_FORM_MAX_BODY = 1024 * 1024
# The event is the one in the URL and the attendee's partner the visitor's own (as Odoo sets it when none is
# posted): a posted value would let anyone register someone else's partner.
IGNORED_FIELDS = ("event_id", "partner_id")


class WebsiteEventRegistrationCheck(WebsiteEventController):
    """Odoo's registration routes trust their form: a malformed number, a question, answer or ticket of another
    event, or a closed event would raise a 500 or register what the page never offered. Check the form first and
    answer a clear 4xx (UserError); a form the page posts goes through to Odoo unchanged."""

    @route()
    def registration_new(self, event, **post):
        self._check_registrations_open(event)
        return super().registration_new(event, **post)

    @route(max_content_length=CONFIRM_FORM_MAX_BODY)
    def registration_confirm(self, event, **post):
        self._check_registrations_open(event)
        return super().registration_confirm(event, **post)

    @route()
    def registration_tickets(self, event, slot_id):
        self._check_slot(event, slot_id)
        return super().registration_tickets(event, slot_id)

    @route()
    def event_registration_success(self, event, registration_ids="", **kw):
        # Odoo searches the ids as given: a word or '٣' there is a 500 (and a missing parameter a TypeError).
        ids = registration_ids.split(",") if isinstance(registration_ids, str) else []
        if not ids or not all(WHOLE_NUMBER.fullmatch(raw) for raw in ids):
            raise BadRequest(request.env._("This registration link is not valid."))
        return super().event_registration_success(event, registration_ids)

    def _process_tickets_form(self, event, form_details):
        ticket_ids = set(event.sudo().event_ticket_ids.ids)
        for key, value in form_details.items():
            if key.startswith("nb_register-"):
                ticket_id = self._whole_number(key.removeprefix("nb_register-"))
                # 0 is the form's ticket of an event without tickets; Odoo fails on a ticket of another event.
                if ticket_id and ticket_id not in ticket_ids:
                    raise UserError(request.env._("This registration form does not belong to this event."))
                self._whole_number(value)
        if form_details.get("event_slot_id"):
            self._check_slot(event, self._whole_number(form_details["event_slot_id"]))
        return super()._process_tickets_form(event, form_details)

    def _process_attendees_form(self, event, form_details):
        event_sudo = event.sudo()
        questions = {question.id: question for question in event_sudo.question_ids}
        checked = {}
        for key, value in form_details.items():
            parts = key.split("-")
            if len(parts) == 2 and parts[1] in IGNORED_FIELDS:
                continue
            if not isinstance(value, str) or len(value) > MAX_ANSWER_LENGTH:
                raise UserError(request.env._("An answer of this registration form is too long."))
            if "\x00" in value:  # PostgreSQL refuses a NUL in a text, and nobody types one
                raise UserError(request.env._(
                    "This registration form is not valid: reload the page and fill it in again."
                ))
            if len(parts) == 2 and parts[1] in ID_FIELDS:
                self._whole_number(parts[0])
                if parts[1] == "event_ticket_id":
                    self._whole_number(value)
                elif value:
                    self._check_slot(event, self._whole_number(value))
            elif len(parts) == 3 and value:
                self._whole_number(parts[0])
                question = questions.get(self._whole_number(parts[2]))
                if not question or (
                    parts[1] == "simple_choice" and self._whole_number(value) not in question.answer_ids.ids
                ):
                    raise UserError(request.env._("This registration form does not belong to this event."))
            checked[key] = value
        registrations = super()._process_attendees_form(event, checked)
        if not registrations:
            raise UserError(request.env._("Fill in at least one attendee."))
        if len(registrations) > MAX_ATTENDEES:
            raise UserError(request.env._(
                "At most %(count)s attendees can be registered at once.", count=MAX_ATTENDEES,
            ))
        for registration in registrations:
            if event_sudo.event_ticket_ids and not registration.get("event_ticket_id"):
                raise UserError(request.env._("Choose a ticket for each attendee."))
            registration.setdefault("event_ticket_id", False)
        return registrations

    def _check_registrations_open(self, event):
        if not event.sudo().event_registrations_open:
            raise UserError(request.env._("Registrations for %(event)s are closed.", event=event.sudo().name))

    def _check_slot(self, event, slot_id):
        # A slot of another event, or one that does not exist, would fail in Odoo's seat count (a 500).
        if slot_id not in event.sudo().event_slot_ids.ids:
            raise UserError(request.env._("This registration form does not belong to this event."))

    @staticmethod
    def _whole_number(value):
        """The id or count a form field holds: ASCII digits only (``int`` would take ``٣``, and fail on ``²``), or a
        JSON number from the ticket modal."""
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**9:
            return value
        if not (isinstance(value, str) and WHOLE_NUMBER.fullmatch(value)):
            raise UserError(request.env._("This registration form is not valid: reload the page and fill it in again."))
        return int(value)
