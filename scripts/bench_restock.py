#!/usr/bin/env python3
"""Benchmark of the restock suggestion and of the stock threshold check on a generated catalogue.

Generates N storable variants (one vendor price each, an alert-only threshold each) and M done stock moves spread
over the last year (receipts and sales, inserted in bulk with SQL), then measures, with wall time and query counts:

1. the restock suggestion over every variant (90-day window, target < 15 s for 20,000 variants / 1,000,000 moves);
2. a batch of 1,000 deliveries validated through the ORM in one transaction, and the threshold check that runs once
   before that transaction commits.

It WRITES into the database it is given (use a throwaway one with stock_threshold_alert and
purchase_restock_suggestion installed) and commits the generated catalogue so PostgreSQL can analyse it.

    python3 scripts/bench_restock.py -c odoo.conf -d benchdb --variants 20000 --moves 1000000
"""

import random
import time

from bench_common import bench_parser, measured, open_registry, print_figures, superuser_env

BATCH = 2000


def parse_args():
    parser = bench_parser(__doc__)
    parser.add_argument("--variants", type=int, default=2000)
    parser.add_argument("--moves", type=int, default=100000)
    parser.add_argument("--batch-moves", type=int, default=1000, help="moves validated in one transaction")
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--reuse", action="store_true", help="measure the catalogue of an earlier run instead")
    return parser.parse_args()


def generate_catalogue(env, variants, rng):
    """Storable products with a vendor price, on-hand stock and an alert-only threshold, in ORM batches."""
    company = env.company
    warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
    vendor = env["res.partner"].create({"name": "Bench Vendor"})
    products = env["product.product"]
    for start in range(0, variants, BATCH):
        size = min(BATCH, variants - start)
        products |= env["product.product"].create([{
            "name": f"Bench Shoe {start + index:06d}",
            "is_storable": True,
            "purchase_ok": True,
            "list_price": rng.randint(40, 160),
            "standard_price": rng.randint(15, 60),
            "seller_ids": [(0, 0, {"partner_id": vendor.id, "min_qty": rng.choice((1, 6, 12)),
                                   "price": rng.randint(15, 60), "delay": rng.randint(0, 21)})],
        } for index in range(size)])
        print(f"  {len(products)} variants", flush=True)
    stock = warehouse.lot_stock_id
    env.flush_all()
    env.cr.execute(
        """
        INSERT INTO stock_quant (product_id, location_id, quantity, reserved_quantity, in_date, company_id)
        SELECT id, %s, (random() * 120)::int, 0, now() at time zone 'UTC', %s FROM product_product WHERE id = ANY(%s)
        """,
        [stock.id, company.id, products.ids],
    )
    env.invalidate_all()
    for start in range(0, len(products), BATCH):
        env["stock.warehouse.orderpoint"].create([{
            "product_id": product.id, "warehouse_id": warehouse.id, "location_id": stock.id,
            "trigger": "alert", "product_min_qty": 10, "product_max_qty": 60,
        } for product in products[start:start + BATCH]])
    return warehouse, products


def generate_moves(env, warehouse, products, moves):
    """Done receipts (30%) and sales (70%) spread over the last 365 days, in one SQL statement per 200,000."""
    supplier = env.ref("stock.stock_location_suppliers").id
    customer = env.ref("stock.stock_location_customers").id
    stock = warehouse.lot_stock_id.id
    uom = env.ref("uom.product_uom_unit").id
    for start in range(0, moves, 200000):
        size = min(200000, moves - start)
        env.cr.execute(
            """
            INSERT INTO stock_move (product_id, product_uom, product_uom_qty, product_qty, quantity, location_id,
                                    location_dest_id, company_id, state, date, procure_method, picked)
            SELECT ids.product_ids[1 + (n %% array_length(ids.product_ids, 1))], %(uom)s, qty, qty, qty,
                   CASE WHEN incoming THEN %(supplier)s ELSE %(stock)s END,
                   CASE WHEN incoming THEN %(stock)s ELSE %(customer)s END,
                   %(company)s, 'done', now() at time zone 'UTC' - (random() * interval '365 days'), 'make_to_stock',
                   true
              FROM (SELECT n, random() < 0.3 AS incoming, (1 + (random() * 4)::int) AS qty
                      FROM generate_series(1, %(size)s) AS n) AS gen,
                   (SELECT %(product_ids)s::int[] AS product_ids) AS ids
            """,
            {"uom": uom, "supplier": supplier, "customer": customer, "stock": stock, "company": env.company.id,
             "size": size, "product_ids": products.ids},
        )
        print(f"  {start + size} moves", flush=True)
    env.cr.execute("ANALYZE stock_move")
    env.cr.execute("ANALYZE stock_quant")
    env.cr.execute("ANALYZE product_product")


def measure_suggestion(env, warehouse, results):
    suggestion = env["purchase.restock.suggestion"].create({"warehouse_id": warehouse.id, "window_days": "90"})
    env.invalidate_all()
    with measured(env, "restock suggestion, every variant, 90-day window", results):
        suggestion.action_compute()
    statuses = {}
    for line in suggestion.line_ids:
        statuses[line.status] = statuses.get(line.status, 0) + 1
    print(f"  lines: {len(suggestion.line_ids)} {statuses}, total {suggestion.amount_total:.2f}", flush=True)


def measure_alert_batch(env, warehouse, products, batch, rng, results):
    customer = env.ref("stock.stock_location_customers")
    chosen = env["product.product"].browse(rng.sample(products.ids, min(batch, len(products))))
    moves = env["stock.move"].create([{
        "product_id": product.id, "product_uom_qty": 1, "product_uom": product.uom_id.id,
        "location_id": warehouse.lot_stock_id.id, "location_dest_id": customer.id,
    } for product in chosen])
    with measured(env, f"{len(moves)} deliveries confirmed, reserved and validated (ORM)", results):
        moves._action_confirm()
        moves._action_assign()
        for move in moves:
            move.quantity = move.product_uom_qty
        moves.picked = True
        moves._action_done()
    opened_before = env["stock.threshold.alert"].search_count([("state", "=", "open")])
    with measured(env, f"threshold check before commit ({len(chosen)} products)", results):
        env.cr.precommit.run()
    opened_after = env["stock.threshold.alert"].search_count([("state", "=", "open")])
    print(f"  open alerts: {opened_before} before, {opened_after} after", flush=True)


def main():
    args = parse_args()
    registry = open_registry(args)
    rng = random.Random(args.seed)
    results = []
    with registry.cursor() as cr:
        env = superuser_env(cr)
        if args.reuse:
            warehouse = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)
            products = env["product.product"].search([("name", "=like", "Bench Shoe %")])
            env.cr.execute("SELECT COUNT(*) FROM stock_move WHERE product_id = ANY(%s)", [products.ids])
            print(f"Reusing {len(products)} variants and {env.cr.fetchone()[0]} moves", flush=True)
        else:
            print(f"Generating {args.variants} variants and {args.moves} moves in {args.database}", flush=True)
            start = time.perf_counter()
            warehouse, products = generate_catalogue(env, args.variants, rng)
            generate_moves(env, warehouse, products, args.moves)
            cr.commit()  # pylint: disable=invalid-commit
            print(f"  generated in {time.perf_counter() - start:.1f} s", flush=True)
    with registry.cursor() as cr:
        env = superuser_env(cr)
        print("Measuring", flush=True)
        measure_suggestion(env, warehouse.with_env(env), results)
        measure_alert_batch(env, warehouse.with_env(env), products.with_env(env), args.batch_moves, rng, results)
        cr.rollback()  # the measured work is not kept: the catalogue stays for another run
    print_figures(results)


if __name__ == "__main__":
    main()
