from odoo import fields, models

from ..lib import assignment


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    assign_method = fields.Selection(
        [
            ("manual", "Manually"),
            (assignment.ROUND_ROBIN, "Each member in turn"),
            (assignment.BALANCED, "Member with the fewest open cases"),
        ],
        string="Assign new cases",
        default="manual",
        required=True,
        help="Who takes a case that arrives without an assignee (from the portal, by e-mail or created by staff): "
        "nobody until someone assigns it, the members in turn, or the member with the fewest open cases (in all "
        "teams; equals take turns).",
    )

    def _care_assignees(self, count):
        """The users who take the next ``count`` unassigned cases of this team (empty users when nobody can)."""
        self.ensure_one()
        members = self.user_ids.filtered(lambda user: not user.share)
        Users = self.env["res.users"]
        if self.assign_method == "manual" or not members:
            return [Users] * count
        Ticket = self.env["helpdesk.ticket"].sudo()
        # The turn is read from the cases themselves (the team's last assigned case), so there is no counter to
        # keep in step; two cases arriving at the same instant may go to the same member, which is harmless.
        last = Ticket.search(
            [("team_id", "=", self.id), ("user_id", "!=", False)], order="assigned_date desc, id desc", limit=1,
        ).user_id
        open_counts = {}
        if self.assign_method == assignment.BALANCED:
            open_counts = {
                user.id: count
                for user, count in Ticket._read_group(
                    [("user_id", "in", members.ids), ("stage_id.closed", "=", False)], ["user_id"], ["__count"],
                )
            }
        chosen = assignment.assignees(self.assign_method, members.ids, open_counts, last.id or None, count)
        return [Users.browse(user_id) for user_id in chosen]
