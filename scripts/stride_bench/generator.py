"""The benchmark's data: one deterministic shop (catalogue, stock, vendors, customers, two years of orders, a loyalty
club, portal shoppers and a staff user), written into a database that has only plain Odoo modules.

Everything here uses plain Odoo models and columns, so the suite database (a copy of this one with ``stride``
installed over it) holds exactly the same records. Volume goes in by SQL through the existing benchmark generators
(``bench_crm`` customers and orders, ``bench_restock`` stock moves); the catalogue goes through the ORM, so that
variants, attribute combinations, images and vendor prices are exactly as Odoo makes them.
"""

import base64
import io
import json
import math
import time
from dataclasses import dataclass

FIXTURE_KEY = "stride_bench.fixture"
SHOPPER_LOGIN = "bench_shopper_{}"
STAFF_LOGIN = "bench_staff"
CATEGORY = "Bench Shoes"
KINDS = ("Trail Runner", "Court Sneaker", "Leather Boot", "Road Racer", "Canvas Slip-on", "Hiking Shoe")
SIZES = ("38", "39", "40", "41", "42", "43", "44", "45")
COLOURS = (("Black", "#1b1b1b"), ("White", "#f4f4f4"), ("Red", "#c0392b"), ("Navy", "#1f3a5f"),
           ("Grey", "#8e8e8e"), ("Olive", "#6b7a3a"))
COLOURS_PER_TEMPLATE = 3
WORDS = ("Nova", "Atlas", "Breeze", "Summit", "Pulse", "Drift", "Echo", "Flux", "Orbit", "Vista", "Terra", "Zephyr")
SEARCH_WORD = "Zephyr"  # in the name of one template in twelve
VENDORS = ("Bench Vendor Saigon Footwear", "Bench Vendor Porto Leather", "Bench Vendor Guangzhou Soles")
TEMPLATE_BATCH = 50


@dataclass(frozen=True)
class Size:
    """How much the generator makes."""

    variants: int
    customers: int
    moves: int
    shoppers: int = 5
    orders_per_customer: float = 4.0  # over the two years, on average
    lines_per_order: float = 2.5
    days: int = 730


FULL = Size(variants=20000, customers=100000, moves=1000000, shoppers=20)
QUICK = Size(variants=300, customers=1000, moves=10000, shoppers=5)


def template_count(variants: int) -> int:
    """Templates needed for at least ``variants`` variants, each in every size and three colours."""
    return math.ceil(variants / (len(SIZES) * COLOURS_PER_TEMPLATE))


def template_colours(number: int) -> list[str]:
    """The three colours of template ``number``: consecutive colours, shifted by one from a template to the next."""
    return [COLOURS[(number + offset) % len(COLOURS)][0] for offset in range(COLOURS_PER_TEMPLATE)]


def template_name(number: int) -> str:
    """``Bench Trail Runner Nova 0``: a kind and a word, both turning with the number (the search word included)."""
    return f"Bench {KINDS[number % len(KINDS)]} {WORDS[number % len(WORDS)]} {number}"


def shoe_image(number: int, size: int = 256) -> bytes:
    """A small PNG of a shoe-like shape in the template's first colour, different for every number."""
    from PIL import Image, ImageDraw  # noqa: PLC0415 - only when building images

    colour = dict(COLOURS)[template_colours(number)[0]]
    image = Image.new("RGB", (size, size), "#ffffff")
    draw = ImageDraw.Draw(image)
    lift = (number * 7) % (size // 8)
    draw.rounded_rectangle((size // 10, size // 2 - lift, size * 9 // 10, size * 3 // 4), radius=size // 10,
                           fill=colour, outline="#333333", width=3)
    draw.rectangle((size // 10, size // 3 - lift, size * 2 // 5, size // 2 - lift), fill=colour, outline="#333333")
    draw.rectangle((size // 10, size * 3 // 4, size * 9 // 10, size * 4 // 5), fill="#444444")
    draw.text((size // 8, size // 8), str(number), fill="#333333")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def generate(env, size: Size, password: str, seed: float = 0.16, log=print) -> dict:
    """Fill the plain database of ``env`` (superuser, no tracking) with ``size``; returns the fixture, also stored
    in the parameter ``stride_bench.fixture``. The caller commits."""
    import bench_crm  # noqa: PLC0415 - scripts/ is on the path of scripts/bench
    import bench_restock  # noqa: PLC0415

    env.cr.execute("SELECT setseed(%s)", [seed])  # the SQL generators' random() repeat from one build to another
    steps = []

    def step(label, started):
        steps.append((label, time.perf_counter() - started))
        log(f"  {label}: {steps[-1][1]:.1f} s")

    started = time.perf_counter()
    pricelists = bench_crm.setup_currencies(env, weeks=math.ceil(size.days / 7) + 1)
    step("currencies, weekly rates and a pricelist per currency", started)
    started = time.perf_counter()
    templates = create_catalogue(env, size, log)
    variants = templates.product_variant_ids
    step(f"catalogue: {len(templates)} templates, {len(variants)} variants with images and vendors", started)
    started = time.perf_counter()
    warehouse = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)
    add_stock(env, warehouse, variants)
    bench_restock.generate_moves(env, warehouse, variants, size.moves)
    step(f"stock: quants, orderpoints, {size.moves} done moves", started)
    started = time.perf_counter()
    partner_ids = bench_crm.insert_customers(env, size.customers)
    bench_crm.insert_orders(env, partner_ids, variants.ids, pricelists, size.orders_per_customer,
                            size.lines_per_order, days=size.days)
    settle_orders(env)
    step(f"customers and {size.days} days of orders in four currencies", started)
    started = time.perf_counter()
    create_loyalty_club(env)
    step("loyalty club: a card per customer, points per order", started)
    started = time.perf_counter()
    fixture = create_users(env, size, password, templates)
    env["ir.config_parameter"].set_param(FIXTURE_KEY, json.dumps(fixture, sort_keys=True))
    step(f"{size.shoppers} portal shoppers with orders, a staff user, the fixture", started)
    for table in ("product_template", "product_product", "stock_quant", "stock_move", "res_partner", "sale_order",
                  "sale_order_line", "loyalty_card", "loyalty_history"):
        env.cr.execute(f"ANALYZE {table}")  # noqa: S608 - table names of this module
    env.invalidate_all()
    return fixture


def create_catalogue(env, size, log):
    """Published shoe templates in sizes and colours, with an image, a category and a vendor price each."""
    from odoo.fields import Command  # noqa: PLC0415 - only when run

    colour = env["product.attribute"].create({
        "name": "Bench Colour", "display_type": "color", "create_variant": "always",
        "value_ids": [Command.create({"name": name, "html_color": code}) for name, code in COLOURS],
    })
    shoe_size = env["product.attribute"].create({
        "name": "Bench Size", "display_type": "pills", "create_variant": "always",
        "value_ids": [Command.create({"name": name}) for name in SIZES],
    })
    colour_ids = {value.name: value.id for value in colour.value_ids}
    category = env["product.public.category"].create({"name": CATEGORY})
    vendors = env["res.partner"].create([{"name": name, "is_company": True, "supplier_rank": 1} for name in VENDORS])
    Template = env["product.template"].with_context(tracking_disable=True, mail_create_nolog=True)
    templates = Template.browse()
    count = template_count(size.variants)
    for start in range(0, count, TEMPLATE_BATCH):
        numbers = range(start, min(count, start + TEMPLATE_BATCH))
        templates |= Template.create([{
            "name": template_name(number),
            "default_code": f"BENCH-{number:05d}",
            "type": "consu",
            "is_storable": True,
            "sale_ok": True,
            "purchase_ok": True,
            "is_published": True,
            "list_price": 50 + (number * 13) % 150,
            "standard_price": 20 + (number * 7) % 60,
            "public_categ_ids": [Command.set(category.ids)],
            "image_1920": base64.b64encode(shoe_image(number)),
            "attribute_line_ids": [
                Command.create({"attribute_id": colour.id, "value_ids": [
                    Command.set([colour_ids[name] for name in template_colours(number)])]}),
                Command.create({"attribute_id": shoe_size.id, "value_ids": [Command.set(shoe_size.value_ids.ids)]}),
            ],
            "seller_ids": [Command.create({
                "partner_id": vendors[number % len(vendors)].id, "price": 20 + (number * 7) % 60,
                "min_qty": (1, 6, 12)[number % 3], "delay": 3 + number % 19,
            })],
        } for number in numbers])
        env.flush_all()
        log(f"    {len(templates)}/{count} templates")
    return templates


def add_stock(env, warehouse, variants):
    """On-hand stock of every variant (0 to 120 units) and a reordering rule each (manual: plain Odoo's trigger)."""
    from odoo.tools import SQL  # noqa: PLC0415 - only when run

    location = warehouse.lot_stock_id
    env.flush_all()
    env.cr.execute(SQL(
        """
        INSERT INTO stock_quant (product_id, location_id, quantity, reserved_quantity, in_date, company_id)
        SELECT id, %s, floor(random() * 121), 0, now() at time zone 'UTC', %s
          FROM product_product WHERE id = ANY(%s) ORDER BY id
        """,
        location.id, env.company.id, variants.ids,
    ))
    Orderpoint = env["stock.warehouse.orderpoint"]
    for start in range(0, len(variants), 2000):
        Orderpoint.create([{
            "product_id": variant.id, "warehouse_id": warehouse.id, "location_id": location.id,
            "trigger": "manual", "product_min_qty": 10, "product_max_qty": 60,
        } for variant in variants[start:start + 2000]])
        env.flush_all()
    env.invalidate_all()


def settle_orders(env):
    """Of the generated confirmed orders, one in 25 cancelled; those older than two weeks delivered."""
    cr = env.cr
    cr.execute("UPDATE sale_order SET state = 'cancel' WHERE id IN "
               "(SELECT id FROM bench_orders WHERE state = 'sale' AND id % 25 = 0)")
    cr.execute("UPDATE sale_order_line SET state = 'cancel' WHERE order_id IN "
               "(SELECT id FROM bench_orders WHERE state = 'sale' AND id % 25 = 0)")
    cr.execute(
        """
        UPDATE sale_order_line SET qty_delivered = product_uom_qty
         WHERE state = 'sale' AND order_id IN (SELECT id FROM bench_orders
                                                WHERE state = 'sale' AND date_order < now() - interval '14 days')
        """
    )
    cr.execute("SELECT 1 FROM information_schema.columns WHERE table_name = 'sale_order' "
               "AND column_name = 'delivery_status'")
    if cr.fetchone():
        cr.execute(
            """
            UPDATE sale_order SET delivery_status = CASE WHEN date_order < now() - interval '14 days'
                                                         THEN 'full' ELSE 'pending' END
             WHERE state = 'sale' AND id IN (SELECT id FROM bench_orders)
            """
        )


def create_loyalty_club(env):
    """A loyalty program (one point per unit spent) with a card for every generated customer and a points line
    for each of their confirmed orders: what a tier review reads once loyalty_tier is installed."""
    from odoo.fields import Command  # noqa: PLC0415 - only when run

    program = env["loyalty.program"].create({
        "name": "Bench Club", "program_type": "loyalty", "applies_on": "both", "trigger": "auto",
        "rule_ids": [Command.create({"reward_point_mode": "money", "reward_point_amount": 1, "minimum_amount": 0})],
        "reward_ids": [Command.create({"reward_type": "discount", "discount_mode": "percent", "discount": 5,
                                       "discount_applicability": "order", "required_points": 500})],
    })
    env.flush_all()
    cr = env.cr
    cr.execute(
        """
        INSERT INTO loyalty_card (program_id, partner_id, company_id, code, points, active, create_date, write_date)
        SELECT DISTINCT %(program)s, partner_id, %(company)s, 'BENCH-' || partner_id, 0, true, now(), now()
          FROM bench_orders
        """,
        {"program": program.id, "company": env.company.id},
    )
    cr.execute(
        """
        INSERT INTO loyalty_history (card_id, order_model, order_id, description, issued, used, create_date,
                                     write_date)
        SELECT card.id, 'sale.order', orders.id, 'Order ' || orders.name, floor(orders.amount_total / orders.rate),
               0, orders.date_order, orders.date_order
          FROM (SELECT o.id, o.name, o.partner_id, o.amount_total, o.date_order,
                       CASE WHEN c.name = 'VND' THEN 27500 ELSE 1 END AS rate
                  FROM sale_order o JOIN res_currency c ON c.id = o.currency_id
                 WHERE o.id IN (SELECT id FROM bench_orders) AND o.state = 'sale') AS orders
          JOIN loyalty_card card ON card.partner_id = orders.partner_id AND card.program_id = %(program)s
        """,
        {"program": program.id},
    )
    cr.execute(
        """
        UPDATE loyalty_card card SET points = total.points
          FROM (SELECT card_id, SUM(issued) AS points FROM loyalty_history GROUP BY card_id) AS total
         WHERE card.id = total.card_id AND card.program_id = %s
        """,
        [program.id],
    )
    env.invalidate_all()


def create_users(env, size, password, templates):
    """Portal shoppers with confirmed orders (through the ORM, with their deliveries), a staff user, and the
    fixture the route benchmark reads."""
    from odoo.fields import Command  # noqa: PLC0415 - only when run

    website = env["website"].search([], limit=1)
    country = env.ref("base.fr")
    shoppers = env["res.users"].with_context(no_reset_password=True).create([{
        "name": f"Bench Shopper {number}", "login": SHOPPER_LOGIN.format(number), "password": password,
        "email": f"{SHOPPER_LOGIN.format(number)}@shop-bench.example",
        "group_ids": [Command.set([env.ref("base.group_portal").id])],
        "street": f"{number} rue des Coureurs", "city": "Lyon", "zip": "69001", "country_id": country.id,
        "phone": f"+33 6 12 34 56 {number:02d}",
    } for number in range(1, size.shoppers + 1)])
    staff_groups = [env.ref(xmlid).id for xmlid in (
        "base.group_user", "sales_team.group_sale_manager", "stock.group_stock_manager",
        "purchase.group_purchase_manager", "website.group_website_designer",
    )]
    staff = env["res.users"].with_context(no_reset_password=True).create({
        "name": "Bench Staff", "login": STAFF_LOGIN, "password": password, "email": "staff@shop-bench.example",
        "group_ids": [Command.set(staff_groups)],
    })
    order_ids = []
    for index, shopper in enumerate(shoppers):
        orders = env["sale.order"].create([{
            "partner_id": shopper.partner_id.id, "website_id": website.id,
            "order_line": [Command.create({"product_id": variant.id, "product_uom_qty": 1 + line})
                           for line, variant in enumerate(
                               templates[(index + order) % len(templates)].product_variant_ids[:2])],
        } for order in range(3)])
        orders.action_confirm()
        order_ids.append(orders[0].id)
    showcase = templates.filtered(lambda template: SEARCH_WORD in template.name)[:1] or templates[:1]
    colour = showcase.attribute_line_ids.filtered(lambda line: line.attribute_id.display_type == "color")
    return {
        # The keys of stride_bench.fixture's contract (fixture.py), which `scripts/bench run` reads.
        "shopper_logins": shoppers.mapped("login"),
        "shopper_password": password,
        "staff_login": staff.login,
        "staff_password": password,
        "product_template_id": showcase.id,
        "search_word": SEARCH_WORD,
        "attribute_id": colour.attribute_id.id,
        "attribute_value_id": colour.value_ids[:1].id,
        "order_id": order_ids[0],
        "website_id": website.id,
    }
