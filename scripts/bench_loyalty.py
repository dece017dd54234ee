#!/usr/bin/env python3
"""Benchmark of the nightly loyalty runs on a generated club: the tier review and the points expiry.

Generates N customers (100,000 by default), each with a loyalty card and about 4 confirmed orders spread over the
last 12 months (every order with its earning line in the points history, as loyalty_tier writes it), inserted in
bulk with SQL, then measures, with wall time and query counts:

1. the tier review of every card (``loyalty.program._cron_review_tiers``), twice: the first one, where every card
   gets a tier, then the nightly one where nothing moves (target < 60 s for 100,000);
2. the expiry run (``loyalty.program._cron_expire_points``): first the expiry of the points older than the
   program's validity (270 days here, so that a quarter of the year's points expire), then the reminder mails
   queued for the points expiring within 14 days, as the cron does them, one after the other.

It WRITES into the database it is given (use a throwaway one with loyalty_tier installed) and commits the generated
club so PostgreSQL can analyse it; the measured runs are rolled back, so ``--reuse`` measures the same club again.

    python3 scripts/bench_loyalty.py -c odoo.conf -d benchdb --customers 100000 --generate-only
    nice -n 10 python3 scripts/bench_loyalty.py -c odoo.conf -d benchdb --reuse
"""

import time

from bench_common import bench_parser, measured, open_registry, optional_columns, print_figures, superuser_env

PROGRAM_NAME = "Bench Club"
VALIDITY_DAYS = 270
TIERS = (("Member", 0), ("Silver", 300), ("Gold", 800), ("Platinum", 2000))


def parse_args():
    parser = bench_parser(__doc__)
    parser.add_argument("--customers", type=int, default=100000)
    parser.add_argument("--orders", type=float, default=4.0, help="orders per customer over the year, on average")
    parser.add_argument("--batch-size", type=int, default=1000, help="cards per batch of the tier review")
    parser.add_argument("--reuse", action="store_true", help="measure the club of an earlier run instead")
    parser.add_argument("--generate-only", action="store_true", help="generate and commit the club, measure nothing")
    return parser.parse_args()


def create_program(env):
    program = env["loyalty.program"].create({
        "name": PROGRAM_NAME,
        "program_type": "loyalty",
        "applies_on": "both",
        "trigger": "auto",
        "points_validity_days": VALIDITY_DAYS,
        "expiry_reminder_days": 14,
        "rule_ids": [(0, 0, {"reward_point_mode": "money", "reward_point_amount": 1, "minimum_amount": 0})],
        "reward_ids": [(0, 0, {"reward_type": "discount", "discount_mode": "per_order", "discount": 5,
                               "discount_applicability": "order", "required_points": 100})],
    })
    env["loyalty.tier"].create([
        {"program_id": program.id, "name": name, "sequence": 10 * (index + 1), "min_spend": spend}
        for index, (name, spend) in enumerate(TIERS)
    ])
    return program


def generate(env, customers, orders_per_customer):
    """Customers, their orders of the last 12 months with one line each, their cards and earning lines, in SQL."""
    cr = env.cr
    company = env.company
    program = create_program(env)
    product = env["product.product"].create({"name": "Bench Runner", "list_price": 90.0, "type": "consu"})
    env.flush_all()
    # Customers speak the installed languages, so that each reminder is rendered in its customer's language.
    langs = env["res.lang"].search([]).mapped("code")
    columns, values = optional_columns(
        cr, "res_partner", {"autopost_bills": "'ask'", "group_on": "'default'", "group_rfq": "'default'"}
    )
    cr.execute(
        f"""
        INSERT INTO res_partner (name, complete_name, email, lang, active, type, is_company, customer_rank,
                                 create_date, write_date{columns})
        SELECT 'Bench Customer ' || n, 'Bench Customer ' || n, 'bench' || n || '@example.com',
               (%(langs)s::varchar[])[1 + n %% %(lang_count)s], true, 'contact', false, 1,
               now(), now(){values}
          FROM generate_series(1, %(customers)s) AS n
        RETURNING id
        """,  # noqa: S608 - columns and values of this script
        {"customers": customers, "langs": langs, "lang_count": len(langs)},
    )
    partner_ids = [row[0] for row in cr.fetchall()]
    cr.execute("UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)", [partner_ids])
    print(f"  {len(partner_ids)} customers", flush=True)
    # Orders: Poisson-like counts per customer (0 to twice the average), dates over the last 365 days.
    cr.execute(
        """
        CREATE TEMP TABLE bench_orders AS
        SELECT nextval('sale_order_id_seq') AS id, partner.id AS partner_id,
               (now() at time zone 'UTC') - (random() * interval '365 days') AS date_order,
               round((30 + random() * 270)::numeric, 2) AS amount
          FROM (SELECT id, (random() * 2 * %(per_customer)s)::int AS orders
                  FROM unnest(%(partner_ids)s::int[]) AS id) AS partner,
               -- correlated to the row: an uncorrelated random() would give every customer the same count
               LATERAL generate_series(1, partner.orders) AS n
        """,
        {"partner_ids": partner_ids, "per_customer": orders_per_customer},
    )
    columns, values = optional_columns(cr, "sale_order", {"picking_policy": "'direct'"})
    cr.execute(
        f"""
        INSERT INTO sale_order (id, name, partner_id, partner_invoice_id, partner_shipping_id, company_id,
                                currency_id, pricelist_id, date_order, state, amount_untaxed, amount_tax,
                                amount_total, currency_rate, invoice_status, create_date, write_date{columns})
        SELECT id, 'BENCH/' || id, partner_id, partner_id, partner_id, %(company)s, %(currency)s, %(pricelist)s,
               date_order, 'sale', amount, 0, amount, 1, 'no', date_order, date_order{values}
          FROM bench_orders
        """,  # noqa: S608 - columns and values of this script
        {"company": company.id, "currency": company.currency_id.id,
         "pricelist": env["product.pricelist"].search([], limit=1).id or None},
    )
    columns, values = optional_columns(cr, "sale_order_line", {"is_delivery": "false"})
    cr.execute(
        f"""
        INSERT INTO sale_order_line (order_id, product_id, name, price_unit, product_uom_qty, customer_lead,
                                     price_subtotal, price_total, price_tax, discount, currency_id, company_id,
                                     order_partner_id, state, sequence, create_date, write_date{columns})
        SELECT id, %(product)s, 'Bench Runner', amount, 1, 0, amount, amount, 0, 0, %(currency)s, %(company)s,
               partner_id, 'sale', 10, date_order, date_order{values}
          FROM bench_orders
        """,  # noqa: S608 - columns and values of this script
        {"product": product.id, "currency": company.currency_id.id, "company": company.id},
    )
    cr.execute("SELECT count(*) FROM bench_orders")
    print(f"  {cr.fetchone()[0]} orders", flush=True)
    cr.execute(
        """
        INSERT INTO loyalty_card (program_id, partner_id, company_id, code, points, active, create_date, write_date)
        SELECT %(program)s, id, %(company)s, 'BENCH-' || id, 0, true, now(), now()
          FROM unnest(%(partner_ids)s::int[]) AS partner(id)
        """,
        {"program": program.id, "company": company.id, "partner_ids": partner_ids},
    )
    # One earning line per order, dated the order's day, with its expiry; the balance is their sum.
    cr.execute(
        """
        INSERT INTO loyalty_history (card_id, program_id, order_model, order_id, entry_kind, entry_date,
                                     expiry_date, description, issued, used, points_remaining, create_date,
                                     write_date)
        SELECT card.id, %(program)s, 'sale.order', orders.id, 'value', orders.date_order::date,
               orders.date_order::date + %(validity)s, 'Order ' || orders.id || ': purchase value',
               floor(orders.amount), 0, floor(orders.amount), orders.date_order, orders.date_order
          FROM bench_orders orders
          JOIN loyalty_card card ON card.partner_id = orders.partner_id AND card.program_id = %(program)s
        """,
        {"program": program.id, "company": company.id, "validity": VALIDITY_DAYS},
    )
    cr.execute(
        """
        UPDATE loyalty_card card SET points = total.points
          FROM (SELECT card_id, SUM(issued) AS points FROM loyalty_history GROUP BY card_id) AS total
         WHERE card.id = total.card_id AND card.program_id = %s
        """,
        [program.id],
    )
    for table in ("res_partner", "sale_order", "sale_order_line", "loyalty_card", "loyalty_history"):
        cr.execute(f"ANALYZE {table}")  # noqa: S608 - table names of this script
    env.invalidate_all()
    return program


def main():
    args = parse_args()
    from odoo import fields  # noqa: PLC0415 - only when run, so that --help works without Odoo

    registry = open_registry(args)
    results = []
    with registry.cursor() as cr:
        env = superuser_env(cr)
        program = env["loyalty.program"].search([("name", "=", PROGRAM_NAME)], limit=1)
        if args.reuse and program:
            cards = env["loyalty.card"].search_count([("program_id", "=", program.id)])
            print(f"Reusing {PROGRAM_NAME}: {cards} cards", flush=True)
        else:
            print(f"Generating {args.customers} customers with their orders in {args.database}", flush=True)
            start = time.perf_counter()
            program = generate(env, args.customers, args.orders)
            cr.commit()  # pylint: disable=invalid-commit
            print(f"  generated in {time.perf_counter() - start:.1f} s", flush=True)
    if args.generate_only:
        return
    with registry.cursor() as cr:
        env = superuser_env(cr)
        Program = env["loyalty.program"]
        # Only this club is reviewed and expired: other programs of the database stay out of the figures.
        env["loyalty.program"].search([("id", "!=", program.id), ("program_type", "=", "loyalty")]).active = False
        env.flush_all()
        today = fields.Date.context_today(Program)
        print("Measuring", flush=True)
        with measured(env, f"first tier review (every card gets a tier), {args.batch_size} per batch", results):
            totals = Program._cron_review_tiers(batch_size=args.batch_size)
        print(f"  {totals}", flush=True)
        with measured(env, "nightly tier review where nothing moves", results):
            totals = Program._cron_review_tiers(batch_size=args.batch_size)
        print(f"  {totals}", flush=True)
        cr.execute("SELECT COUNT(*) FROM loyalty_history WHERE expiry_date < %s AND points_remaining > 0", [today])
        print(f"  lines to expire: {cr.fetchone()[0]}", flush=True)
        with measured(env, "expiry of the points past their date", results):
            cards = 0
            while expired := Program._loyalty_expire_batch(today, 10000):
                cards += expired
        print(f"  {cards} cards had points expire", flush=True)
        with measured(env, "reminders of the points expiring within 14 days", results):
            cards = 0
            while reminded := Program._loyalty_remind_batch(today, 10000):
                cards += reminded
        print(f"  {cards} cards reminded", flush=True)
        cr.rollback()  # the measured work is not kept: the club stays for another run
    print_figures(results)
    print(f"  {'expiry run (both, as _cron_expire_points does them)':<60} "
          f"{sum(r[1] for r in results[2:]):8.2f} s {sum(r[2] for r in results[2:]):8d} queries")


if __name__ == "__main__":
    main()
