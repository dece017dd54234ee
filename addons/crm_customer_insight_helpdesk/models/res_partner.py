from odoo import api, fields, models

# Staff only (a portal customer may read their own commercial partner): the care team, as the page showing them.
CARE_GROUP = "helpdesk_mgmt.group_helpdesk_user_own"


class ResPartner(models.Model):
    _inherit = "res.partner"

    insight_case_ids = fields.Many2many(
        "helpdesk.ticket", string="Care cases", compute="_compute_insight_cases",
        help="The customer's care cases, those of their company's contacts included, newest first.",
        groups=CARE_GROUP,
    )
    insight_open_case_count = fields.Integer(string="Open cases", compute="_compute_insight_cases", groups=CARE_GROUP)

    @api.depends("commercial_partner_id")
    def _compute_insight_cases(self):
        # Like the metrics, the cases belong to the commercial partner; one search for the whole batch, as the
        # user (the helpdesk's record rules decide which cases they see). A contact being created has none yet.
        commercial = self.commercial_partner_id._origin
        cases = self.env["helpdesk.ticket"].search(
            [("commercial_partner_id", "in", commercial.ids)], order="create_date desc, id desc",
        ) if commercial else self.env["helpdesk.ticket"]
        by_customer = cases.grouped("commercial_partner_id")
        for partner in self:
            own = by_customer.get(partner.commercial_partner_id._origin, cases.browse())
            partner.insight_case_ids = own
            partner.insight_open_case_count = len(own.filtered(lambda case: not case.closed))
