from odoo import fields, models
from odoo.tools import SQL


class LoyaltyCampaignReport(models.Model):
    """Campaign results, one row per personal coupon a campaign issued: issued, redeemed (used on a confirmed
    order), the redemption rate of any group of rows, and the revenue of the orders that used them."""

    _name = "loyalty.campaign.report"
    _description = "Loyalty Campaign Results"
    _auto = False
    _order = "issue_date desc, id desc"
    _rec_name = "campaign_id"
    _depends = {
        "loyalty.card": [
            "campaign_id",
            "partner_id",
            "company_id",
            "program_id",
            "campaign_redeemed",
            "campaign_revenue",
            "create_date",
            "tier_id",
        ],
        "loyalty.campaign": ["state", "loyalty_program_id"],
        "loyalty.program": ["currency_id"],
    }

    campaign_id = fields.Many2one("loyalty.campaign", readonly=True)
    campaign_state = fields.Selection([("draft", "Draft"), ("running", "Running"), ("done", "Done")], readonly=True)
    card_id = fields.Many2one("loyalty.card", string="Coupon", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    tier_id = fields.Many2one("loyalty.tier", readonly=True, help="The customer's tier today.")
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    issue_date = fields.Date(readonly=True)
    redeemed_count = fields.Integer(string="Coupons redeemed", readonly=True)
    redemption_rate = fields.Float(string="Redemption rate (%)", readonly=True, aggregator="avg")
    revenue = fields.Monetary(currency_field="currency_id", readonly=True)

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT coupon.id AS id,
                   coupon.campaign_id AS campaign_id,
                   campaign.state AS campaign_state,
                   coupon.id AS card_id,
                   coupon.partner_id AS partner_id,
                   member.tier_id AS tier_id,
                   coupon.company_id AS company_id,
                   program.currency_id AS currency_id,
                   coupon.create_date::date AS issue_date,
                   CASE WHEN coupon.campaign_redeemed THEN 1 ELSE 0 END AS redeemed_count,
                   CASE WHEN coupon.campaign_redeemed THEN 100.0 ELSE 0 END AS redemption_rate,
                   COALESCE(coupon.campaign_revenue, 0) AS revenue
              FROM loyalty_card coupon
              JOIN loyalty_campaign campaign ON campaign.id = coupon.campaign_id
              JOIN loyalty_program program ON program.id = coupon.program_id
              LEFT JOIN LATERAL (
                    SELECT card.tier_id
                      FROM loyalty_card card
                     WHERE card.program_id = campaign.loyalty_program_id
                       AND card.partner_id = coupon.partner_id
                     ORDER BY card.id
                     LIMIT 1
                   ) member ON TRUE
            """
        )
