from odoo import api, fields, models
from odoo.tools import SQL

# A confirmed order's metrics move when one of these changes (order_line: a confirmed order edited in its form).
INSIGHT_TRIGGERS = frozenset({"state", "partner_id", "date_order", "currency_id", "company_id", "order_line"})


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # (owner: core) The order's total converted into the reporting currency at the rate of its date; stored so that
    # metrics and reports sum it in SQL. Kept current by the metrics engine (never a per-record compute at scale).
    insight_amount = fields.Float(
        string="Amount (reporting currency)", readonly=True, copy=False, digits=(16, 2),
    )

    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        # Orders are confirmed by action_confirm (a write); an order imported already confirmed counts at once.
        if confirmed := orders.filtered(lambda order: order.state == "sale").sudo():
            confirmed._insight_refresh(confirmed.partner_id.commercial_partner_id)
        return orders

    def write(self, vals):
        if not INSIGHT_TRIGGERS.intersection(vals):
            return super().write(vals)
        # Quotations (the shop's carts) cost nothing here: only orders confirmed before or after the write count.
        # The metrics are the system's figures, kept whoever changes the order (an agent, the shop's checkout).
        confirmed_before = self.filtered(lambda order: order.state == "sale").sudo()
        partners = confirmed_before.partner_id.commercial_partner_id
        result = super().write(vals)
        orders = confirmed_before | self.filtered(lambda order: order.state == "sale").sudo()
        if orders:
            orders._insight_refresh(partners | orders.partner_id.commercial_partner_id)
        return result

    def _insight_refresh(self, customers):
        """Convert these confirmed orders and recompute the metrics of ``customers`` (commercial partners), but for
        the customers a pending reconversion has not reached yet (``res.partner._insight_reached_by_reconversion``)."""
        customers = customers._insight_reached_by_reconversion()
        orders = self.filtered(lambda order: order.partner_id.commercial_partner_id in customers)
        if orders:
            orders._insight_update_amounts(SQL("sale_order.id = ANY(%s)", list(orders.ids)))
        customers._insight_refresh_metrics()

    def _insight_update_amounts(self, where: SQL) -> int:
        """Convert the totals of the orders matching ``where`` into the reporting currency at their dates and store
        those that changed, in one statement whatever their number; returns how many changed. The day of an order is
        the UTC date of ``date_order``, as sale's own ``currency_rate`` takes it.

        Set-based: the orders are read and written in place through their index (``where``), the rates looked up
        once per day (materialised: inlined, PostgreSQL would look them up again for every order), and only the rows
        whose amount changes are written. Sending the converted amounts back as a list of values made PostgreSQL
        hash them against the whole table (at 100,000 customers 3.1-3.4 s of each batch of 2,000 under load)."""
        self.env["sale.order"].flush_model(
            ["amount_total", "currency_id", "company_id", "date_order", "insight_amount", "partner_id", "state"],
        )
        currency = self.env["res.partner"]._insight_reporting_currency()
        currency._insight_flush_rates()
        converted = currency._insight_converted_sql(SQL("sale_order.amount_total"), SQL("rates"))
        changed = self.env.execute_query(SQL(
            """WITH rates AS MATERIALIZED (%(rates)s)
               UPDATE sale_order SET insight_amount = %(converted)s
                 FROM res_company company, rates
                WHERE %(where)s AND company.id = sale_order.company_id
                  AND rates.currency_id = sale_order.currency_id
                  AND rates.root_id = split_part(company.parent_path, '/', 1)::int
                  AND rates.day = sale_order.date_order::date
                  AND sale_order.insight_amount IS DISTINCT FROM %(converted)s
            RETURNING sale_order.id""",
            converted=converted,
            where=where,
            rates=currency._insight_day_rates_sql(SQL(
                """SELECT DISTINCT sale_order.currency_id, split_part(company.parent_path, '/', 1)::int AS root_id,
                          sale_order.date_order::date AS day
                     FROM sale_order JOIN res_company company ON company.id = sale_order.company_id
                    WHERE %s""",
                where,
            )),
        ))
        if changed:
            self.env["sale.order"].browse(order_id for (order_id,) in changed).invalidate_recordset(["insight_amount"])
        return len(changed)
