"""What `scripts/bench load` reads and writes in the database, through Odoo's ORM in this process: which of our addons
it has (the suite's database or plain Odoo's), the records the scenario needs (--prepare), the limited stock topped up
before each run, the integrators' API keys of one run, and after the run the orders paid and the units sold of the
limited products (the oversold check). The same on both kinds of database: only Odoo's own models and fields."""

import secrets
from datetime import timedelta
from pathlib import Path

from stride_harness.addons import discover

from odoo import SUPERUSER_ID, Command, api, fields

from stride_bench.fixture import enable_demo_provider
from stride_bench.load_figures import PIPELINE_MODULE, database_kind

ADDONS = Path(__file__).resolve().parents[2] / "addons"

LIMITED_CODE = "BENCH-LIMITED-%02d"
STOCKED_CODE = "BENCH-STOCK-%03d"
# Names the shoppers search for (each stocked product carries one).
SEARCH_WORDS = ["runner", "trail", "court", "boot", "sandal"]
SHOPPER_LOGIN = "bench.shopper%03d@example.com"
STAFF_LOGIN = "bench.staff%d@example.com"  # one per staff user of the locustfile (2)
STAFF_USERS = 2
INTEGRATOR_LOGIN = "bench.integrator@example.com"
# The bench users' password, made at random by --prepare and kept where only administrators read it.
PASSWORD_PARAM = "stride_bench.load_password"
API_KEY_NAME = "scripts/bench load"
STOCKED_UNITS = 1_000_000


def superuser_env(cr):
    return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True, "mail_notrack": True, "lang": "en_US"})


def shop_of(env):
    """The website the shoppers visit and the warehouse it sells from."""
    website = env["website"].search([], order="id", limit=1)
    warehouse = website.warehouse_id or env["stock.warehouse"].search(
        [("company_id", "=", website.company_id.id)], order="id", limit=1
    )
    return website, warehouse


def prepare(env, limited=10, stocked=200, shoppers=60):
    """Make what the scenario needs, keeping what an earlier --prepare made: the demo payment provider enabled and
    published, no SMS when a delivery is validated, `limited` products whose stock each run tops up, `stocked`
    products with plenty of stock, the shoppers' portal users, a staff user and an integrator user."""
    website, warehouse = shop_of(env)
    enable_demo_provider(env, website.company_id)
    # Inventory's "SMS Confirmation" (on in a new company): the first delivery validated would open stock_sms's
    # dialog instead, and the next ones send a text through Odoo's IAP service, off this machine. Off in both
    # databases, as in a shop without SMS credits.
    website.company_id.stock_text_confirmation = False
    templates = env["product.template"]
    for number in range(1, limited + 1):
        templates |= _product(env, LIMITED_CODE % number, f"Bench Limited Edition {number:02d}", 120.0)
    for number in range(1, stocked + 1):
        word = SEARCH_WORDS[number % len(SEARCH_WORDS)]
        template = _product(env, STOCKED_CODE % number, f"Bench {word.title()} {number:03d}", 40.0 + number % 50)
        if template.product_variant_id.with_context(warehouse_id=warehouse.id).qty_available < STOCKED_UNITS / 2:
            _set_on_hand(env, template.product_variant_id, warehouse, STOCKED_UNITS)
    password = env["ir.config_parameter"].sudo().get_param(PASSWORD_PARAM)
    if not password:
        # One password for both kinds of database: long, with upper and lower case, a digit and a special
        # character, it meets the suite's auth_security_policy (even with special characters asked for) and plain
        # Odoo's auth_password_policy.
        password = f"Bl{secrets.token_urlsafe(18)}9#"
        env["ir.config_parameter"].sudo().set_param(PASSWORD_PARAM, password)
    company = website.company_id
    address = {"street": "1 Bench Street", "city": "Benchville", "zip": company.zip or "10000",
               "country_id": company.country_id.id,
               "state_id": (company.state_id or company.country_id.state_ids[:1]).id, "phone": "+1 555 0100"}
    portal = env.ref("base.group_portal")
    for number in range(1, shoppers + 1):
        _user(env, SHOPPER_LOGIN % number, f"Bench Shopper {number:03d}", [portal], password, address)
    internal = [env.ref("base.group_user"), env.ref("sales_team.group_sale_salesman_all_leads"),
                env.ref("stock.group_stock_user")]
    for number in range(1, STAFF_USERS + 1):
        _user(env, STAFF_LOGIN % number, f"Bench Staff {number}", internal, password, address)
    _user(env, INTEGRATOR_LOGIN, "Bench Integrator", internal, password, address)
    env.flush_all()


def _product(env, code, name, price):
    template = env["product.template"].with_context(active_test=False).search([("default_code", "=", code)], limit=1)
    values = {"name": name, "default_code": code, "type": "consu", "is_storable": True, "list_price": price,
              "sale_ok": True, "is_published": True, "allow_out_of_stock_order": False, "active": True}
    if template:
        template.write({key: value for key, value in values.items() if template[key] != value})
        return template
    return env["product.template"].create(values)


def _user(env, login, name, groups, password, address):
    user = env["res.users"].with_context(active_test=False).search([("login", "=", login)], limit=1)
    if not user:
        user = env["res.users"].with_context(no_reset_password=True).create(
            {"name": name, "login": login, "email": login, "password": password,
             "group_ids": [Command.set([group.id for group in groups])]}
        )
    elif not user.active:
        user.active = True
    user.partner_id.write(address)
    return user


def _set_on_hand(env, product, warehouse, quantity):
    """An inventory adjustment of `product` in the warehouse's stock location to `quantity` (a stock move, as a
    count in the warehouse makes)."""
    env["stock.quant"].with_context(inventory_mode=True).create(
        {"product_id": product.id, "location_id": warehouse.lot_stock_id.id, "inventory_quantity": quantity}
    ).action_apply_inventory()


def limited_products(env):
    return env["product.product"].search([("default_code", "=like", "BENCH-LIMITED-%")], order="default_code")


def top_up_limited(env, units):
    """Give each limited product `units` free units in the shop's warehouse (what the stock location holds, plus the
    difference between `units` and what is free now); what the shop may sell of each when the run starts."""
    _website, warehouse = shop_of(env)
    products = limited_products(env)
    for product in products.with_context(warehouse_id=warehouse.id):
        # Free is counted over the whole warehouse (picked units wait in its output location), the count is made
        # in its stock location: move that one by the difference.
        in_stock = product.with_context(location=warehouse.lot_stock_id.id).qty_available
        _set_on_hand(env, product, warehouse, max(in_stock + units - product.free_qty, 0))
    env.invalidate_all()
    return {p.default_code: p.free_qty for p in products.with_context(warehouse_id=warehouse.id)}


def installed_addons(env):
    """Our addons (those of addons/) installed in the database: none in plain Odoo's."""
    return set(env["ir.module.module"].search([("state", "=", "installed"), ("name", "in", list(discover(ADDONS)))])
               .mapped("name"))


def scenario(env, database, api_keys):
    """What the locustfile needs to know (written to a JSON file it reads)."""
    website, warehouse = shop_of(env)
    ours = installed_addons(env)
    templates = env["product.template"].search([("default_code", "=like", "BENCH-%")], order="default_code")
    if not templates or not limited_products(env):
        raise LookupError(f"{database} has no benchmark products: run `scripts/bench load --prepare` once")
    shoppers = env["res.users"].search([("login", "=like", "bench.shopper%@example.com")], order="login")
    company = website.company_id
    return {
        "database": database,
        "kind": database_kind(ours),
        "pipeline": PIPELINE_MODULE in ours,  # staff move orders through its stages; without it, transfers
        "products": [
            {"template_id": t.id, "product_id": t.product_variant_id.id, "url": t.website_url,
             "limited": t.default_code.startswith("BENCH-LIMITED-")}
            for t in templates
        ],
        "search_words": SEARCH_WORDS,
        "shoppers": shoppers.mapped("login"),
        "password": env["ir.config_parameter"].sudo().get_param(PASSWORD_PARAM),
        "staff": [STAFF_LOGIN % number for number in range(1, STAFF_USERS + 1)],
        "integrator_uid": _integrator(env).id,
        "integrator_keys": api_keys,
        # The guests' address: the shop's country, and a state when the country asks for one.
        "address": {"country_id": company.country_id.id,
                    "state_id": (company.state_id or company.country_id.state_ids[:1]).id,
                    "zip": company.zip or "10000"},
        "warehouse": warehouse.name,
    }


def detach_pdfs(env):
    """Take the PDF reports off the order and invoice mail templates; {template id: report ids} to put them back.

    For a machine without wkhtmltopdf: there Odoo cannot render the order's PDF for its confirmation mail, the
    payment's post-processing fails and no order is ever paid. The run then measures without the PDFs."""
    templates = env["mail.template"].search(
        [("model", "in", ("sale.order", "account.move")), ("report_template_ids", "!=", False)]
    )
    detached = {template.id: template.report_template_ids.ids for template in templates}
    templates.write({"report_template_ids": [Command.clear()]})
    return detached


def attach_pdfs(env, detached):
    for template_id, report_ids in detached.items():
        env["mail.template"].browse(template_id).report_template_ids = [Command.set(report_ids)]


def _integrator(env):
    return env["res.users"].search([("login", "=", INTEGRATOR_LOGIN)], limit=1)


def make_api_keys(env, count):
    """`count` API keys of the integrator, valid for a day (each key has its own rate-limit count)."""
    integrator = _integrator(env)
    expiry = fields.Datetime.now() + timedelta(days=1)
    keys = env["res.users.apikeys"].with_user(integrator)
    return [keys._generate(None, API_KEY_NAME, expiry) for _ in range(count)]


def drop_api_keys(env):
    env["res.users.apikeys"].sudo().search(
        [("user_id", "=", _integrator(env).id), ("name", "=", API_KEY_NAME)]
    ).unlink()


def results(env, started, sellable):
    """Orders paid since `started` and, for the limited products, units sold, stock below zero (per product and
    location) and units of paid orders that no stock could be reserved for."""
    orders = env["sale.order"].search(
        [("website_id", "!=", False), ("state", "=", "sale"), ("date_order", ">=", started)]
    )
    products = limited_products(env)
    sold = dict.fromkeys(sellable, 0.0)
    for line in orders.order_line.filtered(lambda line: line.product_id in products):
        sold[line.product_id.default_code] += line.product_uom_id._compute_quantity(
            line.product_uom_qty, line.product_id.uom_id
        )
    # Summed per product and location: a quant row below zero beside another one is not stock below zero. When a
    # concurrent reservation holds a location's quant row locked, Odoo moves stock out of a new row of the same
    # product and location (its row lock skips locked rows) and its scheduler merges the rows later; seen in both
    # databases: 23 on hand in one row, -1 in the other.
    negative = env["stock.quant"]._read_group(
        [("product_id", "in", products.ids), ("location_id.usage", "=", "internal")],
        ["product_id", "location_id"], ["quantity:sum"], having=[("quantity:sum", "<", 0)],
    )
    short = env["stock.move"].search(
        [("product_id", "in", products.ids), ("sale_line_id.order_id", "in", orders.ids),
         ("state", "in", ("confirmed", "waiting", "partially_available"))]
    )
    return {
        "orders_paid": len(orders),
        "sold": sold,
        "negative_quants": [
            {"product": product.default_code, "location": location.complete_name, "quantity": quantity}
            for product, location, quantity in negative
        ],
        "units_without_stock": sum(move.product_uom_qty - move.quantity for move in short),
    }
