from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class HelpdeskTicketAssign(models.TransientModel):
    _name = "helpdesk.ticket.assign"
    _description = "Assign care cases to a colleague"

    ticket_ids = fields.Many2many("helpdesk.ticket", string="Cases", required=True)
    team_ids = fields.Many2many("helpdesk.ticket.team", string="Teams", compute="_compute_team_ids")
    user_id = fields.Many2one(
        "res.users",
        string="Assign to",
        required=True,
        domain="team_ids and [('share', '=', False), ('helpdesk_team_ids', 'in', team_ids)] "
        "or [('share', '=', False)]",
    )

    @api.depends("ticket_ids")
    def _compute_team_ids(self):
        for wizard in self:
            wizard.team_ids = wizard.ticket_ids.team_id

    @api.model
    def default_get(self, fields):
        defaults = super().default_get(fields)
        context = self.env.context
        from_cases = context.get("active_model") == "helpdesk.ticket"
        if "ticket_ids" in fields and not defaults.get("ticket_ids") and from_cases:
            defaults["ticket_ids"] = [Command.set(context.get("active_ids") or [])]
        return defaults

    def action_assign(self):
        self.ensure_one()
        outsiders = self.ticket_ids.filtered(
            lambda ticket: ticket.team_id and self.user_id not in ticket.team_id.user_ids
        )
        if outsiders:
            raise UserError(self.env._(
                "%(user)s is not a member of the team of %(cases)s: pick a colleague of that team, or add them to "
                "the team first.",
                user=self.user_id.name,
                cases=", ".join(outsiders.mapped("display_name")),
            ))
        self.ticket_ids.user_id = self.user_id
        return {"type": "ir.actions.act_window_close"}
