from odoo import api, models
from odoo.exceptions import ValidationError


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    @api.constrains("user_id")
    def _check_user_id_is_staff(self):
        """Only staff take cases: a portal user could neither see the case in the back office nor answer it."""
        for ticket in self.filtered(lambda ticket: ticket.user_id.share):
            raise ValidationError(self.env._(
                "%(user)s is a portal user: case %(case)s can only be assigned to a member of staff.",
                user=ticket.user_id.name,
                case=ticket.display_name,
            ))

    @api.model_create_multi
    def create(self, vals_list):
        self._care_assign_arrivals(vals_list)
        tickets = super().create(vals_list)
        tickets._care_follow_customer()
        return tickets

    def write(self, vals):
        result = super().write(vals)
        if vals.get("partner_id"):
            self._care_follow_customer()
        return result

    @api.model
    def message_new(self, msg, custom_values=None):
        """A case e-mailed by someone unknown gets a contact, so that the answers reach them like any customer."""
        if not msg.get("author_id") and msg.get("email_from"):
            partner = self._partner_find_from_emails_single([msg["email_from"]], no_create=False)
            if partner:
                msg = dict(msg, author_id=partner.id)
        return super().message_new(msg, custom_values=custom_values)

    @api.model
    def _care_assign_arrivals(self, vals_list):
        """Give the cases arriving without an assignee to a member of their team, as the team's method says."""
        unassigned = {}
        for vals in vals_list:
            if vals.get("team_id") and not vals.get("user_id"):
                unassigned.setdefault(vals["team_id"], []).append(vals)
        for team in self.env["helpdesk.ticket.team"].sudo().browse(list(unassigned)):
            for vals, user in zip(unassigned[team.id], team._care_assignees(len(unassigned[team.id]))):
                if user:
                    vals["user_id"] = user.id

    def _care_follow_customer(self):
        """The customer follows their case, whoever opened it (portal, e-mail, staff): every answer posted on it
        is mailed to them, with a link to the case."""
        for partner, tickets in self.filtered("partner_id").grouped("partner_id").items():
            tickets.message_subscribe(partner_ids=partner.ids)
