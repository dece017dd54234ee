"""`scripts/bench run`: the routes a shop lives on, asked of plain Odoo and of the suite in turn, in one process.

    scripts/bench run -c CONF --plain DB1 --suite DB2 [--rounds N] [--warm-up N] [--budgets FILE]
                      [--json FILE] [--markdown FILE] [--chart FILE] [--judge cpu_p50|wall_p50|wall_p95|cpu_p95]

Both databases are served by Odoo's own WSGI application inside this process (no HTTP server, no network, see
`stride_bench.wsgi`). Each round walks a shopper's visit and a back office's day through every route; each route is
asked of one database then of the other, the order alternating from one round to the next (and from one route to the
next), so that a load spike on the machine hits both alike. The first --warm-up rounds are not counted.

Per route and database: p50/p95/p99 of the wall time, p50/p95 of the thread's CPU time, the SQL queries of a request
(exact), the errors (an answer other than 2xx/3xx, a JSON-RPC error, an XML-RPC fault, an exception); per route the
ratios suite/plain and the queries the suite adds. Printed as a table, written as Markdown, JSON and a PNG chart
(drawn by `chart.py` in the benchmark's own virtual environment). With --budgets, exits 1 when a route passes its
budget (budgets.json beside this file: the ratio is judged on the statistic its "judge" names, the median CPU time
unless --judge says otherwise, because on a shared machine the wall clock measures the queue for the cores as much as
our code).

The subjects (shopper, product, search word, filter, order, salesman and API key) come from each database's
``stride_bench.fixture`` parameter, completed by `stride_bench.fixture` where missing.
"""

import argparse
import json
import os
import re
import subprocess
import time
import xmlrpc.client
from collections import Counter
from dataclasses import asdict
from pathlib import Path

from stride_bench import explain, report
from stride_bench.fixture import ensure_fixture, run_api_key
from stride_bench.wsgi import Browser, measure, serve_databases

HERE = Path(__file__).resolve().parent
OUTPUT = HERE.parents[1] / ".cache" / "bench"
SIDES = ("plain", "suite")


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="scripts/bench run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-c", "--config", required=True, help="Odoo configuration file (addons path, PostgreSQL)")
    parser.add_argument("--plain", required=True, help="database with the plain Odoo modules")
    parser.add_argument("--suite", required=True, help="database with the Stride suite on the same data")
    parser.add_argument("--rounds", type=int, default=20, help="timed rounds of every route (default 20)")
    parser.add_argument("--warm-up", type=int, default=3, help="rounds not counted: caches, plans (default 3)")
    parser.add_argument("--json", default=str(OUTPUT / "run.json"), help="figures as JSON (default %(default)s)")
    parser.add_argument("--markdown", default=str(OUTPUT / "run.md"), help="table as Markdown (default %(default)s)")
    parser.add_argument("--chart", default=str(OUTPUT / "run.png"), help="PNG chart (default %(default)s)")
    parser.add_argument("--no-chart", action="store_true", help="skip the chart (no virtual environment needed)")
    parser.add_argument("--budgets", help="budgets file (JSON, e.g. scripts/stride_bench/budgets.json): exit 1 "
                                          "when a route passes its budget")
    parser.add_argument("--judge", choices=sorted(report.JUDGES),
                        help="statistic whose ratio is judged (default: the budgets file's, else cpu_p50)")
    parser.add_argument("--explain", action="append", default=[], metavar="ROUTE",
                        help="say which addon asks which queries of ROUTE, on both sides (repeatable; 'all' for "
                             "every route); reading the stack at every query slows the run, whose times then "
                             "are not the routes'")
    parser.add_argument("--explain-queries", metavar="FILE",
                        help="with --explain: also write each query of the explained routes to FILE (route, side, "
                             "source and the SQL's first characters, tab-separated)")
    return parser.parse_args(argv)


def web_client_specification(env, model: str, view_type: str) -> dict:
    """The ``specification`` the web client sends to web_search_read for the default `view_type` view of `model`:
    every field the view shows (its subviews' fields are not read by the list or kanban), relations as their
    display name. Derived from each database's own view, so that fields our addons add to the view are read."""
    from lxml import etree  # noqa: PLC0415

    view = env[model].get_views([(False, view_type)])["views"][view_type]
    fields = env[model]._fields
    specification = {}
    for node in etree.fromstring(view["arch"]).iter("field"):
        if any(ancestor.tag == "field" for ancestor in node.iterancestors()):
            continue
        name = node.get("name")
        field = fields.get(name)
        if field is None:
            continue
        related = field.type in ("many2one", "many2many", "one2many")
        specification[name] = {"fields": {"display_name": {}}} if related else {}
    return specification


def subjects_of(database: str) -> dict:
    """Everything the routes ask for in `database`: its fixture, and what follows from it."""
    import odoo  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    fixture = ensure_fixture(database)
    with Registry(database).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        template = env["product.template"].browse(fixture["product_template_id"])
        value = env["product.attribute.value"].browse(fixture["attribute_value_id"])
        return {
            **fixture,
            "api_key": run_api_key(env, fixture["staff_login"]),
            "product_url": template.website_url,
            "product_id": template.product_variant_ids[:1].id,
            "filter": f"{value.attribute_id.id}-{value.id}",
            "list_spec": web_client_specification(env, "sale.order", "list"),
            "kanban_spec": web_client_specification(env, "sale.order", "kanban"),
        }


class Side:
    """The visitors of one database: a public visitor, the shopper, the salesman (web client) and an integrator."""

    def __init__(self, database: str, subjects: dict):
        self.database, self.subjects = database, subjects
        self.public = Browser(database)
        self.public.bind()
        self.shopper = Browser(database)
        self.shopper.login(subjects["shopper_logins"][0], subjects["shopper_password"])
        # The same customer in a session of its own for the order page: Odoo's portal pager reads the neighbours of
        # the order in the session's last order list, and the payment confirmation adds an order to that list every
        # round (its neighbours and their reads changed from round to round: 57-58 queries).
        self.customer = Browser(database)
        self.customer.login(subjects["shopper_logins"][0], subjects["shopper_password"])
        self.staff = Browser(database)
        self.staff_uid = self.staff.login(subjects["staff_login"], subjects["staff_password"])
        self.integrator = Browser(database)  # no session: XML-RPC names the database, JSON-2 a header
        self.payment = {}  # what the payment page tells the payment form: route, token, demo method
        self.writes = 0

    # The shopper's visit, in the order a visit goes (each route leaves the state the next one needs).
    def home(self):
        yield self.public.open("/")

    def shop(self):
        yield self.public.open("/shop")

    def shop_search(self):
        yield self.public.open(f"/shop?search={self.subjects['search_word']}")

    def shop_filter(self):
        yield self.public.open(f"/shop?attribute_values={self.subjects['filter']}")

    def product_page(self):
        yield self.public.open(self.subjects["product_url"])

    def cart_add(self):
        yield self._jsonrpc(self.shopper, "/shop/cart/add", {
            "product_template_id": self.subjects["product_template_id"],
            "product_id": self.subjects["product_id"], "quantity": 1})

    def cart(self):
        yield self.shopper.open("/shop/cart")

    def checkout(self):
        yield self.shopper.open("/shop/checkout")

    def payment_page(self):
        response = self.shopper.open("/shop/payment")
        self.payment = payment_context(response.get_data(as_text=True))
        yield response

    def pay(self):
        """The payment form's calls with the demo provider: the transaction, then the simulated card payment."""
        context = self.payment
        if not context:
            raise RuntimeError("the payment page showed no payment form with the demo provider")
        response = self._jsonrpc(self.shopper, context["transaction_route"], {
            "provider_id": context["provider_id"], "payment_method_id": context["payment_method_id"],
            "token_id": None, "amount": context["amount"], "flow": "direct", "tokenization_requested": False,
            "landing_route": context["landing_route"], "is_validation": False,
            "access_token": context["access_token"]})
        yield response
        reference = json.loads(response.get_data())["result"]["reference"]
        yield self._jsonrpc(self.shopper, "/payment/demo/simulate_payment", {
            "reference": reference, "payment_details": "4242", "simulated_state": "done"})

    def payment_confirmation(self):
        """Where the browser goes after paying: the status page, its poll (which post-processes the transaction:
        the order is confirmed there), the landing page (which empties the cart) and its confirmation page."""
        yield self.shopper.open("/payment/status")
        poll = self._jsonrpc(self.shopper, "/payment/status/poll", {})
        yield poll
        landing = json.loads(poll.get_data())["result"]["landing_route"]
        yield self.shopper.open(landing, follow_redirects=True)

    def my_orders(self):
        yield self.shopper.open("/my/orders")

    def my_order(self):
        yield self.customer.open(f"/my/orders/{self.subjects['order_id']}")

    # The back office and the integrators.
    def backend_list(self):
        yield self._web_search_read(self.subjects["list_spec"], limit=80)

    def backend_kanban(self):
        yield self._web_search_read(self.subjects["kanban_spec"], limit=40)

    def xmlrpc_read(self):
        yield self._xmlrpc("read", [[self.subjects["order_id"]]], {"fields": API_FIELDS})

    def xmlrpc_write(self):
        yield self._xmlrpc("write", [[self.subjects["order_id"]], {"client_order_ref": self._next_reference()}], {})

    def json2_read(self):
        yield self._json2("read", {"ids": [self.subjects["order_id"]], "fields": API_FIELDS})

    def json2_write(self):
        yield self._json2("write", {"ids": [self.subjects["order_id"]],
                                    "vals": {"client_order_ref": self._next_reference()}})

    def _next_reference(self) -> str:
        self.writes += 1
        return f"bench {self.writes}"

    @staticmethod
    def _jsonrpc(browser, url, params):
        return browser.open(url, method="POST", content_type="application/json",
                            data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}))

    def _web_search_read(self, specification, limit):
        return self._jsonrpc(self.staff, "/web/dataset/call_kw/sale.order/web_search_read", {
            "model": "sale.order", "method": "web_search_read", "args": [],
            "kwargs": {"specification": specification, "offset": 0, "order": "", "limit": limit,
                       "context": {"lang": "en_US", "tz": "UTC", "uid": self.staff_uid, "bin_size": True},
                       "count_limit": 10001, "domain": []}})

    def _xmlrpc(self, method, args, kwargs):
        body = xmlrpc.client.dumps((self.database, self.staff_uid, self.subjects["api_key"], "sale.order", method,
                                    args, kwargs), "execute_kw", allow_none=True)
        return self.integrator.open("/xmlrpc/2/object", method="POST", content_type="text/xml", data=body)

    def _json2(self, method, payload):
        return self.integrator.open(f"/json/2/sale.order/{method}", method="POST", json=payload, headers={
            "Authorization": f"bearer {self.subjects['api_key']}", "X-Odoo-Database": self.database})


API_FIELDS = ["name", "partner_id", "date_order", "amount_total", "currency_id", "state", "order_line"]

# Route name -> Side method, in the order of a round.
ROUTES = {
    "home /": Side.home,
    "/shop": Side.shop,
    "/shop?search": Side.shop_search,
    "/shop?filter": Side.shop_filter,
    "product page": Side.product_page,
    "cart add": Side.cart_add,
    "/shop/cart": Side.cart,
    "/shop/checkout": Side.checkout,
    "/shop/payment": Side.payment_page,
    "pay (demo provider)": Side.pay,
    "payment confirmation": Side.payment_confirmation,
    "/my/orders": Side.my_orders,
    "/my/orders/<id>": Side.my_order,
    "backend list": Side.backend_list,
    "backend kanban": Side.backend_kanban,
    "XML-RPC read": Side.xmlrpc_read,
    "XML-RPC write": Side.xmlrpc_write,
    "JSON-2 read": Side.json2_read,
    "JSON-2 write": Side.json2_write,
}

_DATA = re.compile(r'data-([a-z-]+)="([^"]*)"')


def payment_context(html: str) -> dict:
    """What the payment form's script reads from the payment page: its routes and token, and the demo provider's
    payment method (the radio button whose provider code is "demo"); {} when the page has no such form."""
    form = re.search(r"<form[^>]*data-transaction-route=[^>]*>", html)
    demo = next((tag for tag in re.findall(r"<input[^>]*>", html) if 'data-provider-code="demo"' in tag), None)
    if not form or not demo:
        return {}
    attributes = dict(_DATA.findall(form.group(0)))
    option = dict(_DATA.findall(demo))
    amount = attributes.get("amount")
    return {
        "transaction_route": attributes["transaction-route"],
        "landing_route": attributes["landing-route"],
        "access_token": attributes["access-token"],
        "amount": float(amount) if amount else None,
        "provider_id": int(option["provider-id"]),
        "payment_method_id": int(option["payment-option-id"]),
    }


def drive(sides: dict, rounds: int, warm_up: int, sources=None, explained=()) -> dict:
    """Asks every route of both sides, interleaved; the measures of the counted rounds per route and side. With
    `sources` (an `explain.QuerySources`), the queries of the `explained` routes are attributed too."""
    samples = {route: {side: [] for side in SIDES} for route in ROUTES}
    for round_ in range(warm_up + rounds):
        for index, (route, method) in enumerate(ROUTES.items()):
            order = SIDES if (round_ + index) % 2 == 0 else SIDES[::-1]
            for side in order:
                if sources is not None:
                    counted = round_ >= warm_up and route in explained
                    sources.active = (route, side) if counted else None
                sample = measure(method(sides[side]))
                if round_ >= warm_up:
                    samples[route][side].append(asdict(sample))
        print(f"  round {round_ + 1}/{warm_up + rounds}{' (warm-up)' if round_ < warm_up else ''}", flush=True)
    return samples


def draw_chart(json_file: str, png_file: str) -> None:
    """The PNG chart, drawn by chart.py with matplotlib in the benchmark's own virtual environment."""
    from stride_bench.venv import bench_python  # noqa: PLC0415

    subprocess.run([bench_python(), str(HERE / "chart.py"), json_file, png_file], check=True)  # noqa: S603


def main(argv) -> int:
    args = parse_args(argv)
    budgets = json.loads(Path(args.budgets).read_text(encoding="utf-8")) if args.budgets else {}
    judge = args.judge or budgets.get("judge", "cpu_p50")
    databases = {"plain": args.plain, "suite": args.suite}
    explained = list(ROUTES) if "all" in args.explain else args.explain
    unknown = [route for route in explained if route not in ROUTES]
    if args.explain_queries and not explained:
        raise SystemExit("--explain-queries: name the routes with --explain ROUTE (or 'all')")
    if unknown:
        raise SystemExit(f"--explain: no route {', '.join(map(repr, unknown))}; the routes: {', '.join(ROUTES)}")
    serve_databases(args.config, list(databases.values()))
    sides = {side: Side(database, subjects_of(database)) for side, database in databases.items()}
    sources = None
    if explained:
        sources = explain.QuerySources(HERE.parents[1] / "addons", keep_queries=bool(args.explain_queries))
        sources.install()
    load_before = os.getloadavg()
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    samples = drive(sides, args.rounds, args.warm_up, sources, explained)
    meta = {**databases, "rounds": args.rounds, "warm_up": args.warm_up, "load": [load_before, os.getloadavg()],
            "cpus": os.cpu_count(), "started": started, "judge": judge}
    figures = report.route_figures(samples)
    failures = report.verdicts(figures, budgets, judge) if args.budgets else None
    gaps = report.known_gaps(budgets)
    print(report.text_table(figures, meta))
    for route in explained:
        counts = [sources.counts.get((route, side), Counter()) for side in SIDES]
        totals = tuple(sum(count.values()) / args.rounds for count in counts)
        print(explain.text_table(route, explain.compare_sources(*counts, args.rounds), totals))
    for path in (args.json, args.markdown, args.chart):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps({"meta": meta, "routes": figures}, indent=1), encoding="utf-8")
    Path(args.markdown).write_text(report.markdown(figures, meta, failures, gaps), encoding="utf-8")
    print(f"Written: {args.json}, {args.markdown}", end="")
    if args.explain_queries:
        Path(args.explain_queries).write_text(explain.query_lines(sources.queries), encoding="utf-8")
        print(f", {args.explain_queries}", end="")
    if not args.no_chart:
        draw_chart(args.json, args.chart)
        print(f", {args.chart}", end="")
    print()
    if gaps:
        print("Known gaps (budgets above the target):\n  " + "\n  ".join(gaps))
    if failures:
        print(f"Budgets passed (ratio judged on the {report.JUDGES[judge]}):\n  " + "\n  ".join(failures))
        return 1
    if failures is not None:
        print(f"Every route holds its budget (ratio judged on the {report.JUDGES[judge]}).")
    return 0
