#!/usr/bin/env python3
"""Benchmark of Customer Insight on a generated customer base (crm_customer_insight).

Generates N customers (1,000 by default; ``--customers 100000`` for the real run): people with accented names
(Vietnamese, French, German, Spanish...) and one company in eight (with a contact person), each with an e-mail and
a phone in their country (Viet Nam, France, Germany, United Kingdom), written nationally ("0912 345 678") or
internationally ("+84 912 345 678"); each customer has about 4 confirmed orders of about 2.5 lines over the last 12
months (so about 1,000,000 order lines for 100,000 customers), in EUR, USD, VND and GBP with a rate per currency
every week, and one in twenty an abandoned cart; the customer follows their orders and each order has its
confirmation in the chatter, as Odoo does it. One customer in fifty is assigned to an agent (the user
``bench_insight_agent``, Customer Insight agent), one in ten to nobody, the others to the administrator. All of it
inserted in bulk with SQL; the customer search columns are then computed by the addon's own code, in batches. Then
it measures, with wall time and queries:

1. the backfill (``res.partner._insight_backfill``): every order converted into the reporting currency at the rate
   of its date, every customer's metrics (target < 5 min for 100,000 customers);
2. the nightly drift check where nothing drifted (``res.partner._insight_check_drift``);
3. the segment refresh (``res.partner._insight_refresh_segments``): the first one, where every customer gets scores,
   then one where nothing changed; the suggestions run (``crm.customer.suggestion._generate_suggestions``), first
   and second;
4. the incremental update of one order: the queries the metrics add to a confirmation (conversion of the order and
   refresh of its customer), for a customer with 1 order and one with 40, and a whole ``action_confirm``;
5. the customer search as staff use it (target p95 < 50 ms server time), as the administrator and as the agent
   (on the agent's own customers): the contacts search box (``web_search_read`` of ``display_name ilike``, 80 rows
   and the count, as the list view asks) and the customer dropdown (``web_name_search``, 8 rows), by e-mail, by
   phone written "+84912345678", "0912345678", "0912 345 678" and in Arabic-Indic digits, by name without accents,
   by company name and by order number, each over ``--search-runs`` keys picked from the generated data (p50, p95,
   max and queries); then the plan (EXPLAIN ANALYZE) of a name search of each user, to show the trigram indexes
   at work.

It WRITES into the database it is given (use a throwaway one with crm_customer_insight installed, e.g. made with
``python3 -m odoo -c odoo.conf -d benchdb -i crm_customer_insight --stop-after-init`` against the PostgreSQL cluster
``scripts/serve`` keeps in ``.local/``) and commits the generated customers so PostgreSQL can analyse them; the
measured runs are rolled back, so ``--reuse`` measures the same customers again.

    python3 scripts/bench_crm.py -c odoo.conf -d benchdb --customers 100000 --generate-only
    nice -n 10 python3 scripts/bench_crm.py -c odoo.conf -d benchdb --reuse
    nice -n 10 python3 scripts/bench_crm.py -c odoo.conf -d benchdb --reuse --search-only
"""

import math
import random
import statistics
import time
import unicodedata

from bench_common import bench_parser, measured, open_registry, optional_columns, print_figures, superuser_env

PREFIX = "Bench Insight Customer"
EMAIL_DOMAIN = "insight-bench.example"  # marks the generated customers
AGENT_LOGIN = "bench_insight_agent"
CURRENCIES = (("EUR", 1.0), ("USD", 1.10), ("VND", 27500.0), ("GBP", 0.86))
# (country, first digits of a mobile number): every country writes its national numbers with a trunk 0.
COUNTRIES = (("vn", "9"), ("fr", "6"), ("de", "15"), ("uk", "7"))
FIRST_NAMES = (
    "Đức", "Bình", "Hương", "Thảo", "Quân", "Linh", "Phương", "Khánh", "José", "Amélie", "Jürgen", "Chloé", "Zoë",
    "François", "Siobhán", "Søren", "Łukasz", "Inès", "Björn", "Mónica", "Hélène", "Thành", "Hiếu", "Ngọc", "Tâm",
    "Ana", "Lucía", "Émile", "Jörg", "Noël",
)
MIDDLE_NAMES = ("Văn", "Thị", "Minh", "Hồng", "Quốc", "Ánh", "Marie", "Luis", "Anne", "Pérez", "Maëlle", "Jean")
LAST_NAMES = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương",
    "Müller", "García", "Dubois", "Lefèvre", "Schröder", "Núñez", "O'Brien", "Škoda", "Åberg", "Petit",
)
CITIES = ("Sài Gòn", "Hà Nội", "Đà Nẵng", "Huế", "Lyon", "Besançon", "München", "Köln", "Córdoba", "Málaga",
          "Göteborg", "Kraków")
TRADES = ("Sneakers", "Chaussures", "Schuhhaus", "Zapatería", "Footwear", "Giày Dép", "Bottier", "Läufer")
ARABIC_INDIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
SEARCH_KINDS = (
    "e-mail", "phone +CC", "phone 0…", "phone with spaces", "phone Arabic-Indic", "name without accents",
    "company name", "order number",
)


def parse_args():
    parser = bench_parser(__doc__)
    parser.add_argument("--customers", type=int, default=1000)
    parser.add_argument("--orders", type=float, default=4.0, help="orders per customer over the year, on average")
    parser.add_argument("--lines", type=float, default=2.5, help="lines per order, on average")
    parser.add_argument("--batch-size", type=int, default=2000, help="customers per batch of the backfill")
    parser.add_argument("--search-runs", type=int, default=30, help="keys searched per kind of search and user")
    parser.add_argument("--reuse", action="store_true", help="measure the customers of an earlier run instead")
    parser.add_argument("--generate-only", action="store_true", help="generate and commit, measure nothing")
    parser.add_argument("--search-only", action="store_true", help="measure the customer search only")
    return parser.parse_args()


def without_accents(text):
    """What someone types without accents: "Nguyễn Đức" -> "Nguyen Duc" (case kept)."""
    text = text.replace("Đ", "D").replace("đ", "d").replace("Ł", "L").replace("ł", "l").replace("ø", "o")
    return "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))


def setup_currencies(env, weeks=53):
    """The four currencies active, one shared rate a week over the last ``weeks`` weeks (drifting by a few
    percent), and a pricelist in each."""
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
                  FROM generate_series(0, %(weeks)s) AS n,
                       LATERAL (SELECT (now() - %(weeks)s * interval '7 days' + n * interval '7 days') AS day) AS d
                ON CONFLICT DO NOTHING
                """,
                {"rate": rate, "currency": currency.id, "weeks": weeks},
            )
        pricelists.append((currency.id, env["product.pricelist"].create(
            {"name": f"Bench {code}", "currency_id": currency.id}).id))
    return pricelists


def create_agent(env):
    """The agent owning one customer in fifty."""
    from odoo.fields import Command  # noqa: PLC0415 - only when run

    group = env.ref("crm_customer_insight.group_customer_insight_agent")
    return env["res.users"].create({
        "name": "Bench Insight Agent", "login": AGENT_LOGIN, "group_ids": [Command.set(group.ids)],
    })


def insert_customers(env, customers, agent=None):
    """The customers (one company in eight, with its contact person), in SQL; returns the customers' ids. Without
    ``agent`` (a database without Customer Insight), the agent's share belongs to the administrator too."""
    cr = env.cr
    countries = [env.ref(f"base.{code}") for code, _prefix in COUNTRIES]
    columns, values = optional_columns(
        cr, "res_partner", {"autopost_bills": "'ask'", "group_on": "'default'", "group_rfq": "'default'",
                           "customer_status": "'active'"}
    )
    # A person is first, middle and last name (9,000 names, each shared by about 11 customers at 100,000); a
    # company a city, a trade and its number. Mobile numbers are unique (n * 7919 mod 10^8 is a permutation). The
    # owner shifts by one every 9,000 customers, so that namesakes do not all belong to the same salesperson.
    cr.execute(
        f"""
        CREATE TEMP TABLE bench_people AS
        SELECT n,
               (%(first)s::varchar[])[1 + n %% 30] || ' ' || (%(middle)s::varchar[])[1 + (n / 30) %% 12] || ' '
                 || (%(last)s::varchar[])[1 + (n / 360) %% 25] AS person,
               lower((%(first_ascii)s::varchar[])[1 + n %% 30] || '.'
                     || (%(last_ascii)s::varchar[])[1 + (n / 360) %% 25]) || '.' || n || '@{EMAIL_DOMAIN}' AS email,
               (%(cities)s::varchar[])[1 + (n / 8) %% 12] || ' ' || (%(trades)s::varchar[])[1 + (n / 96) %% 8]
                 || ' ' || (n / 8) AS company,
               n %% 8 = 0 AS is_company,
               (%(countries)s::int[])[1 + (n + n / 8) %% 4] AS country_id,
               (%(codes)s::varchar[])[1 + (n + n / 8) %% 4] AS calling_code,
               (%(prefixes)s::varchar[])[1 + (n + n / 8) %% 4] || lpad(((n::bigint * 7919) %% 100000000)::text, 8, '0')
                 AS national,
               (n / 4) %% 3 AS phone_format,
               CASE WHEN (n + n / 9000) %% 50 = 0 THEN %(agent)s WHEN (n + n / 9000) %% 10 = 5 THEN NULL
                    ELSE %(admin)s END AS user_id
          FROM generate_series(1, %(customers)s) AS n
        """,  # noqa: S608 - the e-mail domain of this script
        {
            "first": list(FIRST_NAMES), "middle": list(MIDDLE_NAMES), "last": list(LAST_NAMES),
            "first_ascii": [without_accents(name) for name in FIRST_NAMES],
            "last_ascii": [without_accents(name).replace("'", "") for name in LAST_NAMES],
            "cities": list(CITIES), "trades": list(TRADES),
            "countries": [country.id for country in countries],
            "codes": [str(country.phone_code) for country in countries],
            "prefixes": [prefix for _code, prefix in COUNTRIES],
            "agent": (agent or env.ref("base.user_admin")).id, "admin": env.ref("base.user_admin").id,
            "customers": customers,
        },
    )
    cr.execute(
        f"""
        INSERT INTO res_partner (name, complete_name, email, email_normalized, phone, country_id, user_id, active,
                                 partner_share, type, is_company, customer_rank, ref, create_date,
                                 write_date{columns})
        SELECT CASE WHEN is_company THEN company ELSE person END, CASE WHEN is_company THEN company ELSE person END,
               email, email,
               CASE phone_format
                    WHEN 0 THEN '0' || substr(national, 1, 3) || ' ' || substr(national, 4, 3) || ' '
                                || substr(national, 7)
                    WHEN 1 THEN '+' || calling_code || ' ' || substr(national, 1, 3) || ' ' || substr(national, 4, 3)
                                || ' ' || substr(national, 7)
                    ELSE '+' || calling_code || national
               END,
               country_id, user_id, true, true, 'contact', is_company, 1, 'BENCH-' || n, now(), now(){values}
          FROM bench_people ORDER BY n
        RETURNING id
        """,  # noqa: S608 - columns and values of this script
    )
    partner_ids = [row[0] for row in cr.fetchall()]
    cr.execute(
        """UPDATE res_partner SET commercial_partner_id = id,
                                  commercial_company_name = CASE WHEN is_company THEN name END
            WHERE id = ANY(%s)""",
        [partner_ids],
    )
    # The contact person of each company: found by their own name and e-mail, and by the company's name.
    cr.execute(
        f"""
        INSERT INTO res_partner (name, complete_name, email, email_normalized, parent_id, commercial_partner_id,
                                 commercial_company_name, country_id, active, partner_share, type, is_company,
                                 customer_rank, create_date, write_date{columns})
        SELECT people.person, company.name || ', ' || people.person, 'contact.' || people.email,
               'contact.' || people.email, company.id, company.id, company.name, people.country_id, true, true,
               'contact', false, 0, now(), now(){values}
          FROM bench_people people JOIN res_partner company ON company.ref = 'BENCH-' || people.n
         WHERE people.is_company AND company.id = ANY(%(customers)s)
        RETURNING id
        """,  # noqa: S608 - columns and values of this script
        {"customers": partner_ids},
    )
    contact_ids = [row[0] for row in cr.fetchall()]
    print(f"  {len(partner_ids)} customers, {len(contact_ids)} contact persons of companies", flush=True)
    if "insight_search_text" in env["res.partner"]._fields:
        compute_search_columns(env, partner_ids + contact_ids)
    return partner_ids


def compute_search_columns(env, partner_ids):
    """The stored customer search columns, by the addon's own computes (the bulk insert left them empty)."""
    from odoo.tools import split_every  # noqa: PLC0415 - only when run

    start = time.perf_counter()
    partners = env["res.partner"]
    fnames = ["insight_search_text", "insight_phone_search"]
    for ids in split_every(10000, partner_ids):
        batch = partners.browse(ids)
        for fname in fnames:
            env.add_to_compute(partners._fields[fname], batch)
        batch._recompute_recordset(fnames)
        env.flush_all()
        env.invalidate_all()
    print(f"  search columns computed in {time.perf_counter() - start:.1f} s", flush=True)


def generate(env, customers, orders_per_customer, lines_per_order):
    """Customers, their confirmed orders of the last 12 months and their lines, abandoned carts, in SQL."""
    pricelists = setup_currencies(env)
    products = env["product.product"].create(
        [{"name": f"Bench Runner {n}", "list_price": 60.0 + 5 * n, "type": "consu"} for n in range(1, 13)]
    )
    agent = create_agent(env)
    env.flush_all()
    partner_ids = insert_customers(env, customers, agent)
    insert_orders(env, partner_ids, products.ids, pricelists, orders_per_customer, lines_per_order)


def insert_orders(env, partner_ids, product_ids, pricelists, orders_per_customer, lines_per_order, days=365):
    """Confirmed orders of the customers over the last ``days`` days (a pricelist of ``pricelists`` each, lines of
    ``product_ids``), one abandoned cart for one customer in twenty, followers and confirmation messages, in SQL.
    Leaves the temporary tables bench_orders and bench_lines for the caller."""
    cr = env.cr
    company = env.company
    cr.execute(
        """
        CREATE TEMP TABLE bench_orders AS
        SELECT nextval('sale_order_id_seq') AS id, partner.id AS partner_id, 'sale' AS state,
               (now() at time zone 'UTC') - (random() * %(days)s * interval '1 day') AS date_order,
               (1 + floor(random() * 4))::int AS currency_index,
               (1 + floor(random() * 2 * %(lines)s))::int AS lines
          FROM (SELECT id, (random() * 2 * %(per_customer)s)::int AS orders
                  FROM unnest(%(partner_ids)s::int[]) AS id) AS partner,
               LATERAL generate_series(1, partner.orders) AS n
        UNION ALL
        SELECT nextval('sale_order_id_seq'), id, 'draft',
               (now() at time zone 'UTC') - interval '2 days' - (random() * interval '25 days'),
               (1 + floor(random() * 4))::int, (1 + floor(random() * 3))::int
          FROM unnest(%(partner_ids)s::int[]) AS id
         WHERE random() < 0.05
        """,
        {"partner_ids": partner_ids, "per_customer": orders_per_customer, "lines": lines_per_order - 0.5,
         "days": days},
    )
    cr.execute(
        """
        CREATE TEMP TABLE bench_lines AS
        SELECT orders.id AS order_id, orders.partner_id, orders.state, orders.date_order, orders.currency_index,
               (%(products)s::int[])[1 + floor(random() * %(product_count)s)::int] AS product_id,
               round((20 + random() * 180)::numeric, 2)
                 * (ARRAY[1, 1, 27500, 1])[orders.currency_index] AS amount
          FROM bench_orders orders, LATERAL generate_series(1, orders.lines) AS n
        """,
        {"products": list(product_ids), "product_count": len(product_ids)},
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
        SELECT orders.id, 'SB' || lpad(orders.id::text, 7, '0'), partner_id, partner_id, partner_id, %(company)s,
               (%(currencies)s::int[])[currency_index], (%(pricelists)s::int[])[currency_index], date_order,
               state, totals.amount, 0, totals.amount, 1, 'no', date_order, date_order{values}
          FROM bench_orders orders JOIN bench_totals totals ON totals.order_id = orders.id
        """,  # noqa: S608 - columns and values of this script
        {"company": company.id, "currencies": currency_ids, "pricelists": pricelist_ids},
    )
    unit = env.ref("uom.product_uom_unit").id
    columns, values = optional_columns(
        cr, "sale_order_line", {"is_delivery": "false", "product_uom_id": str(unit), "product_uom": str(unit)}
    )
    cr.execute(
        f"""
        INSERT INTO sale_order_line (order_id, product_id, name, price_unit, product_uom_qty, customer_lead,
                                     price_subtotal, price_total, price_tax, discount, currency_id, company_id,
                                     order_partner_id, state, sequence, create_date, write_date{columns})
        SELECT lines.order_id, lines.product_id, template.name->>'en_US', lines.amount, 1, 0, lines.amount,
               lines.amount, 0, 0, (%(currencies)s::int[])[lines.currency_index], %(company)s, lines.partner_id,
               lines.state, 10, lines.date_order, lines.date_order{values}
          FROM bench_lines lines
          JOIN product_product variant ON variant.id = lines.product_id
          JOIN product_template template ON template.id = variant.product_tmpl_id
        """,  # noqa: S608 - columns and values of this script
        {"currencies": currency_ids, "company": company.id},
    )
    # Odoo subscribes the customer to their order when it is confirmed, and logs the confirmation in its chatter
    # (a tracking message of the salesperson): the agent's rules read the followers and authors of documents.
    cr.execute(
        """
        INSERT INTO mail_followers (res_model, res_id, partner_id)
        SELECT 'sale.order', id, partner_id FROM bench_orders WHERE state = 'sale'
        """
    )
    cr.execute(
        """
        INSERT INTO mail_message (model, res_id, message_type, author_id, date, create_date, write_date)
        SELECT 'sale.order', id, 'notification', %(author)s, date_order, date_order, date_order
          FROM bench_orders WHERE state = 'sale'
        """,
        {"author": env.ref("base.user_admin").partner_id.id},
    )
    cr.execute(
        """SELECT count(*) FILTER (WHERE state = 'sale'), count(*) FILTER (WHERE state = 'draft'),
                  (SELECT count(*) FROM bench_lines)
             FROM bench_orders"""
    )
    orders, carts, lines = cr.fetchone()
    print(f"  {orders} orders, {carts} abandoned carts, {lines} order lines", flush=True)
    for table in ("res_partner", "sale_order", "sale_order_line", "res_currency_rate", "mail_followers",
                  "mail_message"):
        cr.execute(f"ANALYZE {table}")  # noqa: S608 - table names of this script
    env.invalidate_all()


def measure_incremental(env, results):
    """Queries the metrics add to one confirmation: a customer with no history and one with 40 orders."""
    Partner = env["res.partner"]
    product = env["product.product"].search([("name", "=like", "Bench Runner%")], limit=1)
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


def measure_metrics(env, args, results):
    Partner = env["res.partner"]
    print(f"Measuring (reporting currency {Partner._insight_reporting_currency().name})", flush=True)
    with measured(env, f"backfill, {args.batch_size} customers per batch", results):
        done = Partner._insight_backfill(batch_size=args.batch_size)
    print(f"  {done} customers", flush=True)
    with measured(env, "nightly drift check, nothing drifted", results):
        repaired = Partner._insight_check_drift(batch_size=args.batch_size)
    print(f"  {repaired} customers repaired", flush=True)
    for run in ("first", "second (nothing changed)"):
        with measured(env, f"segment refresh, {run}", results):
            written = Partner._insight_refresh_segments()
        print(f"  {written} customers written", flush=True)
    for run in ("first", "second"):
        with measured(env, f"suggestions run, {run}", results):
            created = env["crm.customer.suggestion"]._generate_suggestions()
        print(f"  {created} suggestions created", flush=True)
    measure_incremental(env, results)


# --- Customer search -----------------------------------------------------------------------------------------


def phone_formats(phone, calling_code):
    """The ways staff type the stored number: "+84912345678", "0912345678", "0912 345 678", Arabic-Indic digits."""
    digits = "".join(char for char in phone if char.isdigit())
    national = digits[len(calling_code):] if phone.startswith("+") else digits[1:]
    trunk = f"0{national}"
    return {
        "phone +CC": f"+{calling_code}{national}",
        "phone 0…": trunk,
        "phone with spaces": f"{trunk[:4]} {trunk[4:7]} {trunk[7:]}",
        "phone Arabic-Indic": trunk.translate(ARABIC_INDIC_DIGITS),
    }


def sample(rng, population, size):
    return rng.sample(population, min(size, len(population)))


def search_keys(env, user_id, runs, rng):
    """{kind: [terms]}: ``runs`` terms per kind, from the customers ``user_id`` is assigned (any when None)."""
    cr = env.cr
    owner = "AND p.user_id = %(user)s" if user_id else ""
    cr.execute(
        f"""
        SELECT p.name, p.email, p.phone, c.phone_code::text, p.is_company
          FROM res_partner p JOIN res_country c ON c.id = p.country_id
         WHERE p.email LIKE %(domain)s AND p.parent_id IS NULL {owner}
        """,  # noqa: S608 - a condition of this script
        {"domain": f"%@{EMAIL_DOMAIN}", "user": user_id},
    )
    rows = cr.fetchall()
    people = sample(rng, [row for row in rows if not row[4]], runs)
    companies = sample(rng, [row for row in rows if row[4]], runs)
    cr.execute(
        f"""
        SELECT o.name FROM sale_order o JOIN res_partner p ON p.id = o.partner_id
         WHERE o.name LIKE 'SB%%' AND p.email LIKE %(domain)s {owner}
        """,  # noqa: S608 - a condition of this script
        {"domain": f"%@{EMAIL_DOMAIN}", "user": user_id},
    )
    orders = sample(rng, [name for (name,) in cr.fetchall()], runs)
    keys = {kind: [] for kind in SEARCH_KINDS}
    for name, email, phone, calling_code, _company in people:
        keys["e-mail"].append(email)
        keys["name without accents"].append(without_accents(name))
        for kind, term in phone_formats(phone, calling_code).items():
            keys[kind].append(term)
    keys["company name"] = [without_accents(name) for name, *_rest in companies]
    keys["order number"] = orders
    return keys


def percentile(values, fraction):
    """The nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def search_box(partners, term):
    """What the contacts list asks when a term is typed: 80 rows of its columns, and the count."""
    spec = {"complete_name": {}, "email": {}, "phone": {}, "country_id": {"fields": {"display_name": {}}},
            "user_id": {"fields": {"display_name": {}}}}
    return partners.web_search_read([("display_name", "ilike", term)], spec, limit=80, count_limit=10001)["length"]


def dropdown(partners, term):
    """What a customer field's dropdown asks: 8 customers' names."""
    return len(partners.web_name_search(term, {"display_name": {}}, limit=8))


def measure_search(env, agent, runs):
    """p50/p95 of each kind of search, for the administrator and the agent; returns the table's rows."""
    from odoo import api  # noqa: PLC0415 - only when run

    rng = random.Random(20261130)  # noqa: S311 - picking benchmark keys
    rows = []
    users = (("admin", env.ref("base.user_admin").id, None), ("agent", agent.id, agent.id))
    for role, uid, owner in users:
        user_env = api.Environment(env.cr, uid, {"lang": "en_US", "tz": "UTC"})
        partners = user_env["res.partner"]
        keys = search_keys(env, owner, runs, rng)
        for entry, call in (("search box", search_box), ("dropdown", dropdown)):
            call(partners, keys["e-mail"][0])  # warm the registry caches (rules, views), as a running server has
            for kind in SEARCH_KINDS:
                times, queries, missed = [], [], 0
                for term in keys[kind]:
                    user_env.invalidate_all()
                    before = env.cr.sql_log_count
                    start = time.perf_counter()
                    found = call(partners, term)
                    times.append((time.perf_counter() - start) * 1000)
                    queries.append(env.cr.sql_log_count - before)
                    missed += not found
                rows.append((role, entry, kind, statistics.median(times), percentile(times, 0.95), max(times),
                             min(queries), max(queries), missed))
                print(f"  {role} {entry} {kind}: p50 {rows[-1][3]:.1f} ms, p95 {rows[-1][4]:.1f} ms", flush=True)
    explain_search(env, users, rng)
    return rows


def explain_search(env, users, rng):
    """The plan of the search box's query for a name, as each user runs it (EXPLAIN ANALYZE)."""
    from odoo import api  # noqa: PLC0415 - only when run
    from odoo.tools import SQL  # noqa: PLC0415

    for role, uid, owner in users:
        term = search_keys(env, owner, 1, rng)["name without accents"][0]
        partners = api.Environment(env.cr, uid, {"lang": "en_US"})["res.partner"]
        query = partners._search([("display_name", "ilike", term)], limit=80, order=partners._order)
        plan = env.execute_query(SQL("EXPLAIN (ANALYZE, BUFFERS) %s", query.select()))
        print(f"\nPlan of the search box's query for {term!r} as the {role}:")
        print("\n".join(f"  {line}" for (line,) in plan))


def print_search(rows, runs):
    print(f"\nCustomer search, {runs} keys per line (ms of server time in Odoo; queries per search)")
    print(f"  {'user':<6} {'where':<11} {'search by':<21} {'p50':>7} {'p95':>7} {'max':>7}  queries  not found")
    for role, entry, kind, p50, p95, slowest, fewest, most, missed in rows:
        count = f"{fewest}" if fewest == most else f"{fewest}-{most}"
        print(f"  {role:<6} {entry:<11} {kind:<21} {p50:7.1f} {p95:7.1f} {slowest:7.1f}  {count:>7}  {missed:>9}")


def main():
    args = parse_args()
    registry = open_registry(args)
    results = []
    with registry.cursor() as cr:
        env = superuser_env(cr)
        existing = env["res.partner"].search_count([("email", "=like", f"%@{EMAIL_DOMAIN}")])
        if args.reuse and existing:
            print(f"Reusing {existing} customers and contacts", flush=True)
        else:
            print(f"Generating {args.customers} customers with their orders in {args.database}", flush=True)
            start = time.perf_counter()
            generate(env, args.customers, args.orders, args.lines)
            cr.commit()  # pylint: disable=invalid-commit
            print(f"  generated in {time.perf_counter() - start:.1f} s", flush=True)
    if args.generate_only:
        return
    if not args.search_only:
        with registry.cursor() as cr:
            measure_metrics(superuser_env(cr), args, results)
            cr.rollback()  # the measured work is not kept: the customers stay for another run
        print_figures(results, width=78)
    with registry.cursor() as cr:
        env = superuser_env(cr)
        print("\nMeasuring the customer search", flush=True)
        agent = env["res.users"].search([("login", "=", AGENT_LOGIN)])
        rows = measure_search(env, agent, args.search_runs)
        cr.rollback()
    print_search(rows, args.search_runs)


if __name__ == "__main__":
    main()
