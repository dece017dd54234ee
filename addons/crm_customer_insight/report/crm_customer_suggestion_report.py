from odoo import fields, models, tools
from odoo.tools import SQL


class CrmCustomerSuggestionReport(models.Model):
    """What suggestions achieved, one row per suggestion, to group by kind: opportunities created, won, and the
    revenue of the won ones (their confirmed quotations through sale_crm, in the reporting currency)."""

    _name = "crm.customer.suggestion.report"
    _description = "Sales Suggestion Results"
    _auto = False
    _order = "date desc, id desc"

    suggestion_id = fields.Many2one("crm.customer.suggestion", readonly=True)
    date = fields.Date(string="Suggested on", readonly=True)
    kind = fields.Selection(selection="_selection_kind", readonly=True)
    state = fields.Selection(selection="_selection_state", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    lead_id = fields.Many2one("crm.lead", string="Opportunity", readonly=True)
    suggestion_count = fields.Integer(string="Suggestions", readonly=True, aggregator="sum")
    dismissed_count = fields.Integer(string="Dismissed", readonly=True, aggregator="sum")
    opportunity_count = fields.Integer(string="Opportunities created", readonly=True, aggregator="sum")
    won_count = fields.Integer(string="Opportunities won", readonly=True, aggregator="sum")
    won_revenue = fields.Float(
        string="Revenue won",
        readonly=True,
        aggregator="sum",
        digits=(16, 2),
        help="Confirmed orders of the won opportunities, in the CRM reporting currency.",
    )

    def _selection_kind(self):
        return self.env["crm.customer.suggestion"]._fields["kind"].selection

    def _selection_state(self):
        return self.env["crm.customer.suggestion"]._fields["state"].selection

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %s AS (
                SELECT suggestion.id,
                       suggestion.id AS suggestion_id,
                       suggestion.create_date::date AS date,
                       suggestion.kind,
                       suggestion.state,
                       suggestion.partner_id,
                       suggestion.user_id,
                       suggestion.lead_id,
                       1 AS suggestion_count,
                       (suggestion.state = 'dismissed')::int AS dismissed_count,
                       (suggestion.lead_id IS NOT NULL)::int AS opportunity_count,
                       (COALESCE(lead.won_status, '') = 'won')::int AS won_count,
                       CASE WHEN lead.won_status = 'won' THEN COALESCE(won.revenue, 0) ELSE 0 END AS won_revenue
                  FROM crm_customer_suggestion suggestion
             LEFT JOIN crm_lead lead ON lead.id = suggestion.lead_id
             LEFT JOIN LATERAL (
                        SELECT SUM(so.insight_amount) AS revenue
                          FROM sale_order so
                         WHERE so.opportunity_id = suggestion.lead_id AND so.state = 'sale'
                       ) won ON TRUE
            )
            """,
                SQL.identifier(self._table),
            )
        )
