from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ..lib.restock import fill_rate, on_time_rate, price_trend, reliability_issues

SCORECARD_DAYS = 365
RECENT_PRICE_DAYS = 90


class ResPartner(models.Model):
    _inherit = "res.partner"

    scorecard_receipt_count = fields.Integer(
        "Receipts (12 months)", compute="_compute_scorecard", groups="purchase.group_purchase_user")
    scorecard_on_time_rate = fields.Float(
        "On-Time Receipts", compute="_compute_scorecard", groups="purchase.group_purchase_user",
        help="Share of receipts of the last 12 months done by the date promised on the order line.")
    scorecard_promised_lead = fields.Float(
        "Promised Lead Time (days)", compute="_compute_scorecard", groups="purchase.group_purchase_user")
    scorecard_actual_lead = fields.Float(
        "Actual Lead Time (days)", compute="_compute_scorecard", groups="purchase.group_purchase_user")
    scorecard_fill_rate = fields.Float(
        "Fill Rate", compute="_compute_scorecard", groups="purchase.group_purchase_user",
        help="Quantity received over quantity ordered, on order lines already due.")
    scorecard_price_trend = fields.Float(
        "Price Trend", compute="_compute_scorecard", groups="purchase.group_purchase_user",
        help="Average change of this vendor's prices over the last 90 days against the 9 months before.")
    scorecard_warning = fields.Char(
        "Reliability Warning", compute="_compute_scorecard", groups="purchase.group_purchase_user")

    @api.depends_context("company")
    def _compute_scorecard(self):
        cards = self._restock_scorecard()
        for partner in self:
            card = cards.get(partner.id, {})
            partner.scorecard_receipt_count = card.get("receipts", 0)
            partner.scorecard_on_time_rate = card.get("on_time_rate") or 0.0
            partner.scorecard_promised_lead = card.get("promised_lead") or 0.0
            partner.scorecard_actual_lead = card.get("actual_lead") or 0.0
            partner.scorecard_fill_rate = card.get("fill_rate") or 0.0
            partner.scorecard_price_trend = card.get("price_trend") or 0.0
            partner.scorecard_warning = card.get("warning") or False

    def _restock_scorecard(self):
        """{partner id: figures} from the current company's receipts and order lines of the last 12 months, in three
        queries (another company's dealings with the same vendor are its own business)."""
        if not self.ids:
            return {}
        self.env.flush_all()
        since = fields.Datetime.now() - timedelta(days=SCORECARD_DAYS)
        recent = fields.Datetime.now() - timedelta(days=RECENT_PRICE_DAYS)
        partner_ids = list(self.ids)
        company = self.env.company
        receipts = self.env.execute_query(SQL(
            """
            SELECT po.partner_id,
                   COUNT(*),
                   COUNT(*) FILTER (WHERE move.date::date <= line.date_planned::date),
                   AVG(EXTRACT(EPOCH FROM line.date_planned - po.date_approve) / 86400),
                   AVG(EXTRACT(EPOCH FROM move.date - po.date_approve) / 86400)
              FROM stock_move move
              JOIN purchase_order_line line ON line.id = move.purchase_line_id
              JOIN purchase_order po ON po.id = line.order_id
             WHERE move.state = 'done' AND po.company_id = %(company)s AND po.partner_id = ANY(%(partners)s)
               AND po.date_approve >= %(since)s
             GROUP BY po.partner_id
            """,
            company=company.id, partners=partner_ids, since=since,
        ))
        fills = self.env.execute_query(SQL(
            """
            SELECT po.partner_id, SUM(line.product_uom_qty),
                   SUM(LEAST(line.qty_received, line.product_qty) / NULLIF(line.product_qty, 0) * line.product_uom_qty)
              FROM purchase_order_line line
              JOIN purchase_order po ON po.id = line.order_id
             WHERE po.state IN ('purchase', 'done') AND line.display_type IS NULL
               AND po.company_id = %(company)s AND po.partner_id = ANY(%(partners)s) AND po.date_approve >= %(since)s
               AND line.date_planned < NOW() AT TIME ZONE 'UTC'
             GROUP BY po.partner_id
            """,
            company=company.id, partners=partner_ids, since=since,
        ))
        prices = self.env.execute_query(SQL(
            """
            SELECT po.partner_id, line.product_id,
                   AVG(line.price_unit / COALESCE(NULLIF(po.currency_rate, 0), 1))
                       FILTER (WHERE po.date_order < %(recent)s),
                   AVG(line.price_unit / COALESCE(NULLIF(po.currency_rate, 0), 1))
                       FILTER (WHERE po.date_order >= %(recent)s)
              FROM purchase_order_line line
              JOIN purchase_order po ON po.id = line.order_id
             WHERE po.state IN ('purchase', 'done') AND line.display_type IS NULL
               AND po.company_id = %(company)s AND po.partner_id = ANY(%(partners)s) AND po.date_order >= %(since)s
             GROUP BY po.partner_id, line.product_id
            """,
            company=company.id, partners=partner_ids, since=since, recent=recent,
        ))
        cards = defaultdict(dict)
        for partner_id, count, on_time, promised, actual in receipts:
            cards[partner_id].update(
                receipts=count, on_time_rate=on_time_rate(on_time, count),
                promised_lead=float(promised or 0), actual_lead=float(actual or 0))
        for partner_id, ordered, received in fills:
            cards[partner_id]["fill_rate"] = fill_rate(ordered or 0, received or 0)
        pairs = defaultdict(list)
        for partner_id, _product_id, older, newer in prices:
            if older is not None and newer is not None:
                pairs[partner_id].append((float(older), float(newer)))
        for partner_id, partner_pairs in pairs.items():
            cards[partner_id]["price_trend"] = price_trend(partner_pairs)
        # The limits of the current company: a scorecard is read, and a suggestion computed, for one company.
        for card in cards.values():
            issues = reliability_issues(card.get("on_time_rate"), card.get("fill_rate"),
                                        company.restock_min_on_time_rate, company.restock_min_fill_rate)
            card["issues"] = issues
            card["warning"] = self._scorecard_warning(card, issues)
        return dict(cards)

    def _scorecard_warning(self, card, issues):
        company = self.env.company
        messages = []
        if "late" in issues:
            messages.append(self.env._(
                "only %(rate)s%% of receipts on time (minimum %(limit)s%%)",
                rate=round(card["on_time_rate"] * 100), limit=round(company.restock_min_on_time_rate * 100)))
        if "short" in issues:
            messages.append(self.env._(
                "delivers %(rate)s%% of the quantity ordered (minimum %(limit)s%%)",
                rate=round(card["fill_rate"] * 100), limit=round(company.restock_min_fill_rate * 100)))
        if not messages:
            return False
        return self.env._("Unreliable vendor: %(issues)s.", issues=", ".join(messages))
