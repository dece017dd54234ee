from odoo import fields, models

# Contract between the helpers (see /work/HELPERS.md, "Issue 12 contract"). Every field below is stored on the
# commercial partner (``commercial_partner_id``: a company and its contacts share one set of metrics). Owners fill
# the computations; the others read the fields and may write them directly in their tests.
CUSTOMER_STATUSES = [
    ("active", "Active"),
    ("inactive", "Inactive"),
    ("vip", "VIP"),
    ("blocked", "Blocked"),
]
SEGMENTS = [
    ("champions", "Champions"),
    ("loyal", "Loyal"),
    ("promising", "Promising"),
    ("at_risk", "At risk"),
    ("hibernating", "Hibernating"),
    ("new", "New"),
]
CHURN_RISKS = [("low", "Low"), ("medium", "Medium"), ("high", "High")]


class ResPartner(models.Model):
    _inherit = "res.partner"

    # --- Profile (owner: core) -------------------------------------------------------------------------------
    customer_status = fields.Selection(
        CUSTOMER_STATUSES, string="Customer status", default="active", required=True, index=True, tracking=True,
        help="Blocked: cannot check out on the website, and orders cannot be confirmed without a CRM manager.",
    )
    preferred_currency_id = fields.Many2one("res.currency", string="Preferred currency")
    # (owner: privacy) Consent to marketing mails; segments used as a mailing audience keep only consenting customers.
    insight_marketing_consent = fields.Boolean(string="Marketing consent", tracking=True, copy=False)

    # --- Metrics in the reporting currency (owner: core; kept current by _insight_refresh_metrics) ------------
    insight_currency_id = fields.Many2one(
        "res.currency", string="Reporting currency", compute="_compute_insight_currency_id",
    )
    insight_lifetime_value = fields.Monetary(
        string="Lifetime value", currency_field="insight_currency_id", readonly=True, index=True, copy=False,
    )
    insight_order_count = fields.Integer(string="Orders", readonly=True, index=True, copy=False)
    insight_average_order = fields.Monetary(
        string="Average order value", currency_field="insight_currency_id", readonly=True, copy=False,
    )
    insight_first_order_date = fields.Date(string="First order", readonly=True, index=True, copy=False)
    insight_last_order_date = fields.Date(string="Last order", readonly=True, index=True, copy=False)
    insight_average_days_between = fields.Float(
        string="Average days between orders", readonly=True, digits=(16, 1), copy=False,
    )

    # --- Segments and risk (owner: segments; written by _insight_refresh_segments, a nightly batch) ------------
    insight_recency_score = fields.Integer(string="Recency score", readonly=True, copy=False)
    insight_frequency_score = fields.Integer(string="Frequency score", readonly=True, copy=False)
    insight_monetary_score = fields.Integer(string="Monetary score", readonly=True, copy=False)
    insight_segment = fields.Selection(SEGMENTS, string="Segment", readonly=True, index=True, copy=False)
    insight_expected_order_date = fields.Date(string="Next order expected", readonly=True, copy=False)
    insight_churn_risk = fields.Selection(CHURN_RISKS, string="Churn risk", readonly=True, index=True, copy=False)
    insight_churn_reason = fields.Char(string="Churn risk reason", readonly=True, copy=False)

    def _compute_insight_currency_id(self):
        currency = self._insight_reporting_currency()
        for partner in self:
            partner.insight_currency_id = currency

    def _insight_reporting_currency(self):
        """The CRM reporting currency from the settings; the main company's currency when none is set (owner: core)."""
        param = self.env["ir.config_parameter"].sudo().get_param("crm_customer_insight.reporting_currency_id")
        currency = self.env["res.currency"].browse(int(param)).exists() if param and param.isdigit() else None
        return currency or self.env.ref("base.main_company").currency_id

    def _insight_refresh_metrics(self):
        """Recompute the metrics of these commercial partners from their orders and refunds in a constant number of
        queries, whatever their number of orders (owner: core). Called when an order is confirmed, cancelled or
        refunded, by the backfill and by the nightly drift check."""

    def _insight_refresh_segments(self):
        """Recompute RFM scores, segment, expected next order and churn risk of every customer, in batches (owner:
        segments). Runs nightly and after a backfill."""
