from odoo import api, fields, models
from odoo.tools import SQL

from ..lib.churn import assess, shop_rhythm
from ..lib.rfm import quintile_scores, segment_for
from .res_partner import INSIGHT_STAFF_GROUPS

SEGMENT_FIELDS = (
    "insight_recency_score",
    "insight_frequency_score",
    "insight_monetary_score",
    "insight_segment",
    "insight_expected_order_date",
    "insight_churn_risk",
    "insight_churn_reason",
)


class ResPartner(models.Model):
    # The segments' part of the customer, apart from the metrics and profile parts other helpers own in res_partner.py.
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    insight_suggestion_count = fields.Integer(
        string="Sales suggestions", compute="_compute_insight_suggestion_count", groups=INSIGHT_STAFF_GROUPS,
    )

    def _compute_insight_suggestion_count(self):
        counts = dict(
            self.env["crm.customer.suggestion"]._read_group(
                [("partner_id", "in", self.commercial_partner_id.ids), ("state", "=", "new")],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.insight_suggestion_count = counts.get(partner.commercial_partner_id, 0)

    def action_open_insight_suggestions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("crm_customer_insight.crm_customer_suggestion_action")
        action.update(domain=[("partner_id", "=", self.commercial_partner_id.id)])
        return action

    @api.model
    def _insight_refresh_segments(self, today=None, batch_size=2000):
        """Recompute RFM scores, segment, expected next order and churn risk of every customer with orders (the
        commercial partners carrying metrics), and clear them on partners left without orders. Returns the number of
        partners written.

        Quintiles need the whole population, so one query reads every customer's metrics and current scores (for
        100,000 customers about 35 MB of Python rows, about 85 MB at the peak when every one of them changes, as on
        the first run); the pure functions score them, and only the partners whose values changed are written,
        ``batch_size`` at a time, each batch one UPDATE through the ORM's bulk writer."""
        today = today or fields.Date.today()  # the UTC day, as the metrics date orders: not the running user's
        self.flush_model(
            [
                "active",
                "insight_order_count",
                "insight_last_order_date",
                "insight_lifetime_value",
                "insight_average_days_between",
                *SEGMENT_FIELDS,
            ]
        )
        columns = SQL(", ").join(SQL.identifier(fname) for fname in SEGMENT_FIELDS)
        rows = self.env.execute_query(
            SQL(
                """
            SELECT id, insight_order_count, insight_last_order_date, insight_lifetime_value,
                   insight_average_days_between, %s
              FROM res_partner
             WHERE active AND insight_order_count > 0 AND insight_last_order_date IS NOT NULL
            """,
                columns,
            )
        )
        stale = self.env.execute_query(
            SQL(
                """
            SELECT id FROM res_partner
             WHERE (insight_order_count IS NULL OR insight_order_count <= 0 OR insight_last_order_date IS NULL)
               AND (insight_segment IS NOT NULL OR insight_churn_risk IS NOT NULL
                    OR insight_recency_score <> 0 OR insight_expected_order_date IS NOT NULL)
            """
            )
        )
        recency = quintile_scores([row[2].toordinal() for row in rows])
        frequency = quintile_scores([row[1] for row in rows])
        monetary = quintile_scores([row[3] or 0.0 for row in rows])
        shop_median = shop_rhythm([row[4] for row in rows if row[1] >= 2])
        writes = []
        for row, r_score, f_score, m_score in zip(rows, recency, frequency, monetary):
            partner_id, order_count, last_order, _value, average_days = row[:5]
            assessment = assess(today, last_order, order_count, average_days, shop_median)
            values = (
                r_score,
                f_score,
                m_score,
                segment_for(r_score, f_score, m_score, order_count),
                assessment.expected_date if assessment else None,
                assessment.risk if assessment else None,
                self._insight_churn_reason(assessment.days_since_last, assessment.rhythm_days, assessment.own_rhythm)
                if assessment
                else None,
            )
            if values != tuple(row[5:]):
                writes.append((partner_id, dict(zip(SEGMENT_FIELDS, values))))
        empty = dict.fromkeys(SEGMENT_FIELDS, None) | {
            "insight_recency_score": 0,
            "insight_frequency_score": 0,
            "insight_monetary_score": 0,
        }
        writes.extend((partner_id, empty) for (partner_id,) in stale)
        for start in range(0, len(writes), batch_size):
            self._insight_write_each(writes[start : start + batch_size])
        return len(writes)

    @api.model
    def _insight_churn_reason(self, days_since_last, rhythm_days, own_rhythm):
        """The sentence shown next to the churn risk, e.g. "No order for 120 days; usually orders every 30 days"."""
        if own_rhythm:
            return self.env._(
                "No order for %(days)s days; usually orders every %(rhythm)s days.",
                days=days_since_last,
                rhythm=rhythm_days,
            )
        return self.env._(
            "No order for %(days)s days; one order so far, and customers usually reorder every %(rhythm)s days.",
            days=days_since_last,
            rhythm=rhythm_days,
        )

    def _insight_write_each(self, writes):
        """Write each partner (``[(id, vals)]``) its own column values in one UPDATE per set of fields, telling the
        ORM what changed as ``write`` would: a ``write`` per partner costs milliseconds of bookkeeping, and the first
        refresh of 100,000 customers changes every one."""
        if not writes:
            return
        fnames = list(SEGMENT_FIELDS)
        partners = self.browse([partner_id for partner_id, _vals in writes])
        partners.modified(fnames, before=True)
        partners._write_multi([vals for _partner_id, vals in writes])
        partners.invalidate_recordset(fnames)
        partners.modified(fnames)
