#!/usr/bin/env python3
"""Benchmark of the Customer Insight metrics on a generated customer base (crm_customer_insight).

Generates N customers (1,000 by default; ``--customers 100000`` for the real run), each with about 4 confirmed orders
of about 2.5 lines over the last 12 months (so about 1,000,000 order lines for 100,000 customers), in EUR, USD, VND
and GBP with a rate per currency every week, inserted in bulk with SQL; then measures, with wall time and queries:

1. the backfill (``res.partner._insight_backfill``): every order converted into the reporting currency at the rate
   of its date, every customer's metrics (target < 5 min for 100,000 customers);
2. the nightly drift check where nothing drifted (``res.partner._insight_check_drift``);
3. the incremental update of one order: the queries the metrics add to a confirmation (conversion of the order and
   refresh of its customer), for a customer with 1 order and one with 40, and a whole ``action_confirm``.

It WRITES into the database it is given (use a throwaway one with crm_customer_insight installed) and commits the
generated customers so PostgreSQL can analyse them; the measured runs are rolled back, so ``--reuse`` measures the
same customers again.

    python3 scripts/bench_crm.py -c odoo.conf -d benchdb --customers 100000 --generate-only
    nice -n 10 python3 scripts/bench_crm.py -c odoo.conf -d benchdb --reuse
"""

import time

from bench_common import bench_parser, measured, open_registry, optional_columns, print_figures, superuser_env

PREFIX = "Bench Insight Customer"
CURRENCIES = (("EUR", 1.0), ("USD", 1.10), ("VND", 27500.0), ("GBP", 0.86))


def parse_args():
    parser = bench_parser(__doc__)
    parser.add_argument("--customers", type=int, default=1000)
    parser.add_argument("--orders", type=float, default=4.0, help="orders per customer over the year, on average")
    parser.add_argument("--lines", type=float, default=2.5, help="lines per order, on average")
    parser.add_argument("--batch-size", type=int, default=2000, help="customers per batch of the backfill")
    parser.add_argument("--reuse", action="store_true", help="measure the customers of an earlier run instead")
    parser.add_argument("--generate-only", action="store_true", help="generate and commit, measure nothing")
    return parser.parse_args()


def setup_currencies(env):
    """The four currencies active, one shared rate a week over the last year (drifting by a few percent), and a
    pricelist in each."""
    cr = env.cr
    pricelists = []
    for code, rate in CURRENCIES:
        currency = env.ref(f"base.{code}")
        currency.active = True
        if currency != env.company.currency_id:
            cr.execute(
                """
                INSERT INTO res_currency_rate (name, rate, currency_id, company_id, create_date, write_date)
                SELECT day::date, %(rate)s * (1 + 0.05 * sin(n / 8.0)), %(currency)s, NULL, now(), now()
                  FROM generate_series(0, 53) AS n,
                       LATERAL (SELECT (now() - interval '1 year' + n * interval '7 days') AS day) AS d
                ON CONFLICT DO NOTHING
                """,
                {"rate": rate, "currency": currency.id},
            )
        pricelists.append((currency.id, env["product.pricelist"].create(
            {"name": f"Bench {code}", "currency_id": currency.id}).id))
    return pricelists


def generate(env, customers, orders_per_customer, lines_per_order):
    """Customers, their confirmed orders of the last 12 months and their lines, in SQL."""
    cr = env.cr
    company = env.company
    pricelists = setup_currencies(env)
    product = env["product.product"].create({"name": "Bench Runner", "list_price": 90.0, "type": "consu"})
    env.flush_all()
    columns, values = optional_columns(
        cr, "res_partner", {"autopost_bills": "'ask'", "group_on": "'default'", "group_rfq": "'default'",
                           "customer_status": "'active'"}
    )
    cr.execute(
        f"""
        INSERT INTO res_partner (name, complete_name, email, active, type, is_company, customer_rank,
                                 create_date, write_date{columns})
        SELECT '{PREFIX} ' || n, '{PREFIX} ' || n, 'insight' || n || '@example.com', true, 'contact', false, 1,
               now(), now(){values}
          FROM generate_series(1, %(customers)s) AS n
        RETURNING id
        """,  # noqa: S608 - columns and values of this script
        {"customers": customers},
    )
    partner_ids = [row[0] for row in cr.fetchall()]
    cr.execute("UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)", [partner_ids])
    print(f"  {len(partner_ids)} customers", flush=True)
    cr.execute(
        """
        CREATE TEMP TABLE bench_orders AS
        SELECT nextval('sale_order_id_seq') AS id, partner.id AS partner_id,
               (now() at time zone 'UTC') - (random() * interval '365 days') AS date_order,
               (1 + floor(random() * 4))::int AS currency_index,
               (1 + floor(random() * 2 * %(lines)s))::int AS lines
          FROM (SELECT id, (random() * 2 * %(per_customer)s)::int AS orders
                  FROM unnest(%(partner_ids)s::int[]) AS id) AS partner,
               LATERAL generate_series(1, partner.orders) AS n
        """,
        {"partner_ids": partner_ids, "per_customer": orders_per_customer, "lines": lines_per_order - 0.5},
    )
    cr.execute(
        """
        CREATE TEMP TABLE bench_lines AS
        SELECT orders.id AS order_id, orders.partner_id, orders.date_order, orders.currency_index,
               round((20 + random() * 180)::numeric, 2)
                 * (ARRAY[1, 1, 27500, 1])[orders.currency_index] AS amount
          FROM bench_orders orders, LATERAL generate_series(1, orders.lines) AS n
        """
    )
    cr.execute(
        """
        CREATE TEMP TABLE bench_totals AS
        SELECT order_id, SUM(amount) AS amount FROM bench_lines GROUP BY order_id
        """
    )
    currency_ids = [currency_id for currency_id, _pricelist in pricelists]
    pricelist_ids = [pricelist_id for _currency, pricelist_id in pricelists]
    columns, values = optional_columns(
        cr, "sale_order", {"picking_policy": "'direct'", "pipeline_stage": "'confirmed'"}
    )
    cr.execute(
        f"""
        INSERT INTO sale_order (id, name, partner_id, partner_invoice_id, partner_shipping_id, company_id,
                                currency_id, pricelist_id, date_order, state, amount_untaxed, amount_tax,
                                amount_total, currency_rate, invoice_status, create_date, write_date{columns})
        SELECT orders.id, 'BENCH-CRM/' || orders.id, partner_id, partner_id, partner_id, %(company)s,
               (%(currencies)s::int[])[currency_index], (%(pricelists)s::int[])[currency_index], date_order,
               'sale', totals.amount, 0, totals.amount, 1, 'no', date_order, date_order{values}
          FROM bench_orders orders JOIN bench_totals totals ON totals.order_id = orders.id
        """,  # noqa: S608 - columns and values of this script
        {"company": company.id, "currencies": currency_ids, "pricelists": pricelist_ids},
    )
    columns, values = optional_columns(cr, "sale_order_line", {"is_delivery": "false"})
    cr.execute(
        f"""
        INSERT INTO sale_order_line (order_id, product_id, name, price_unit, product_uom_qty, customer_lead,
                                     price_subtotal, price_total, price_tax, discount, currency_id, company_id,
                                     order_partner_id, state, sequence, create_date, write_date{columns})
        SELECT order_id, %(product)s, 'Bench Runner', amount, 1, 0, amount, amount, 0, 0,
               (%(currencies)s::int[])[currency_index], %(company)s, partner_id, 'sale', 10, date_order,
               date_order{values}
          FROM bench_lines
        """,  # noqa: S608 - columns and values of this script
        {"product": product.id, "currencies": currency_ids, "company": company.id},
    )
    cr.execute("SELECT (SELECT count(*) FROM bench_orders), (SELECT count(*) FROM bench_lines)")
    orders, lines = cr.fetchone()
    print(f"  {orders} orders, {lines} order lines", flush=True)
    for table in ("res_partner", "sale_order", "sale_order_line", "res_currency_rate"):
        cr.execute(f"ANALYZE {table}")  # noqa: S608 - table names of this script
    env.invalidate_all()


def measure_incremental(env, results):
    """Queries the metrics add to one confirmation: a customer with no history and one with 40 orders."""
    Partner = env["res.partner"]
    product = env["product.product"].search([("name", "=", "Bench Runner")], limit=1)
    usd = env.ref("base.USD")
    pricelist = env["product.pricelist"].search([("name", "=", "Bench USD")], limit=1)
    fresh = Partner.create({"name": f"{PREFIX} fresh"})
    loyal = Partner.create({"name": f"{PREFIX} loyal"})
    history = env["sale.order"].create([
        {"partner_id": loyal.id, "pricelist_id": pricelist.id,
         "order_line": [(0, 0, {"product_id": product.id, "price_unit": 50.0 + n})]}
        for n in range(40)
    ])
    history.action_confirm()
    for partner in (fresh, loyal):
        order = env["sale.order"].create({
            "partner_id": partner.id, "pricelist_id": pricelist.id,
            "order_line": [(0, 0, {"product_id": product.id, "price_unit": 80.0})],
        })
        assert order.currency_id == usd
        history_size = f"customer with {partner.sale_order_count - 1} earlier orders"
        with measured(env, f"metrics part of a confirmation (state write), {history_size}", results):
            order.write({"state": "sale"})
        order.write({"state": "draft"})
        with measured(env, f"whole action_confirm (Odoo's and the metrics'), {history_size}", results):
            order.action_confirm()


def main():
    args = parse_args()
    registry = open_registry(args)
    results = []
    with registry.cursor() as cr:
        env = superuser_env(cr)
        existing = env["res.partner"].search_count([("name", "=like", f"{PREFIX} %")])
        if args.reuse and existing:
            print(f"Reusing {existing} customers", flush=True)
        else:
            print(f"Generating {args.customers} customers with their orders in {args.database}", flush=True)
            start = time.perf_counter()
            generate(env, args.customers, args.orders, args.lines)
            cr.commit()  # pylint: disable=invalid-commit
            print(f"  generated in {time.perf_counter() - start:.1f} s", flush=True)
    if args.generate_only:
        return
    with registry.cursor() as cr:
        env = superuser_env(cr)
        Partner = env["res.partner"]
        print(f"Measuring (reporting currency {Partner._insight_reporting_currency().name})", flush=True)
        with measured(env, f"backfill, {args.batch_size} customers per batch", results):
            done = Partner._insight_backfill(batch_size=args.batch_size)
        print(f"  {done} customers", flush=True)
        with measured(env, "nightly drift check, nothing drifted", results):
            repaired = Partner._insight_check_drift(batch_size=args.batch_size)
        print(f"  {repaired} customers repaired", flush=True)
        measure_incremental(env, results)
        cr.rollback()  # the measured work is not kept: the customers stay for another run
    print_figures(results, width=78)


if __name__ == "__main__":
    main()
