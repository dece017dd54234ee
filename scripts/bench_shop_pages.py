#!/usr/bin/env python3
"""Server time of the shopper's pages: the Stride demo shop against a plain Odoo twin of it, interleaved.

    scripts/serve --init-only                                   # the demo database "stride" (once)
    python3 scripts/bench_shop_pages.py -c odoo.conf -d stride --plain stride_plain --make-plain
    python3 scripts/bench_shop_pages.py -c odoo.conf -d stride --plain stride_plain --rounds 40

The plain twin (``--make-plain``) is a copy of the demo database (Odoo's own duplication, filestore included) from
which every Stride addon is uninstalled after their business records (products, variants, partners, users, orders,
pricelists...) were released from their ownership, so that the uninstall keeps them: the twin runs the same Odoo
apps (website_sale, website_sale_stock, loyalty, crm...) on the same catalogue and orders, without our code, views,
fields and rules. Both databases are then served by Odoo's own WSGI application inside this one process (no HTTP
server, no network): each page is asked by a visitor of each database in turn (the order alternating from one round
to the next), so a load spike on the machine hits both. Times are the server's whole answer (routing, controllers,
rendering, SQL), warm (the first --warm-up rounds are not counted). Printed per page: median and p95 of each database,
their ratio, and the SQL queries of the last request. Beside the wall-clock times, the CPU time the request's thread
spent in this process (``time.thread_time``: Odoo's Python and the database driver, not PostgreSQL's own work, which
the query counts stand for) and its ratio: on a loaded machine the wall clock measures the queue for the cores as much
as our code, while a thread's CPU time barely moves with the load.

Pages: /shop; /shop?search=<word>&attribute_values=<colour> (a search with Odoo's own attribute filter, meaningful in
both databases); a shoe's product page; /shop/cart of the demo customer with one line; /my/orders/<id> of a delivered
and rated order of the demo customer. Logged-in pages use the demo login ``customer`` (password ``customer``).
"""

import argparse
import json
import os
import statistics
import time
from pathlib import Path

from bench_shop_search import percentile  # the search benchmark's p95, so both read alike
from stride_bench.wsgi import Browser, measure, serve_databases  # Odoo's WSGI application in this process

ROOT = Path(__file__).resolve().parents[1]
# Owned by our addons but not our software: released before the uninstall so that the twin keeps the same data.
SOFTWARE_MODELS = ["ir.%", "res.groups%", "mail.template", "mail.message.subtype", "website.menu", "website.page",
                   "report.paperformat"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-c", "--config", required=True, help="Odoo configuration file (addons path, database)")
    parser.add_argument("-d", "--database", required=True, help="database with stride_demo installed")
    parser.add_argument("--plain", required=True, help="the plain Odoo twin of --database")
    parser.add_argument("--make-plain", action="store_true", help="(re)build the twin from --database first")
    parser.add_argument("--rounds", type=int, default=30, help="timed requests of each page and database")
    parser.add_argument("--warm-up", type=int, default=3, help="rounds not counted (caches, plans)")
    parser.add_argument("--json", help="also write the figures to this file")
    return parser.parse_args()


def our_addons():
    return sorted(path.parent.name for path in (ROOT / "addons").glob("*/__manifest__.py"))


def make_plain_twin(source, twin):
    """Copy `source` to `twin`, then uninstall our addons from the twin, keeping the business records they made."""
    import odoo  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.service import db  # noqa: PLC0415
    from odoo.tools import SQL  # noqa: PLC0415

    if db.exp_db_exist(twin):
        db.exp_drop(twin)
    started = time.perf_counter()
    db.exp_duplicate_database(source, twin)
    print(f"  {twin}: copy of {source} ({time.perf_counter() - started:.0f} s)", flush=True)
    with Registry(twin).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        ours = our_addons()
        cr.execute(SQL("DELETE FROM ir_model_data WHERE module = ANY(%s) AND NOT model LIKE ANY(%s)",
                       ours, SOFTWARE_MODELS))
        print(f"  released {cr.rowcount} records made by our addons", flush=True)
        modules = env["ir.module.module"].search([("name", "in", ours), ("state", "=", "installed")])
        print(f"  uninstalling {', '.join(modules.mapped('name'))}", flush=True)
        modules.button_immediate_uninstall()
    print(f"  plain twin ready ({time.perf_counter() - started:.0f} s)", flush=True)


def pages_of(database):
    """Ids picked in the Stride database (the twin is a copy: the same ids exist there)."""
    import odoo  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    with Registry(database).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        customer = env.ref("stride_demo.user_customer_demo")
        shoes = env["product.template"].search([("is_shoe", "=", True), ("is_published", "=", True)], order="id")
        variant = next(variant for shoe in shoes for variant in shoe.product_variant_ids
                       if variant.qty_available > 0 and len(shoe.product_variant_ids) > 1)
        colour = variant.product_template_attribute_value_ids.filtered(
            lambda value: not value.attribute_id.shoe_size_system)[:1].product_attribute_value_id
        order = env["sale.order"].search([("partner_id", "=", customer.partner_id.id),
                                          ("pipeline_stage", "=", "feedback")], limit=1)
        shoe = variant.product_tmpl_id
        return {
            "cart_line": {"product_template_id": shoe.id, "product_id": variant.id, "quantity": 1},
            "pages": {
                "/shop": "/shop",
                "/shop?search&filter": f"/shop?search={shoe.name.split()[-1]}"
                                       f"&attribute_values={colour.attribute_id.id}-{colour.id}",
                "product page": shoe.website_url,
                "/shop/cart (1 line)": "/shop/cart",
                "/my/orders/<id>": f"/my/orders/{order.id}",
            },
        }


class Visitor:
    """A browser of one database: a public session, and one of the demo customer with a one-line cart."""

    def __init__(self, database, cart_line):
        self.database = database
        self.public = Browser(database)
        self.public.bind()
        self.customer = Browser(database)
        self.customer.login("customer", "customer")
        self.customer.rpc("/shop/cart/add", cart_line)

    def get(self, name, url):
        browser = self.customer if name.startswith(("/shop/cart", "/my/")) else self.public
        sizes = []

        def page():
            response = browser.open(url)
            sizes.append(len(response.get_data()))
            yield response

        sample = measure(page())
        if sample.error or sample.status != 200:
            raise SystemExit(f"{self.database} {url}: HTTP {sample.status} {sample.error}")
        return sample.wall, sample.cpu, sample.queries, sizes[0]


def main():
    args = parse_args()
    serve_databases(args.config, [args.database, args.plain])  # each session says which one it uses
    if args.make_plain:
        make_plain_twin(args.database, args.plain)
    setup = pages_of(args.database)
    visitors = {"stride": Visitor(args.database, setup["cart_line"]), "plain": Visitor(args.plain, setup["cart_line"])}
    times = {(name, side): [] for name in setup["pages"] for side in visitors}
    cpu_times = {(name, side): [] for name in setup["pages"] for side in visitors}
    queries, sizes = {}, {}
    load_before = os.getloadavg()
    for round_ in range(args.warm_up + args.rounds):
        for index, (name, url) in enumerate(setup["pages"].items()):
            sides = ["stride", "plain"] if (round_ + index) % 2 == 0 else ["plain", "stride"]
            for side in sides:
                elapsed, cpu, count, size = visitors[side].get(name, url)
                if round_ >= args.warm_up:
                    times[name, side].append(elapsed)
                    cpu_times[name, side].append(cpu)
                    queries[name, side], sizes[name, side] = count, size
    load_after = os.getloadavg()
    print(f"{args.rounds} rounds (+{args.warm_up} warm-up), load average {load_before[0]:.1f} before, "
          f"{load_after[0]:.1f} after, {os.cpu_count()} CPUs")
    print(f"{'page':<22} {'stride p50/p95 ms':>18} {'plain p50/p95 ms':>17} {'ratio p50/p95':>14} {'queries s/p':>12}"
          f" {'KiB s/p':>10} {'CPU p50 ms s/p':>15} {'CPU ratio':>9}")
    figures = {}
    for name, url in setup["pages"].items():
        ours, plain = times[name, "stride"], times[name, "plain"]
        row = {
            "url": url,
            "stride": [statistics.median(ours), percentile(ours, 0.95)],
            "plain": [statistics.median(plain), percentile(plain, 0.95)],
            "queries": [queries[name, "stride"], queries[name, "plain"]],
            "bytes": [sizes[name, "stride"], sizes[name, "plain"]],
            "cpu": [statistics.median(cpu_times[name, "stride"]), statistics.median(cpu_times[name, "plain"])],
        }
        row["ratio"] = [row["stride"][0] / row["plain"][0], row["stride"][1] / row["plain"][1]]
        row["cpu_ratio"] = row["cpu"][0] / row["cpu"][1]
        figures[name] = row
        print(f"{name:<22} {row['stride'][0]:>8.1f} /{row['stride'][1]:>7.1f} {row['plain'][0]:>8.1f} /"
              f"{row['plain'][1]:>7.1f} {row['ratio'][0]:>7.2f}x/{row['ratio'][1]:.2f}x "
              f"{row['queries'][0]:>5}/{row['queries'][1]:<5} "
              f"{row['bytes'][0] / 1024:>5.0f}/{row['bytes'][1] / 1024:<4.0f} "
              f"{row['cpu'][0]:>7.1f}/{row['cpu'][1]:<7.1f} {row['cpu_ratio']:>8.2f}x")
    if args.json:
        Path(args.json).write_text(json.dumps({"load": [load_before, load_after], "pages": figures}, indent=1))


if __name__ == "__main__":
    main()
