import logging

from odoo import api, models
from odoo.tools import SQL, float_compare, split_every

from ..lib.metrics import customer_metrics

_logger = logging.getLogger(__name__)

METRIC_FIELDS = [
    "insight_lifetime_value",
    "insight_order_count",
    "insight_average_order",
    "insight_first_order_date",
    "insight_last_order_date",
    "insight_average_days_between",
]
RECONVERSION_PARAM = "crm_customer_insight.reconversion_pending"


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _insight_refresh_metrics(self):
        """Recompute the metrics of these customers' commercial partners from their confirmed orders (stored
        ``insight_amount``) minus their posted refunds (converted at the refund's date), in four queries whatever
        the number of partners and orders, and store those that changed; returns the partners that changed."""
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
    def _insight_customer_ids(self) -> list[int]:
        """Every commercial partner with an order, and those still holding metrics (to reset), in id order."""
        self._insight_flush()
        return [partner_id for partner_id, in self.env.execute_query(SQL(
            """SELECT customer.commercial_partner_id
                 FROM sale_order JOIN res_partner customer ON customer.id = sale_order.partner_id
               UNION
               SELECT id FROM res_partner WHERE insight_order_count > 0
               ORDER BY 1"""
        ))]

    @api.model
    def _insight_recompute_batches(self, batch_size: int):
        """Convert the orders of every customer and recompute their metrics, ``batch_size`` customers at a time;
        yields (customers, orders changed, customers changed) per batch."""
        for ids in split_every(batch_size, self._insight_customer_ids()):
            orders_changed = self.env["sale.order"]._insight_update_amounts(SQL(
                "sale_order.partner_id IN (SELECT id FROM res_partner WHERE commercial_partner_id = ANY(%s))",
                list(ids),
            ))
            partners = self.browse(ids)
            partners_changed = partners._insight_refresh_metrics()
            yield len(ids), orders_changed, len(partners_changed)
            # A batch is done: let its records go, so 100,000 customers do not pile up in the cache.
            self.env.invalidate_all()

    @api.model
    def _insight_backfill(self, batch_size=2000):
        """Fill ``insight_amount`` of every order and the metrics of every customer, in batches; returns the number
        of customers done. For an existing database, and after the reporting currency changes."""
        done = 0
        for customers, _orders, _partners in self._insight_recompute_batches(batch_size):
            done += customers
        return done

    @api.model
    def _insight_check_drift(self, batch_size=2000):
        """Nightly: recompute every customer's order amounts and metrics and repair those that drifted (an order
        line changed outside the order's form, a rate entered late, a contact moved to another company); returns
        how many customers were repaired."""
        customers = orders = partners = 0
        for batch_customers, batch_orders, batch_partners in self._insight_recompute_batches(batch_size):
            customers += batch_customers
            orders += batch_orders
            partners += batch_partners
        _logger.info(
            "Customer Insight drift check: %s of %s customers and %s orders repaired", partners, customers, orders,
        )
        return partners

    @api.model
    def _insight_schedule_reconversion(self):
        """Ask the reconversion cron to convert everything into the reporting currency as soon as it can (the
        settings save stays fast, whatever the number of orders)."""
        self.env["ir.config_parameter"].sudo().set_param(RECONVERSION_PARAM, "1")
        self.env.ref("crm_customer_insight.ir_cron_insight_reconvert")._trigger()

    @api.model
    def _insight_cron_reconvert(self):
        """Cron: run the backfill when a reconversion is pending (a new reporting currency, the module installed
        on a database with orders); nothing otherwise."""
        params = self.env["ir.config_parameter"].sudo()
        if not params.get_param(RECONVERSION_PARAM):
            return 0
        done = self._insight_backfill()
        params.set_param(RECONVERSION_PARAM, False)
        _logger.info("Customer Insight: %s customers converted into the reporting currency", done)
        return done
