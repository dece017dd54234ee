#!/usr/bin/env python3
"""Benchmark of the shop search: vanilla Odoo against website_sale_shoe, in one run, on one catalogue.

Generates (once) a shoe catalogue of about --variants variants (size x colour runs) in a database where
website_sale_shoe is installed, then times the product search step of /shop?search= (``website._search_with_fuzzy``
as the shop controller calls it, for the public visitor) for a set of queries: with and without accents and with one
typo. "vanilla" runs the same call with Odoo's own search methods put back in place of ours (Odoo's ilike domain and
its fuzzy "closest word" pass); "ours" runs the installed code. Prints p50/p95 server time of each, per query and
over all queries, and the ratios.

    python3 scripts/bench_shop_search.py -c /tmp/stride-dev.conf -d benchdb --variants 200000 \
        --languages vi_VN,es_ES,fr_FR,de_DE,zh_CN

The first --seed-templates models get their size runs through the ORM (variants, SKUs and search texts exactly as in
production); the rest of the catalogue copies them in bulk SQL (templates, attribute lines and values, variants and
their combinations, with numbered names and SKUs), then computes the search texts of the copies through the ORM.
Only for a throwaway benchmark database. Later runs reuse the catalogue (templates named "Bench ...").
"""

import argparse
import random
import time
from contextlib import ExitStack
from unittest.mock import patch

QUERIES = [
    "giay chay bo",  # accents left out
    "giày chạy bộ",  # with accents
    "zapatillas",
    "zapatíllas",  # accent where the catalogue has none
    "snaeker",  # one typo (swap)
    "runing",  # one typo (missing letter)
    "chaussure cuir",
    "trailmark",  # brand
    "BENCH-0012-C42",  # SKU of one variant family
]
SEARCH_OPTIONS = {
    "displayDescription": True,
    "displayDetail": True,
    "displayExtraDetail": True,
    "displayExtraLink": True,
    "displayImage": True,
    "allowFuzzy": True,
    "category": None,
    "tags": None,
    "min_price": 0,
    "max_price": 0,
    "attribute_value_dict": {},
    "display_currency": None,
}
NAMES = [
    "Giày chạy bộ {}",
    "Zapatillas {}",
    "Chaussure cuir {}",
    "Sneaker {}",
    "Running shoe {}",
    "Trail boot {}",
    "Sandal {}",
    "Laufschuh {}",
]
WORDS = ["Nova", "Atlas", "Breeze", "Summit", "Pulse", "Drift", "Echo", "Flux", "Orbit", "Vista", "Terra", "Zephyr"]
BRANDS = ["Trailmark", "Citywalk", "Runsmall", "Peakline", "Urbano", "Sóng Việt", "Montaña", "Éclair"]
COLOURS = ["Black", "White", "Red", "Navy", "Grey", "Olive"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-c", "--config", required=True, help="Odoo configuration file")
    parser.add_argument("-d", "--database", required=True, help="database with website_sale_shoe installed")
    parser.add_argument("--variants", type=int, default=200_000, help="catalogue size to reach (variants)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each query and engine")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--seed-templates", type=int, default=40, help="models made through the ORM, then copied")
    parser.add_argument(
        "--languages",
        default="",
        help="languages to activate first, comma-separated (e.g. vi_VN,es_ES,fr_FR,de_DE,zh_CN, as the demo shop): "
        "the search texts then hold their labels, and activating one recomputes the texts of every shoe",
    )
    return parser.parse_args()


def ensure_catalogue(env, target, rng, seed_templates):
    """Bench templates (11 sizes x 3 colours = 33 variants each) until the catalogue has `target` variants."""
    existing = env["product.product"].search_count([("product_tmpl_id.name", "=like", "Bench %")])
    if existing < target:
        seeded = ensure_orm_catalogue(env, min(target, seed_templates * 33), rng)
        if seeded < target:
            clone_catalogue(env, target - seeded)
        existing = env["product.product"].search_count([("product_tmpl_id.name", "=like", "Bench %")])
    return existing


def ensure_orm_catalogue(env, target, rng):
    """Create bench templates through the ORM until the catalogue has `target` variants."""
    Template = env["product.template"].with_context(tracking_disable=True, mail_create_nolog=True)
    existing = env["product.product"].search_count([("product_tmpl_id.name", "=like", "Bench %")])
    if existing >= target:
        return existing
    brands = env["shoe.brand"].search([("name", "in", BRANDS)])
    brands |= env["shoe.brand"].create([{"name": name} for name in BRANDS if name not in brands.mapped("name")])
    colour_attribute = env["product.attribute"].search([("name", "=", "Bench colour")], limit=1) or env[
        "product.attribute"
    ].create(
        {
            "name": "Bench colour",
            "display_type": "color",
            "value_ids": [(0, 0, {"name": colour}) for colour in COLOURS],
        }
    )
    colours = colour_attribute.value_ids
    number = env["product.template"].search_count([("name", "=like", "Bench %")])
    started = time.perf_counter()
    while existing < target:
        templates = Template.create(
            [
                {
                    "name": "Bench " + rng.choice(NAMES).format(f"{rng.choice(WORDS)} {number + i}"),
                    "default_code": f"BENCH-{number + i:04d}",
                    "is_published": True,
                    "sale_ok": True,
                    "list_price": rng.randint(40, 250),
                    "shoe_brand_id": rng.choice(brands).id,
                    "shoe_gender": rng.choice(["men", "women", "unisex"]),
                    "shoe_category": rng.choice(["running", "casual", "boots", "sneakers"]),
                }
                for i in range(10)
            ]
        )
        number += len(templates)
        for template in templates:
            env["shoe.size.run.wizard"].create(
                {
                    "product_tmpl_id": template.id,
                    "size_from": "36",
                    "size_to": "46",
                    "colour_value_ids": [(6, 0, rng.sample(colours.ids, 3))],
                }
            ).action_create_size_run()
        env.cr.commit()
        env.invalidate_all()
        existing += sum(len(template.product_variant_ids) for template in templates)
        print(f"  {existing} variants ({time.perf_counter() - started:.0f} s)", flush=True)
    return existing


def _columns(cr, table):
    cr.execute(
        "SELECT column_name FROM information_schema.columns"
        " WHERE table_schema = current_schema() AND table_name = %s AND column_name <> 'id' ORDER BY ordinal_position",
        [table],
    )
    return [row[0] for row in cr.fetchall()]


def _copy_rows(cr, table, mapping, overrides):
    """INSERT copies of `table`'s rows listed in the temp table `mapping` (old_id, g, new_id, ...)."""
    from odoo.tools import SQL  # noqa: PLC0415

    columns = _columns(cr, table)
    values = [overrides.get(column, SQL("s.%s", SQL.identifier(column))) for column in columns]
    cr.execute(
        SQL(
            "INSERT INTO %s (id, %s) SELECT m.new_id, %s FROM %s m JOIN %s s ON s.id = m.old_id",
            SQL.identifier(table),
            SQL(", ").join(SQL.identifier(column) for column in columns),
            SQL(", ").join(values),
            SQL.identifier(mapping),
            SQL.identifier(table),
        )
    )


def clone_catalogue(env, missing):
    """Copy the ORM-made bench templates in bulk SQL until about `missing` more variants exist."""
    from odoo.tools import SQL  # noqa: PLC0415

    cr = env.cr
    started = time.perf_counter()
    seeds = env["product.template"].search([("name", "=like", "Bench %"), ("default_code", "not like", "%-C%")])
    per_copy = env["product.product"].search_count([("product_tmpl_id", "in", seeds.ids)])
    copies = -(-missing // per_copy)
    cr.execute("SELECT count(*) FROM product_template WHERE default_code LIKE 'BENCH-%-C%'")
    first = cr.fetchone()[0] // len(seeds) + 1
    cr.execute(
        SQL(
            """CREATE TEMP TABLE bench_tmpl ON COMMIT DROP AS
               SELECT t.id AS old_id, g, nextval('product_template_id_seq') AS new_id
                 FROM product_template t, generate_series(%s, %s) g WHERE t.id = ANY(%s)""",
            first,
            first + copies - 1,
            seeds.ids,
        )
    )
    _copy_rows(
        cr,
        "product_template",
        "bench_tmpl",
        {
            "name": SQL("s.name || jsonb_build_object('en_US', (s.name->>'en_US') || ' C' || m.g)"),
            "default_code": SQL("s.default_code || '-C' || m.g"),
            "shoe_search_text": SQL("NULL"),
        },
    )
    cr.execute(
        """CREATE TEMP TABLE bench_line ON COMMIT DROP AS
           SELECT l.id AS old_id, m.g, m.new_id AS new_tmpl, nextval('product_template_attribute_line_id_seq') AS new_id
             FROM product_template_attribute_line l JOIN bench_tmpl m ON m.old_id = l.product_tmpl_id"""
    )
    _copy_rows(cr, "product_template_attribute_line", "bench_line", {"product_tmpl_id": SQL("m.new_tmpl")})
    cr.execute(
        """INSERT INTO product_attribute_value_product_template_attribute_line_rel
                  (product_template_attribute_line_id, product_attribute_value_id)
           SELECT m.new_id, r.product_attribute_value_id
             FROM product_attribute_value_product_template_attribute_line_rel r
             JOIN bench_line m ON m.old_id = r.product_template_attribute_line_id"""
    )
    cr.execute(
        """CREATE TEMP TABLE bench_ptav ON COMMIT DROP AS
           SELECT v.id AS old_id, m.g, m.new_tmpl, m.new_id AS new_line,
                  nextval('product_template_attribute_value_id_seq') AS new_id
             FROM product_template_attribute_value v JOIN bench_line m ON m.old_id = v.attribute_line_id"""
    )
    _copy_rows(
        cr,
        "product_template_attribute_value",
        "bench_ptav",
        {"product_tmpl_id": SQL("m.new_tmpl"), "attribute_line_id": SQL("m.new_line")},
    )
    cr.execute(
        """CREATE TEMP TABLE bench_product ON COMMIT DROP AS
           SELECT p.id AS old_id, m.g, m.new_id AS new_tmpl, nextval('product_product_id_seq') AS new_id
             FROM product_product p JOIN bench_tmpl m ON m.old_id = p.product_tmpl_id"""
    )
    _copy_rows(
        cr,
        "product_product",
        "bench_product",
        {"product_tmpl_id": SQL("m.new_tmpl"), "default_code": SQL("s.default_code || '-C' || m.g")},
    )
    cr.execute(
        """INSERT INTO product_variant_combination (product_product_id, product_template_attribute_value_id)
           SELECT p.new_id, v.new_id
             FROM product_variant_combination c
             JOIN bench_product p ON p.old_id = c.product_product_id
             JOIN bench_ptav v ON v.old_id = c.product_template_attribute_value_id AND v.g = p.g"""
    )
    cr.execute(
        """UPDATE product_product p
              SET combination_indices = (SELECT string_agg(c.product_template_attribute_value_id::text, ','
                                                            ORDER BY c.product_template_attribute_value_id)
                                           FROM product_variant_combination c WHERE c.product_product_id = p.id)
             FROM bench_product m WHERE m.new_id = p.id"""
    )
    cr.execute("SELECT new_id FROM bench_tmpl ORDER BY new_id")
    new_ids = [row[0] for row in cr.fetchall()]
    print(f"  copied {copies} x {len(seeds)} models in SQL ({time.perf_counter() - started:.0f} s)", flush=True)
    cr.commit()
    Template = env["product.template"]
    search_fields = [Template._fields[name] for name in ("shoe_search_text", "shoe_search_name", "shoe_search_brand")]
    for start in range(0, len(new_ids), 500):
        batch = Template.browse(new_ids[start : start + 500])
        for field in search_fields:
            env.add_to_compute(field, batch)
        env.flush_all()
        cr.commit()
        env.invalidate_all()
    for table in ("product_template", "product_product", "product_template_attribute_value", "shoe_search_word"):
        cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))
    cr.commit()
    print(f"  search texts of the copies computed ({time.perf_counter() - started:.0f} s)", flush=True)


def vanilla_patches(env):
    """Odoo's own search methods in place of website_sale_shoe's, for the duration of a `with`."""
    from odoo.addons.website.models.mixins import WebsiteSearchableMixin  # noqa: PLC0415
    from odoo.addons.website.models.website import Website  # noqa: PLC0415

    stack = ExitStack()
    stack.enter_context(
        patch.object(type(env["product.template"]), "_search_fetch", WebsiteSearchableMixin._search_fetch)
    )
    stack.enter_context(patch.object(type(env["website"]), "_search_find_fuzzy_term", Website._search_find_fuzzy_term))
    return stack


def time_search(website, query):
    started = time.perf_counter()
    count, _details, _fuzzy = website._search_with_fuzzy(
        "products_only",
        query,
        limit=None,
        order="is_published desc, website_sequence asc, id desc",
        options=dict(SEARCH_OPTIONS),
    )
    return (time.perf_counter() - started) * 1000, count


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main():
    args = parse_args()
    import odoo  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    config.parse_config(["-c", args.config, "-d", args.database])
    registry = Registry(args.database)
    rng = random.Random(args.seed)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        for code in filter(None, args.languages.split(",")):
            env["res.lang"]._activate_and_install_lang(code.strip())
            cr.commit()
        print(f"Catalogue: {ensure_catalogue(env, args.variants, rng, args.seed_templates)} variants")
        env.registry.clear_cache()
        public = env.ref("base.public_user")
        website = env["website"].search([], limit=1).with_user(public).with_context(website_id=None)
        website = website.with_context(website_id=website.id)
        timings = {"vanilla": [], "ours": []}
        print(
            f"{'query':<16} {'vanilla p50/p95 ms':>19} {'ours p50/p95 ms':>16} {'ratio p50/p95':>14} {'hits v/o':>10}"
        )
        for query in QUERIES:
            row = {}
            for engine in ("vanilla", "ours"):
                with vanilla_patches(env) if engine == "vanilla" else ExitStack():
                    time_search(website, query)  # warm-up: plans, ORM caches
                    runs = []
                    for _run in range(args.runs):
                        # As a new request would: no records cached, nor what the cursor's cache keeps for the
                        # transaction (ours: the alternatives of the searched words).
                        env.invalidate_all()
                        cr.cache.clear()
                        elapsed, count = time_search(website, query)
                        runs.append(elapsed)
                    timings[engine] += runs
                    row[engine] = (percentile(runs, 0.5), percentile(runs, 0.95), count)
                cr.rollback()
            (v50, v95, v_hits), (o50, o95, o_hits) = row["vanilla"], row["ours"]
            print(
                f"{query:<16} {v50:>9.1f}/{v95:<9.1f} {o50:>7.1f}/{o95:<8.1f} {v50 / o50:>6.1f}x/{v95 / o95:<6.1f}x "
                f"{v_hits:>5}/{o_hits:<5}"
            )
        summary = {engine: (percentile(values, 0.5), percentile(values, 0.95)) for engine, values in timings.items()}
        for engine, (p50, p95) in summary.items():
            print(f"{engine:<8} p50 {p50:8.1f} ms   p95 {p95:8.1f} ms")
        print(
            f"ratio vanilla/ours: p50 {summary['vanilla'][0] / summary['ours'][0]:.1f}x, "
            f"p95 {summary['vanilla'][1] / summary['ours'][1]:.1f}x"
        )


if __name__ == "__main__":
    main()
