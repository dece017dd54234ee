import re

from werkzeug.exceptions import BadRequest, NotFound

from odoo import Command, http
from odoo.http import request

from odoo.addons.helpdesk_mgmt.controllers.main import HelpdeskTicketController

# Only ASCII digits: int() would also read "²" or "٣" as a number.
RECORD_ID = re.compile(r"[0-9]{1,9}")
# Control characters (C0, DEL, C1): PostgreSQL refuses a NUL in a text, and the others only garble a case.
CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Those a description keeps: its tabs and line breaks.
DESCRIPTION_DROPPED_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
SUBJECT_MAX = 200
DESCRIPTION_MAX = 20_000
ATTACHMENTS_MAX = 10
# The customer chooses among their latest orders; an older one is linked by staff.
ORDERS_SHOWN = 30


def _record_id(value):
    """The id in a form value, 0 when empty, None when it is not a plain number."""
    value = (value or "").strip()
    if not value:
        return 0
    return int(value) if RECORD_ID.fullmatch(value) else None


def _clean_text(kw):
    """The form values with the control characters of the subject and description dropped, as invisible as they
    are unwanted: a subject's tabs and line breaks become spaces, a description keeps them."""
    subject = CONTROL_CHARS.sub("", re.sub(r"[\t\r\n]", " ", kw.get("subject") or ""))
    description = DESCRIPTION_DROPPED_CHARS.sub("", kw.get("description") or "")
    return {**kw, "subject": subject.strip(), "description": description.strip()}


class CareCaseController(HelpdeskTicketController):
    """The portal case form of helpdesk_mgmt, about one of the customer's own orders, with its inputs checked (a
    refusal re-renders the form with the reason, HTTP 400); closing a case takes a POST with a CSRF token and only
    for the customer's own cases."""

    def _care_orders(self):
        """The customer's confirmed orders, newest first (read as the customer: the portal rules apply too)."""
        partner = request.env.user.partner_id.commercial_partner_id
        return request.env["sale.order"].search(
            [("partner_id", "child_of", partner.id), ("state", "=", "sale")], order="date_order desc, id desc",
            limit=ORDERS_SHOWN,
        )

    def _care_order(self, order_id):
        partner = request.env.user.partner_id.commercial_partner_id
        return request.env["sale.order"].search(
            [("id", "=", order_id), ("partner_id", "child_of", partner.id), ("state", "=", "sale")],
        )

    def _get_create_new_ticket_values(self, **kw):
        values = super()._get_create_new_ticket_values(**kw)
        typed = _clean_text(kw)
        values.update(
            care_orders=self._care_orders(),
            care_order_id=_record_id(kw.get("sale_order")) or 0,
            # What was typed, shown again after a refusal; no more than the form takes.
            care_subject=typed["subject"][:SUBJECT_MAX],
            care_description=typed["description"][:DESCRIPTION_MAX],
        )
        return values

    def _care_form_error(self, kw):
        """Why the posted case form is refused, or None."""
        env = request.env
        subject, description = (kw.get("subject") or "").strip(), (kw.get("description") or "").strip()
        if not subject or not description:
            return env._("Please give your case a subject and describe it.")
        if len(subject) > SUBJECT_MAX:
            return env._("The subject is too long: %(max)s characters at most.", max=SUBJECT_MAX)
        if len(description) > DESCRIPTION_MAX:
            return env._("The description is too long: %(max)s characters at most.", max=DESCRIPTION_MAX)
        ids = {name: _record_id(kw.get(name)) for name in ("sale_order", "category", "team")}
        if None in ids.values():
            return env._("Please choose the order, category and team from the lists.")
        if ids["sale_order"] and not self._care_order(ids["sale_order"]):
            return env._("This order is not one of yours: choose one of your orders from the list.")
        if ids["category"] and ids["category"] not in self._get_categories().ids:
            return env._("Please choose the category from the list.")
        files = [upload for upload in request.httprequest.files.getlist("attachment") if upload.filename]
        if len(files) > ATTACHMENTS_MAX:
            return env._("Attach %(max)s files at most.", max=ATTACHMENTS_MAX)
        if any(CONTROL_CHARS.search(upload.filename) for upload in files):
            return env._("A file name holds control characters: please rename the file and attach it again.")
        return None

    @http.route()
    def submit_ticket(self, **kw):
        kw = _clean_text(kw)
        error = self._care_form_error(kw)
        if error:
            values = self._get_create_new_ticket_values(**kw)
            values["care_error"] = error
            return request.render("helpdesk_mgmt.portal_create_ticket", values, status=400)
        return super().submit_ticket(**kw)

    def _prepare_submit_ticket_vals(self, **kw):
        vals = super()._prepare_submit_ticket_vals(**kw)
        order_id = _record_id(kw.get("sale_order"))  # checked by _care_form_error before
        order = self._care_order(order_id) if order_id else None
        if order:
            vals["sale_order_ids"] = [Command.set(order.ids)]
        if not vals.get("team_id"):
            # Without a team choice on the form, the case goes to the first care team shown on the portal, whose
            # members then take it (see the team's assignment method).
            team = request.env["helpdesk.ticket.team"].sudo().search(
                [("show_in_portal", "=", True), ("company_id", "in", [vals["company_id"], False])], limit=1,
            )
            if team:
                vals.update(team_id=team.id, stage_id=team._get_applicable_stages()[:1].id)
        return vals

    @http.route("/ticket/close", type="http", auth="user", methods=["POST"], csrf=True)
    def support_ticket_close(self, **kw):
        ticket_id, stage_id = _record_id(kw.get("ticket_id")), _record_id(kw.get("stage_id"))
        if not ticket_id or not stage_id:
            raise BadRequest(request.env._("Which case and which stage?"))
        # Searched as the customer: the record rules leave them only their own cases.
        ticket = request.env["helpdesk.ticket"].search([("id", "=", ticket_id)])
        # Only a stage the case page offers as a close button: helpdesk_mgmt reads any id it is given (a missing
        # one is a logged error) and would take a closing stage of another team.
        if not ticket or stage_id not in self._care_closing_stages(ticket.sudo()).ids:
            raise NotFound()
        return super().support_ticket_close(ticket_id=str(ticket_id), stage_id=str(stage_id))

    def _care_closing_stages(self, ticket):
        """The stages the portal page of ``ticket`` offers to close it with (helpdesk_mgmt's close buttons): its
        team's stages, or those of no team in the case's company (helpdesk_mgmt's own rule for an empty team)."""
        stages = ticket.team_id.with_company(ticket.company_id)._get_applicable_stages()
        return stages.filtered("close_from_portal")
