"""What the benchmark's routes are asked about, in each database: the ``stride_bench.fixture`` system parameter.

`scripts/bench build` writes it into both databases (same records, same ids). Its JSON keys:

    shopper_logins        portal users who shop (the driver uses the first)      ["bench_shopper_1", ...]
    shopper_password      their common password
    product_template_id   a published product with variants in stock
    search_word           a word of that product's name
    attribute_value_id    a product.attribute.value of that product (the /shop filter)
    order_id              a confirmed order of the first shopper (the portal order page)
    staff_login, staff_password, api_key   a backend salesman and his API key (XML-RPC, JSON-2)

Whatever is missing is created here and written back, so `scripts/bench run` works on any two databases with
website_sale and payment_demo installed: a published product with two colours in stock, a portal shopper with an
address and a confirmed order, a backend salesman with an API key. The demo payment provider is always switched to
test mode and published (the checkout pays with it). Each run calls the APIs with a key of its own (`run_api_key`).
"""

import json

PARAMETER = "stride_bench.fixture"
PASSWORD = "Bench-Shopper-2026"  # noqa: S105 - a benchmark account; meets the suite's password policy
STAFF_PASSWORD = "Bench-Staff-2026"  # noqa: S105 - idem
RUN_KEY = "Stride benchmark run"


def ensure_fixture(database: str) -> dict:
    """The fixture of `database`, completed (and saved) where something was missing."""
    import odoo  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    with Registry(database).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True, "mail_notrack": True})
        parameters = env["ir.config_parameter"]
        fixture = json.loads(parameters.get_param(PARAMETER) or "{}")
        before = dict(fixture)
        if "product_template_id" not in fixture:
            fixture.update(_make_product(env))
        if "shopper_logins" not in fixture:
            fixture.update(_make_shopper(env, fixture["product_template_id"]))
        if "staff_login" not in fixture:
            fixture.update(_make_staff(env))
        enable_demo_provider(env)
        if fixture != before:
            parameters.set_param(PARAMETER, json.dumps(fixture))
            print(f"  {database}: benchmark fixture completed with {', '.join(sorted(set(fixture) - set(before)))}",
                  flush=True)
        return fixture


def _make_product(env) -> dict:
    colour = env["product.attribute"].create({
        "name": "Bench colour",
        "create_variant": "always",
        "value_ids": [(0, 0, {"name": "Bench red"}), (0, 0, {"name": "Bench blue"})],
    })
    template = env["product.template"].create({
        "name": "Stride benchrunner",
        "type": "consu",
        "is_storable": True,
        "list_price": 120.0,
        "sale_ok": True,
        "is_published": True,
        "attribute_line_ids": [(0, 0, {"attribute_id": colour.id, "value_ids": [(6, 0, colour.value_ids.ids)]})],
    })
    stock = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1).lot_stock_id
    for variant in template.product_variant_ids:
        env["stock.quant"]._update_available_quantity(variant, stock, 1_000_000)
    return {"product_template_id": template.id, "search_word": "benchrunner",
            "attribute_value_id": colour.value_ids[0].id}


def _make_shopper(env, template_id: int) -> dict:
    country = env.company.country_id or env.ref("base.us")
    shopper = env["res.users"].with_context(no_reset_password=True).create({
        "name": "Bench Shopper 1",
        "login": "bench_shopper_1",
        "email": "bench_shopper_1@example.com",
        "password": PASSWORD,
        "group_ids": [(6, 0, [env.ref("base.group_portal").id])],
    })
    # A complete address (the state too where the country asks for one), or checkout sends the shopper to the form.
    shopper.partner_id.write({"street": "1 Bench Street", "city": "Benchville", "zip": "10001",
                              "country_id": country.id, "state_id": country.state_ids[:1].id,
                              "phone": "+1 555 0100"})
    variant = env["product.template"].browse(template_id).product_variant_ids[:1]
    order = env["sale.order"].create({
        "partner_id": shopper.partner_id.id,
        "website_id": env["website"].search([], limit=1).id,
        "order_line": [(0, 0, {"product_id": variant.id, "product_uom_qty": 2})],
    })
    order.action_confirm()
    return {"shopper_logins": [shopper.login], "shopper_password": PASSWORD, "order_id": order.id}


def _make_staff(env) -> dict:
    staff = env["res.users"].with_context(no_reset_password=True).create({
        "name": "Bench Salesman",
        "login": "bench_staff",
        "email": "bench_staff@example.com",
        "password": STAFF_PASSWORD,
        "group_ids": [(6, 0, [env.ref("sales_team.group_sale_salesman_all_leads").id])],
    })
    return {"staff_login": staff.login, "staff_password": STAFF_PASSWORD, "api_key": _new_api_key(env, staff)}


def _new_api_key(env, user, name="Stride benchmark") -> str:
    # sudo: a key without expiry (the benchmark runs again tomorrow); a salesman alone may only make short ones.
    return env["res.users.apikeys"].with_user(user).sudo()._generate(None, name, None)


def run_api_key(env, login: str) -> str:
    """A key of `login` for this run only, replacing the previous run's: with rpc_rate_limit (1,000 requests per
    key and hour) a few runs in one hour would otherwise use up the fixture's key and be answered 429."""
    user = env["res.users"].search([("login", "=", login)])
    env["res.users.apikeys"].search([("user_id", "=", user.id), ("name", "=", RUN_KEY)]).unlink()
    return _new_api_key(env, user, RUN_KEY)


def enable_demo_provider(env, company=None) -> None:
    """Odoo's demo payment provider in test mode, published (for `company` when given), with its payment methods
    active: the checkout of `scripts/bench run` and of `scripts/bench load` pays with it."""
    provider = env.ref("payment.payment_provider_demo")
    provider.write({"state": "test", "is_published": True, **({"company_id": company.id} if company else {})})
    provider.payment_method_ids.filtered(lambda method: not method.active).write({"active": True})
