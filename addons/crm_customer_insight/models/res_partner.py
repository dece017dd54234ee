import logging

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, float_compare, split_every

from ..lib.metrics import customer_metrics

_logger = logging.getLogger(__name__)

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
METRIC_FIELDS = [
    "insight_lifetime_value",
    "insight_order_count",
    "insight_average_order",
    "insight_first_order_date",
    "insight_last_order_date",
    "insight_average_days_between",
]
# Staff only. A portal customer may read their own commercial partner (base's res_partner_portal_public_rule), so
# every field the shop's staff keeps about a customer is limited to the Customer Insight read-only role and to Odoo's
# salespeople (every agent, manager and administrator is one; they worked with these figures before the roles came).
# The public/portal side reads the one it needs, the blocked status, under sudo().
INSIGHT_STAFF_GROUPS = "crm_customer_insight.group_customer_insight_readonly,sales_team.group_sale_salesman"
RECONVERSION_PARAM = "crm_customer_insight.reconversion_pending"
# While a new reporting currency is being converted: the currency the figures not converted yet are still in.
RECONVERSION_FROM_PARAM = "crm_customer_insight.reconversion_from_currency_id"


class ResPartner(models.Model):
    _inherit = "res.partner"

    # --- Profile (owner: core) -------------------------------------------------------------------------------
    customer_status = fields.Selection(
        CUSTOMER_STATUSES, string="Customer status", default="active", required=True, index=True, tracking=True,
        help="Blocked: cannot check out on the website, and orders cannot be confirmed without a CRM manager.",
        groups=INSIGHT_STAFF_GROUPS,
    )
    preferred_currency_id = fields.Many2one("res.currency", string="Preferred currency", groups=INSIGHT_STAFF_GROUPS)
    # (owner: privacy) Consent to marketing mails; segments used as a mailing audience keep only consenting customers.
    insight_marketing_consent = fields.Boolean(
        string="Marketing consent", tracking=True, copy=False, groups=INSIGHT_STAFF_GROUPS,
    )

    # --- Metrics in the reporting currency (owner: core; kept current by _insight_refresh_metrics) ------------
    insight_currency_id = fields.Many2one(
        "res.currency", string="Reporting currency", compute="_compute_insight_currency_id",
        groups=INSIGHT_STAFF_GROUPS,
    )
    insight_lifetime_value = fields.Monetary(
        string="Lifetime value", currency_field="insight_currency_id", readonly=True, index=True, copy=False,
        groups=INSIGHT_STAFF_GROUPS,
    )
    insight_order_count = fields.Integer(
        string="Orders", readonly=True, index=True, copy=False, groups=INSIGHT_STAFF_GROUPS,
    )
    insight_average_order = fields.Monetary(
        string="Average order value", currency_field="insight_currency_id", readonly=True, copy=False,
        groups=INSIGHT_STAFF_GROUPS,
    )
    insight_first_order_date = fields.Date(
        string="First order", readonly=True, index=True, copy=False, groups=INSIGHT_STAFF_GROUPS,
    )
    insight_last_order_date = fields.Date(
        string="Last order", readonly=True, index=True, copy=False, groups=INSIGHT_STAFF_GROUPS,
    )
    insight_average_days_between = fields.Float(
        string="Average days between orders", readonly=True, digits=(16, 1), copy=False, groups=INSIGHT_STAFF_GROUPS,
    )

    # --- Segments and risk (owner: segments; written by _insight_refresh_segments, a nightly batch) ------------
    insight_recency_score = fields.Integer(
        string="Recency score", readonly=True, copy=False, groups=INSIGHT_STAFF_GROUPS,
    )
    insight_frequency_score = fields.Integer(
        string="Frequency score", readonly=True, copy=False, groups=INSIGHT_STAFF_GROUPS,
    )
    insight_monetary_score = fields.Integer(
        string="Monetary score", readonly=True, copy=False, groups=INSIGHT_STAFF_GROUPS,
    )
    insight_segment = fields.Selection(
        SEGMENTS, string="Segment", readonly=True, index=True, copy=False, groups=INSIGHT_STAFF_GROUPS,
    )
    insight_expected_order_date = fields.Date(
        string="Next order expected", readonly=True, copy=False, groups=INSIGHT_STAFF_GROUPS,
    )
    insight_churn_risk = fields.Selection(
        CHURN_RISKS, string="Churn risk", readonly=True, index=True, copy=False, groups=INSIGHT_STAFF_GROUPS,
    )
    insight_churn_reason = fields.Char(
        string="Churn risk reason", readonly=True, copy=False, groups=INSIGHT_STAFF_GROUPS,
    )

    @api.depends("commercial_partner_id")
    def _compute_insight_currency_id(self):
        # The currency the stored figures are in: after a change of reporting currency, the customers the
        # reconversion has not reached yet (it goes in id order) still hold figures in the former one.
        currency = self._insight_reporting_currency()
        converted_up_to, former = self._insight_reconversion_progress()
        for partner in self:
            behind = former and (partner.commercial_partner_id._origin.id or 0) > converted_up_to
            partner.insight_currency_id = former if behind else currency

    def _insight_reporting_currency(self):
        """The CRM reporting currency from the settings; the main company's currency when none is set (owner: core)."""
        param = self.env["ir.config_parameter"].sudo().get_param("crm_customer_insight.reporting_currency_id")
        currency = self.env["res.currency"]
        if param and param.isdigit():
            # One query tells whether the currency still exists and reads the rounding every metric is rounded with
            # (exists() and then the rounding would be two, on every confirmation).
            currency = currency.with_context(active_test=False).search_fetch(
                [("id", "=", int(param))], ["rounding"],
            ).with_env(self.env)
        # The main company by its cached xmlid, without env.ref()'s existence query: it cannot be deleted.
        main_company = self.env["res.company"].browse(self.env["ir.model.data"]._xmlid_to_res_id("base.main_company"))
        return currency or main_company.currency_id

    def _insight_refresh_segments(self):
        """Recompute RFM scores, segment, expected next order and churn risk of every customer, in batches (owner:
        segments). Runs nightly and after a backfill."""

    def _insight_refresh_metrics(self):
        """Recompute the metrics of these customers' commercial partners from their confirmed orders (stored
        ``insight_amount``) minus their posted refunds (converted at the refund's date), in a constant number of
        queries whatever the number of partners and orders, and store those that changed (owner: core). Called when
        an order is confirmed, cancelled or refunded, by the backfill and by the nightly drift check; returns the
        partners that changed."""
        partners = self.commercial_partner_id
        if not partners:
            return partners
        self._insight_flush()
        currency = self._insight_reporting_currency()
        rows = self.env.execute_query(SQL(
            """
            SELECT partner.id, orders.total, orders.count, orders.first, orders.last,
                   partner.insight_lifetime_value, partner.insight_order_count, partner.insight_average_order,
                   partner.insight_first_order_date, partner.insight_last_order_date,
                   partner.insight_average_days_between
              FROM res_partner partner
              LEFT JOIN (
                    SELECT customer.commercial_partner_id AS partner_id, SUM(sale_order.insight_amount) AS total,
                           COUNT(*) AS count, MIN(sale_order.date_order::date) AS first,
                           MAX(sale_order.date_order::date) AS last
                      FROM sale_order JOIN res_partner customer ON customer.id = sale_order.partner_id
                     WHERE sale_order.state = 'sale' AND customer.commercial_partner_id = ANY(%(ids)s)
                     GROUP BY customer.commercial_partner_id
              ) orders ON orders.partner_id = partner.id
             WHERE partner.id = ANY(%(ids)s)
            """,
            ids=list(partners.ids),
        ))
        refunds = dict.fromkeys(partners.ids, 0.0)
        for _refund, amount, partner_id in currency._insight_convert_rows(self._insight_refund_source(partners)):
            refunds[partner_id] += amount
        changed = {}
        for partner_id, total, count, first, last, *stored in rows:
            metrics = customer_metrics(total or 0.0, count or 0, refunds[partner_id], first, last)
            values = (
                currency.round(metrics.lifetime_value),
                metrics.order_count,
                currency.round(metrics.average_order),
                metrics.first_order_date,
                metrics.last_order_date,
                round(metrics.average_days_between, 1),
            )
            if self._insight_metrics_differ(currency, values, stored):
                changed[partner_id] = values
        if changed:
            self.env.cr.execute(SQL(
                """UPDATE res_partner
                      SET insight_lifetime_value = new.lifetime_value, insight_order_count = new.order_count,
                          insight_average_order = new.average_order, insight_first_order_date = new.first_date,
                          insight_last_order_date = new.last_date, insight_average_days_between = new.days_between
                     FROM (VALUES %s) AS new(id, lifetime_value, order_count, average_order, first_date, last_date,
                                             days_between)
                    WHERE res_partner.id = new.id""",
                SQL(", ").join(
                    SQL("(%s, %s::numeric, %s::int, %s::numeric, %s::date, %s::date, %s::numeric)", key, *values)
                    for key, values in changed.items()
                ),
            ))
            changed_partners = self.browse(list(changed))
            changed_partners.invalidate_recordset(METRIC_FIELDS)
            changed_partners.modified(METRIC_FIELDS)
            return changed_partners
        return self.browse()

    @api.model
    def _insight_metrics_differ(self, currency, values, stored) -> bool:
        lifetime_value, order_count, average_order, first, last, days_between = values
        return (
            currency.compare_amounts(lifetime_value, stored[0] or 0.0) != 0
            or order_count != (stored[1] or 0)
            or currency.compare_amounts(average_order, stored[2] or 0.0) != 0
            or (first, last) != (stored[3], stored[4])
            or float_compare(days_between, stored[5] or 0.0, precision_digits=1) != 0
        )

    @api.model
    def _insight_refund_source(self, partners) -> SQL:
        """Posted customer credit notes refunding confirmed orders of ``partners``, one row per (refund, customer),
        as ``res.currency._insight_convert_rows`` reads them (day: the credit note's date)."""
        return SQL(
            """SELECT DISTINCT move.id AS key, move.amount_total AS amount, move.currency_id, move.company_id,
                      COALESCE(move.invoice_date, move.date) AS day, customer.commercial_partner_id AS extra
                 FROM account_move move
                 JOIN account_move_line line ON line.move_id = move.id
                 JOIN sale_order_line_invoice_rel link ON link.invoice_line_id = line.id
                 JOIN sale_order_line order_line ON order_line.id = link.order_line_id
                 JOIN sale_order ON sale_order.id = order_line.order_id
                 JOIN res_partner customer ON customer.id = sale_order.partner_id
                WHERE move.move_type = 'out_refund' AND move.state = 'posted' AND sale_order.state = 'sale'
                  AND customer.commercial_partner_id = ANY(%s)""",
            list(partners.ids),
        )

    def _insight_flush(self):
        """Write pending ORM changes the metrics queries read."""
        self.env["sale.order"].flush_model(["partner_id", "state", "date_order", "insight_amount"])
        self.env["sale.order.line"].flush_model(["order_id"])
        self.env["account.move"].flush_model(
            ["move_type", "state", "amount_total", "currency_id", "company_id", "invoice_date", "date"],
        )
        self.env["account.move.line"].flush_model(["move_id", "sale_line_ids"])
        self.env["res.partner"].flush_model(["commercial_partner_id", *METRIC_FIELDS])

    @api.model
    def _insight_customer_ids(self, after_id=0) -> list[int]:
        """Every commercial partner with an order, and those still holding metrics (to reset), in id order; only
        those after ``after_id`` when given (a reconversion going on where it stopped)."""
        self._insight_flush()
        return [partner_id for partner_id, in self.env.execute_query(SQL(
            """SELECT customer.commercial_partner_id
                 FROM sale_order JOIN res_partner customer ON customer.id = sale_order.partner_id
                WHERE customer.commercial_partner_id > %(after)s
               UNION
               SELECT id FROM res_partner WHERE insight_order_count > 0 AND id > %(after)s
               ORDER BY 1""",
            after=after_id,
        ))]

    @api.model
    def _insight_recompute_batches(self, batch_size: int, customer_ids=None):
        """Convert the orders of every customer (or of ``customer_ids``) and recompute their metrics, ``batch_size``
        customers at a time; yields (customer ids, orders changed, customers changed) per batch."""
        if customer_ids is None:
            customer_ids = self._insight_customer_ids()
        for ids in split_every(batch_size, customer_ids):
            orders_changed = self.env["sale.order"]._insight_update_amounts(SQL(
                "sale_order.partner_id IN (SELECT id FROM res_partner WHERE commercial_partner_id = ANY(%s))",
                list(ids),
            ))
            partners = self.browse(ids)
            partners_changed = partners._insight_refresh_metrics()
            yield ids, orders_changed, len(partners_changed)
            # A batch is done: let its records go, so 100,000 customers do not pile up in the cache.
            self.env.invalidate_all()

    @api.model
    def _insight_backfill(self, batch_size=2000):
        """Fill ``insight_amount`` of every order and the metrics of every customer, in batches; returns the number
        of customers done. For an existing database, and after the reporting currency changes."""
        done = 0
        for ids, _orders, _partners in self._insight_recompute_batches(batch_size):
            done += len(ids)
        self._insight_end_reconversion()  # everybody is in the reporting currency now
        return done

    @api.model
    def _insight_check_drift(self, batch_size=2000):
        """Nightly: recompute every customer's order amounts and metrics and repair those that drifted (an order
        line changed outside the order's form, a rate entered late, a contact moved to another company); returns
        how many customers were repaired."""
        customers = orders = partners = 0
        for batch_ids, batch_orders, batch_partners in self._insight_recompute_batches(batch_size):
            customers += len(batch_ids)
            orders += batch_orders
            partners += batch_partners
        self._insight_end_reconversion()  # everybody is in the reporting currency now
        _logger.info(
            "Customer Insight drift check: %s of %s customers and %s orders repaired", partners, customers, orders,
        )
        return partners

    @api.model
    def _insight_schedule_reconversion(self, former=None):
        """Ask the reconversion cron to convert everything into the reporting currency as soon as it can (the
        settings save stays fast, whatever the number of orders). The parameter holds the last customer converted:
        none yet; ``former`` is the currency the figures are in until then (none at install: there are no figures
        yet). Refused while the figures of a former change are still being converted: they would be in three
        currencies at once."""
        converted_up_to, converting_from = self._insight_reconversion_progress()
        if converting_from and (left := len(self._insight_customer_ids(after_id=converted_up_to))):
            raise UserError(self.env._(
                "The figures are still being converted into %(currency)s (%(count)s customers left). Change the "
                "reporting currency again once that is done: the scheduled action \"Customer Insight: convert orders "
                "and metrics into the reporting currency\" finishes it, and can be run at once.",
                currency=(former or self._insight_reporting_currency()).name, count=left,
            ))
        params = self.env["ir.config_parameter"].sudo()
        params.set_param(RECONVERSION_PARAM, "0")
        params.set_param(RECONVERSION_FROM_PARAM, former.id if former else False)
        self.env.ref("crm_customer_insight.ir_cron_insight_reconvert")._trigger()

    @api.model
    def _insight_reconversion_progress(self):
        """While a reconversion is pending: the last customer it converted (0 before the first) and the currency
        the figures of the customers after it are still in (none when there were no figures before: the first
        computation at install); ``(None, no currency)`` when nothing is pending."""
        params = self.env["ir.config_parameter"].sudo()
        pending = params.get_param(RECONVERSION_PARAM)
        former = params.get_param(RECONVERSION_FROM_PARAM)
        currency = self.env["res.currency"]
        if not pending:
            return None, currency
        return (
            int(pending) if pending.isdigit() else 0,
            currency.browse(int(former)) if former and former.isdigit() else currency,
        )

    def _insight_reached_by_reconversion(self):
        """These commercial partners but those a reconversion has not reached yet. Their figures are still in the
        former currency: an order confirmed or refunded meanwhile is left to the cron, which recomputes them from all
        their orders when it gets to them, instead of being added in the new currency to figures in the old one."""
        converted_up_to, former = self._insight_reconversion_progress()
        return self.filtered(lambda partner: partner.id <= converted_up_to) if former else self

    @api.model
    def _insight_end_reconversion(self):
        """Every customer is in the reporting currency: nothing pending, no former currency."""
        params = self.env["ir.config_parameter"].sudo()
        params.set_param(RECONVERSION_PARAM, False)
        params.set_param(RECONVERSION_FROM_PARAM, False)

    @api.model
    def _insight_cron_reconvert(self, batch_size=2000):
        """Cron: convert every customer into the reporting currency when a reconversion is pending (a new reporting
        currency, the module installed on a database with orders); nothing otherwise. Each batch is committed with
        the last customer it did: 100,000 customers take longer than a cron may run in one go (Odoo stops a job
        after ``limit_time_real_cron``), so the cron goes on from there when its time is up, instead of losing
        everything and starting over. Returns the number of customers this run converted."""
        converted_up_to, _former = self._insight_reconversion_progress()
        if converted_up_to is None:
            return 0
        params = self.env["ir.config_parameter"].sudo()
        done = 0
        # A customer who buys for the first time while the cron runs comes after the list it started with (and their
        # order waits for the cron, see _insight_reached_by_reconversion): go on until nobody is left.
        while customer_ids := self._insight_customer_ids(after_id=converted_up_to):
            converted = 0
            for ids, _orders, _partners in self._insight_recompute_batches(batch_size, customer_ids):
                done += len(ids)
                converted += len(ids)
                converted_up_to = ids[-1]
                params.set_param(RECONVERSION_PARAM, str(converted_up_to))
                if not self.env["ir.cron"]._commit_progress(len(ids), remaining=len(customer_ids) - converted):
                    return done  # out of time: the cron runs again for the rest
        self._insight_end_reconversion()
        _logger.info("Customer Insight: %s customers converted into the reporting currency", done)
        return done
