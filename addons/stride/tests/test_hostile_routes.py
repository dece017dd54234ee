import inspect
import re
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import requests
from werkzeug.routing.converters import NumberConverter

from odoo import http
from odoo.tests import HttpCase, tagged

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

from .common import StrideCustomersMixin
from .test_access_matrix import our_addons

XSS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>')
# Raw in an HTML page, these would run: an escaped reflection (&lt;script&gt;) is harmless and allowed.
XSS_MARKERS = ("<script>alert(1)", "<img src=x onerror=alert(1)>")
UNKNOWN_ID = "999999999"
# One value of each kind a field or a query parameter receives; each parameter gets a few, in rotation.
PAYLOADS = (
    XSS[0], XSS[1], "²", "٣", "ab\x00cd", "é" * 1000, "-1", "99999999999999999999999", "0x1F", "1e309",
    "x-" + UNKNOWN_ID, "[1, 2]", "",
)
BIG_BODY = 3 * 1024 * 1024
# JSON-RPC answers an error with its traceback ("debug"); these are the refusals, the others are server errors.
CLIENT_ERRORS = ("odoo.exceptions.", "werkzeug.exceptions.", "odoo.http.SessionExpiredException")
# Parameters routes taking ``**kw`` receive besides their own: what Odoo's forms and our overrides read.
COMMON_PARAMS = (
    "tags", "order", "attribute_value", "search", "page", "redirect", "r", "login", "password", "name", "email",
    "description", "qty", "add_qty", "product_id", "order_id", "access_token", "token", "code", "type",
)
# Routes that end the session or never end: the corpus leaves them out.
SKIPPED_PATHS = ("/web/session/logout", "/websocket")
# The URL variable names of our routes, and the records of the other customer each stands for.
VARIABLE_MODELS = {
    "order_id": "sale.order", "line_id": "sale.order.line", "card_id": "loyalty.card", "ticket_id": "helpdesk.ticket",
    "rma_id": "rma", "review_id": "sale.order.product.review",
}


@dataclass
class Route:
    """One rule of Odoo's routing map whose endpoint one of our addons declares or overrides."""

    path: str
    variables: dict  # name -> werkzeug converter
    routing: dict
    params: tuple  # the endpoint's keyword parameters, besides the URL's variables
    takes_any: bool  # the endpoint takes **kw
    owners: list = field(default_factory=list)  # our addons defining the endpoint, the declaring one first
    declared: bool = False  # declared by one of our addons (else an Odoo route they extend)
    sibling: bool = False  # another URL of an endpoint met before: only its URL's variables are tried

    @property
    def methods(self):
        return self.routing.get("methods") or ["GET", "POST"]

    @property
    def is_json(self):
        return self.routing.get("type") in ("json", "jsonrpc")

    @property
    def needs_csrf(self):
        return not self.is_json and self.routing.get("csrf", True)

    def url(self, values):
        return re.sub(r"<(?:[^:<>]+:)?(\w+)>", lambda match: values[match[1]], self.path)


def our_routes(env):
    """The rules of the routing map whose endpoint is defined, or overridden, in one of our addons."""
    ours = our_addons(env)
    routes, seen = [], set()
    for rule in env["ir.http"].routing_map().iter_rules():
        method = rule.endpoint.func
        name = method.__name__
        definers = [
            cls.__module__.split(".")[2] for cls in reversed(type(method.__self__).mro())
            if name in cls.__dict__ and cls.__module__.startswith("odoo.addons.")
        ]
        owners = [addon for addon in definers if addon in ours]
        if not owners or rule.rule.startswith(SKIPPED_PATHS):
            continue
        endpoint = (type(method.__self__).__name__, name)
        signature = inspect.signature(method)
        params = tuple(
            param.name for param in signature.parameters.values()
            if param.kind in (param.POSITIONAL_OR_KEYWORD, param.KEYWORD_ONLY) and param.name not in rule.arguments
        )
        takes_any = any(param.kind == param.VAR_KEYWORD for param in signature.parameters.values())
        routes.append(Route(rule.rule, dict(rule._converters), rule.endpoint.routing, params, takes_any, owners,
                            declared=definers[0] in ours, sibling=endpoint in seen))
        seen.add(endpoint)
    return routes


@tagged("post_install", "-at_install")
class TestHostileRoutes(StrideCustomersMixin, HttpCase):
    """Every public and portal route our addons declare or extend, sent a corpus of hostile input by a visitor and by
    a customer: scripts, unicode digits, NUL bytes, long strings, absurd numbers, another customer's ids, unknown
    slugs, 3 MB bodies, forms with and without their CSRF token. No answer may be a server error or show a
    traceback, a script reflected unescaped, or the other customer's data; the other customer's records stay as
    they were."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        cls._customer_records_setup(prefix="hostile")
        cls.attacker, cls.victim = cls.owned["alice"], cls.owned["bob"]
        for records in (cls.attacker, cls.victim):
            records["sale.order"].action_confirm()
        cls.victim_secrets = (
            cls.victim["sale.order"].name,
            cls.victim["product.attribute.custom.value"].custom_value,
            cls.customers["bob"].email,
        )

    def _victim_snapshot(self):
        victim = {model: records.sudo() for model, records in self.victim.items()}
        victim["sale.order"].invalidate_recordset()
        return (
            victim["sale.order"].read(["state", "pipeline_stage", "amount_total", "partner_id"]),
            victim["product.attribute.custom.value"].read(["custom_value"]),
            victim["loyalty.card"].read(["points", "partner_id"]),
            victim["helpdesk.ticket"].read(["name", "stage_id", "partner_id"]),
            victim["rma"].read(["state", "partner_id"]),
            victim["sale.order.product.review"].read(["partner_id", "rating"]),
        )

    def _url_values(self, route, role, kind):
        """The URL's variables: the records of this customer ("own"), of the other one ("victim"), or none."""
        values = {}
        for name, converter in route.variables.items():
            model = getattr(converter, "model", None) or VARIABLE_MODELS.get(name)
            records = (self.attacker if role == "portal" and kind == "own" else self.victim)
            record = records.get(model) if model else None
            if kind == "unknown" or not record:
                number = UNKNOWN_ID if kind == "unknown" else "1"
                values[name] = f"x-{number}" if getattr(converter, "model", None) else number
            elif getattr(converter, "model", None):
                values[name] = f"x-{record[:1].id}"
            elif isinstance(converter, NumberConverter):
                values[name] = str(record[:1].id)
            else:
                values[name] = XSS[0] if kind == "victim" else "x"
        return values

    def _payload_params(self, route, turn):
        """A value of the corpus for each parameter the route reads, shifted by ``turn`` from one request to the next;
        the other customer's order id is one of them."""
        names = list(route.params) + ([name for name in COMMON_PARAMS if name not in route.params]
                                      if route.takes_any else [])
        payloads = (*PAYLOADS, str(self.victim["sale.order"].id))
        return {name: payloads[(index + turn) % len(payloads)] for index, name in enumerate(names)}

    def _big_field(self, route):
        """A 3 MB value in the first parameter the route reads (nothing when it reads none)."""
        names = route.params + (COMMON_PARAMS if route.takes_any else ())
        return {names[0]: "x" * BIG_BODY} if names else {}

    def _requests(self, route, role):
        """(label, method, URL, keyword arguments of url_open) for one route and role: a sample of the corpus."""
        own, victim, unknown = (route.url(self._url_values(route, role, kind)) for kind in ("own", "victim", "unknown"))
        token = {"csrf_token": http.Request.csrf_token(self)} if route.needs_csrf else {}
        sent = []
        if "GET" in route.methods:
            sent.append(("GET payloads", own, {"params": self._payload_params(route, 0)}))
            if route.variables:
                sent.append(("GET other customer's ids", victim, {"params": self._payload_params(route, 1)}))
                sent.append(("GET unknown ids", unknown, {}))
        if "POST" in route.methods:
            if route.is_json:
                sent.append(("JSON payloads", own, {"json": self.build_rpc_payload(self._payload_params(route, 2))}))
                sent.append(("JSON not JSON", own, {"data": XSS[0], "headers": {"Content-Type": "application/json"}}))
                if route.variables:
                    sent.append(("JSON other customer's ids", victim,
                                 {"json": self.build_rpc_payload(self._payload_params(route, 3))}))
                big = self._big_field(route)
                sent.append(("JSON 3 MB", own, {"json": self.build_rpc_payload(big)} if big else
                             {"data": "x" * BIG_BODY, "headers": {"Content-Type": "application/json"}}))
            else:
                sent.append(("POST payloads", own, {"data": {**self._payload_params(route, 2), **token}}))
                if route.variables:
                    sent.append(("POST other customer's ids", victim,
                                 {"data": {**self._payload_params(route, 3), **token}}))
                if route.needs_csrf:
                    sent.append(("POST without CSRF token", own, {"data": self._payload_params(route, 4)}))
                sent.append(("POST 3 MB", own, {"data": {**self._big_field(route), **token}}))
        return sent

    def _problems(self, response):
        """What is wrong with one answer, as short phrases."""
        problems = []
        if response.status_code >= 500:
            problems.append(f"status {response.status_code}")
        body = response.text
        if "json" in response.headers.get("Content-Type", ""):
            try:
                error = response.json().get("error") or {}
            except (ValueError, AttributeError):
                error = {}
            name = (error.get("data") or {}).get("name", "") if isinstance(error, dict) else ""
            if name and not name.startswith(CLIENT_ERRORS):
                problems.append(f"JSON-RPC server error {name}")
        elif "Traceback (most recent call last)" in body:
            problems.append("traceback in the body")
        if "html" in response.headers.get("Content-Type", ""):
            problems.extend(f"unescaped {marker!r}" for marker in XSS_MARKERS if marker in body)
        problems.extend(f"leaks {secret!r}" for secret in self.victim_secrets if secret in body)
        location = urlsplit(response.headers.get("Location", ""))
        if location.netloc and location.netloc != urlsplit(self.base_url()).netloc:
            problems.append(f"redirects away to {location.netloc!r}")
        return problems

    def test_hostile_corpus_on_every_route_of_ours(self):
        routes = our_routes(self.env)
        self.assertGreaterEqual(len(routes), 43, "Fewer routes than our addons declare: is the routing map read?")
        before = self._victim_snapshot()
        failures, count, started = [], 0, time.monotonic()
        for role, login in (("public", None), ("portal", self.customers["alice"].login)):
            self.authenticate(login, login)
            for route in routes:
                sample = self._requests(route, role)
                if role == "public" and route.routing.get("auth") == "user":
                    sample = sample[:1]  # refused at the door: one knock is enough
                elif route.sibling:
                    sample = [request for request in sample if request[0].startswith(("GET other", "GET unknown"))]
                for label, url, kwargs in sample:
                    count += 1
                    where = f"{route.path} [{role}, {label}]"
                    try:
                        response = self.url_open(url, timeout=30, allow_redirects=False, **kwargs)
                    except requests.RequestException as error:
                        failures.append(f"{where}: no answer ({type(error).__name__})")
                        self.authenticate(login, login)
                        continue
                    failures.extend(f"{where}: {problem}" for problem in self._problems(response))
        self.assertEqual(self._victim_snapshot(), before, "The corpus changed the other customer's records")
        self._logger.info(
            "hostile corpus: %s requests on %s routes (%s declared by our addons, %s of Odoo's they extend) in %.0f s",
            count, len(routes), sum(route.declared for route in routes), sum(not route.declared for route in routes),
            time.monotonic() - started,
        )
        self.assertFalse(failures, f"{len(failures)} hostile requests of {count} went wrong:\n" + "\n".join(failures))
