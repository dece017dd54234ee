#!/usr/bin/env python3
"""Race N shop checkouts for the same product with fewer units in stock, and report units sold against stock.

Each attempt is one cart paying in its own database transaction, all released at the same moment, the way
concurrent HTTP requests hit Odoo (serialization failures are replayed as Odoo's HTTP layer does): it checks the cart,
creates its payment transaction (which takes the stock hold) and confirms the order.
The data it creates is removed at the end. Needs a database with `website_sale_stock_hold` installed:

    python3 scripts/race_checkout.py -c /path/odoo.conf -d DBNAME --attempts 100 --stock 3
"""

import argparse
import logging
import os
import sys
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", help="Odoo configuration file")
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--attempts", type=int, default=100, help="carts checking out at once (default 100)")
    parser.add_argument("--stock", type=int, default=1, help="units in stock (default 1)")
    parser.add_argument("--keep", action="store_true", help="keep the orders and product created for the race")
    args = parser.parse_args()

    import odoo
    from odoo.tools import config

    addons = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "addons")
    config.parse_config(["-c", args.config] if args.config else [])
    if addons not in config["addons_path"]:
        config["addons_path"] = [*config["addons_path"], addons]
    # Every attempt holds one connection while it waits for the others.
    config["db_maxconn"] = max(config["db_maxconn"], args.attempts + 8)
    odoo.netsvc.init_logger()
    logging.getLogger("odoo.service.model").setLevel(logging.WARNING)
    logging.getLogger("odoo.sql_db").setLevel(logging.CRITICAL)

    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry

    registry = Registry(args.database)
    from odoo.addons.website_sale_stock_hold.tests.race import drop_shop, make_shop, race

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        records = make_shop(env, args.stock, args.attempts, name=f"Race {int(time.time())}")
        record_ids = [(r._name, r.ids) for r in records]
    order_ids = record_ids[3][1]
    provider_id = record_ids[4][1][0]

    started = time.monotonic()
    outcome, replays = race(registry, order_ids, provider_id)
    elapsed = time.monotonic() - started

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        orders = env["sale.order"].browse(order_ids)
        sold = sum(orders.filtered(lambda o: o.state == "sale").order_line.mapped("product_uom_qty"))
        refused = sum(1 for message in outcome.values() if message)
        lost = len(order_ids) - len(outcome)
        print(
            f"attempts: {len(order_ids)}  stock: {args.stock}  units sold: {sold:g}  refused before paying: {refused}"
            f"  unfinished: {lost}  replayed on conflict: {replays}  time: {elapsed:.1f}s"
        )
        if refused:
            print("refusal shown to the customer:", next(m for m in outcome.values() if m))
        if not args.keep:
            drop_shop(env, *(env[model].browse(ids) for model, ids in record_ids))
    oversold = sold > args.stock
    print("OVERSOLD" if oversold else "no overselling")
    return 1 if oversold or lost else 0


if __name__ == "__main__":
    sys.exit(main())
