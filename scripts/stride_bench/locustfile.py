"""The load scenario of `scripts/bench load`: shoppers, staff and integrators against one Odoo (the suite's database
or plain Odoo's), the way browsers and API clients talk to it. Run by Locust in the benchmark's own virtual
environment (never beside Odoo), headless:

    python -m locust -f locustfile.py --headless --host http://127.0.0.1:PORT ...

with STRIDE_LOAD_SCENARIO naming the JSON that `scripts/bench load` wrote (products, logins, API keys) and
STRIDE_LOAD_OUTCOME the JSON this file writes when Locust stops (orders paid, sold-out refusals, first errors).

Who does what (weights chosen for the issue's target: 50 shoppers, >= 10,000 orders/hour):
- Shoppers (every user but the fixed staff and integrators): a visit is home (1 in 3 visits), /shop, a search
  (2 in 3), one or two product pages, add to cart (half the carts take one of the limited products, to provoke
  the last-unit race), the cart, checkout (guests fill the address form; logged-in portal shoppers, 1 in 2, have
  theirs), the payment page, the demo provider's payment, the status poll, the confirmation. Shoppers pause between
  pages for the scenario's "think" seconds (--think; by default 0.2-1 s, a hurried shopper: the target of 10,000
  orders/hour at 50 shoppers leaves 18 s per order).
- Staff (2 users): the backend's JSON-RPC call_kw, like the web client: the fulfilment list of paid orders with
  transfers, then one order moved one step on (load_figures.next_staff_move). With sale_order_pipeline: its pick
  (and pack) transfer validated (the pipeline moves it to Packaging), shipped with a tracking number
  (action_pipeline_ship: Shipping), then delivered (action_pipeline_confirm_receipt); with a one-step delivery,
  action_pipeline_advance moves Confirmed to Packaging. In plain Odoo the list is by delivery status and the order's
  ready transfers are validated in turn (button_validate), nothing else. Each staff user owns the orders whose id %
  2 is its number, so two never move the same order at once. 2-5 s between moves.
- Integrators (2 users, one API key each): JSON-2 (`/json/2/<model>/<method>`, bearer key) reads of products with
  their stock and of recent orders (with their pipeline stage, or Odoo's delivery status in plain Odoo), and
  XML-RPC `execute_kw` reads of orders; 3-6 s between calls (within rpc_rate_limit's 1,000 requests per key and
  hour, where it is installed).
A refused payment because the last units went to another cart (website_sale_stock_hold's message, or
website_sale_stock's in plain Odoo) is the right answer, not an error: it is counted apart. Any other non-2xx/3xx
answer, JSON-RPC error or failed check is an error.
"""

import itertools
import json
import os
import random
import re
import time
import xmlrpc.client
from urllib.parse import urlparse

from locust import HttpUser, between, events, task
from locust.exception import StopUser

# scripts/ is on PYTHONPATH (load.py sets it)
from stride_bench.load_figures import dialog_opened, fulfilment_list, is_loopback, next_staff_move, order_stage_field

SCENARIO = json.loads(open(os.environ["STRIDE_LOAD_SCENARIO"], encoding="utf-8").read())  # noqa: SIM115, PTH123
PIPELINE = SCENARIO["pipeline"]  # sale_order_pipeline installed (the suite); False in plain Odoo
ORDER_FIELDS = ["name", "amount_total", order_stage_field(PIPELINE)]  # what integrators read of orders
OUTCOME_PATH = os.environ["STRIDE_LOAD_OUTCOME"]
FIRST_ERRORS_KEPT = 20

# What the run counts beside Locust's own statistics, written to STRIDE_LOAD_OUTCOME when Locust stops.
OUTCOME = {"orders_paid": 0, "sold_out_refusals": 0, "sold_out_adds": 0, "staff_moves": 0, "first_errors": []}
_shopper_numbers = itertools.count()
_staff_numbers = itertools.count()
_integrator_numbers = itertools.count()
FAILED = object()  # what OdooUser.rpc returns for an error (a call's own result may be None)

CSRF_INPUT = re.compile(r'name="csrf_token"\s+value="([^"]+)"')
PAYMENT_FORM = {
    "transaction_route": re.compile(r'data-transaction-route="([^"]+)"'),
    "access_token": re.compile(r'data-access-token="([^"]+)"'),
    "landing_route": re.compile(r'data-landing-route="([^"]+)"'),
}
# Odoo's /payment/status/poll answers the error "retry" while the transaction's post-processing is not finished;
# its status page then polls again (payment's post_processing controller and status page script). So do shoppers.
POLL_RETRY = re.compile(r"^retry$")
POLL_ATTEMPTS = 10
POLL_DELAY = 0.5  # seconds between two polls
PAYMENT_OPTION = re.compile(r'<input[^>]*data-payment-option-type="payment_method"[^>]*>')
# website_sale_stock's refusal ("You ask for 2 ... but only 1 is available"), raised by website_sale_stock_hold's
# check under its lock, and the checkout's own "not available" guard.
SOLD_OUT = re.compile(
    r"only \d+(\.\d+)? (is|are) available|not available|became unavailable|update your cart before paying",
    re.IGNORECASE,
)


@events.test_start.add_listener
def refuse_remote_hosts(environment, **_kwargs):
    if not is_loopback(environment.host or ""):
        environment.runner.quit()
        raise SystemExit(f"refusing to send load to {environment.host}: only loopback addresses are allowed")


@events.quitting.add_listener
def write_outcome(environment, **_kwargs):
    with open(OUTCOME_PATH, "w", encoding="utf-8") as output:  # noqa: PTH123
        json.dump(OUTCOME, output, indent=1)


def record_error(name: str, detail: str) -> None:
    if len(OUTCOME["first_errors"]) < FIRST_ERRORS_KEPT:
        OUTCOME["first_errors"].append({"request": name, "at": time.time(), "detail": detail[:2000]})


def jsonrpc_body(params: dict) -> dict:
    return {"jsonrpc": "2.0", "method": "call", "id": random.randint(1, 10**9), "params": params}


class OdooUser(HttpUser):
    abstract = True

    def get_page(self, url, name, expect=None):
        """GET a page like a browser (redirects followed); an error unless it answers 2xx and contains `expect`."""
        with self.client.get(url, name=name, catch_response=True) as response:
            if not response.status_code or response.status_code >= 400:
                self.fail(response, name, f"HTTP {response.status_code} at {response.url}")
            elif expect and expect not in response.text:
                self.fail(response, name, f"{expect!r} not in the page at {response.url}")
            return response

    def rpc(self, url, params, name, allowed_error=None):
        """A website/backend JSON-RPC call; its result, or FAILED when Odoo answered an error (counted as one unless
        `allowed_error` matches its message, then the message is returned in a dict {"refused": message})."""
        with self.client.post(url, json=jsonrpc_body(params), name=name, catch_response=True) as response:
            if not response.status_code or response.status_code >= 400:
                self.fail(response, name, f"HTTP {response.status_code}: {response.text[:500]}")
                return FAILED
            try:
                answer = response.json()
            except ValueError:
                self.fail(response, name, f"not JSON: {response.text[:300]}")
                return FAILED
            if "error" in answer:
                error = answer["error"]
                message = (error.get("data") or {}).get("message") or error.get("message", "")
                if allowed_error and allowed_error.search(message):
                    return {"refused": message}
                debug = (error.get("data") or {}).get("debug", "")
                self.fail(response, name, f"JSON-RPC error: {message}\n{debug[-1500:]}")
                return FAILED
            return answer.get("result")

    def fail(self, response, name, detail):
        response.failure(detail.splitlines()[0][:300] if detail else "failed")
        record_error(name, detail)

    def check_failed(self, name, detail):
        """A failed check that no single response shows: an error of the run all the same."""
        self.environment.events.request.fire(request_type="CHECK", name=name, response_time=0, response_length=0,
                                             exception=AssertionError(detail[:300]), context={})
        record_error(name, detail)

    def login(self, login, password, landing):
        page = self.get_page("/web/login", "/web/login (page)")
        if page.status_code != 200:
            raise StopUser()  # counted as an error by get_page
        token = CSRF_INPUT.search(page.text)
        if not token:
            self.fail(page, "/web/login (page)", "no CSRF token on the login page")
            raise StopUser()
        data = {"login": login, "password": password, "csrf_token": token.group(1), "redirect": landing}
        with self.client.post("/web/login", data=data, name="/web/login (post)", catch_response=True) as response:
            if response.status_code >= 400 or urlparse(response.url).path == "/web/login":
                self.fail(response, "/web/login (post)", f"login of {login} refused (HTTP {response.status_code})")
                raise StopUser()


class Shopper(OdooUser):
    """A shop visitor who buys: as a guest or as a logged-in portal customer."""

    weight = 1
    wait_time = between(0.5, 2.0)  # between visits

    def on_start(self):
        number = next(_shopper_numbers)
        logins = SCENARIO["shoppers"]
        self.portal_login = logins[number // 2] if number % 2 and number // 2 < len(logins) else None
        if self.portal_login:
            self.login(self.portal_login, SCENARIO["password"], "/shop")

    @staticmethod
    def think():
        time.sleep(random.uniform(*SCENARIO["think"]))  # gevent's monkey-patched sleep: other users run meanwhile

    @task
    def visit_and_buy(self):
        products = SCENARIO["products"]
        if random.random() < 1 / 3:
            self.get_page("/", "/ (home)")
            self.think()
        self.get_page("/shop", "/shop")
        self.think()
        if random.random() < 2 / 3:
            word = random.choice(SCENARIO["search_words"])
            self.get_page(f"/shop?search={word}", "/shop?search=")
            self.think()
        limited = [p for p in products if p["limited"]]
        stocked = [p for p in products if not p["limited"]]
        wanted = [random.choice(stocked)]
        if random.random() < 0.5:
            wanted.insert(0, random.choice(limited))
        added = 0
        for product in wanted:
            self.get_page(product["url"], "/shop/<product>", expect=f'value="{product["product_id"]}"')
            self.think()
            result = self.rpc(
                "/shop/cart/add",
                {"product_template_id": product["template_id"], "product_id": product["product_id"],
                 "quantity": random.choice((1, 1, 2)) if product["limited"] else 1},
                "/shop/cart/add",
            )
            if result is FAILED:
                return
            if result.get("quantity"):
                added += 1
            else:
                OUTCOME["sold_out_adds"] += 1
        if not added:
            return
        self.get_page("/shop/cart", "/shop/cart")
        self.think()
        if not self.checkout():
            return
        self.pay()

    def checkout(self):
        """From the cart to the payment page: guests give their address first. False when the visit ends here."""
        page = self.get_page("/shop/checkout?try_skip_step=true", "/shop/checkout")
        if urlparse(page.url).path == "/shop/address":
            token = CSRF_INPUT.search(page.text)
            if not token:
                self.fail(page, "/shop/address", "no CSRF token in the address form")
                return False
            self.think()
            if not self.submit_address(token.group(1)):
                return False
            page = self.get_page("/shop/checkout?try_skip_step=true", "/shop/checkout")
        if urlparse(page.url).path != "/shop/payment":
            page = self.get_page("/shop/payment", "/shop/payment")
        self.payment_page = page
        return page.status_code < 400

    def submit_address(self, csrf_token):
        number = random.randint(1, 10**9)
        data = {
            "csrf_token": csrf_token, "address_type": "billing", "use_delivery_as_billing": "true",
            "name": f"Load Guest {number}", "email": f"load.guest.{number}@example.com", "phone": "+1 555 0100",
            "street": "1 Bench Street", "city": "Benchville", "zip": SCENARIO["address"]["zip"],
            "country_id": str(SCENARIO["address"]["country_id"]),
        }
        if SCENARIO["address"].get("state_id"):
            data["state_id"] = str(SCENARIO["address"]["state_id"])
        with self.client.post("/shop/address/submit", data=data, name="/shop/address/submit",
                              catch_response=True) as response:
            if not response.status_code or response.status_code >= 400:
                self.fail(response, "/shop/address/submit", f"HTTP {response.status_code}")
                return False
            feedback = response.json() if response.text.startswith("{") else {}
            if feedback.get("invalid_fields") or feedback.get("messages"):
                self.fail(response, "/shop/address/submit", f"address refused: {response.text[:500]}")
                return False
        return True

    def pay(self):
        """The demo provider's payment of the cart shown on the payment page, then the status page and the
        confirmation, as the payment form's JavaScript does."""
        page = self.payment_page
        form = {key: pattern.search(page.text) for key, pattern in PAYMENT_FORM.items()}
        demo = next((tag for tag in PAYMENT_OPTION.findall(page.text) if 'data-provider-code="demo"' in tag), None)
        if not all(form.values()) or demo is None:
            if urlparse(page.url).path == "/shop/cart" or SOLD_OUT.search(page.text):
                # The last units went to another cart between the product page and the payment page.
                OUTCOME["sold_out_refusals"] += 1
            else:
                self.fail(page, "/shop/payment", "no payment form with the demo provider on the payment page")
            return
        option = re.search(r'data-payment-option-id="(\d+)"', demo)
        provider = re.search(r'data-provider-id="(\d+)"', demo)
        processing = self.rpc(
            form["transaction_route"].group(1),
            {"provider_id": int(provider.group(1)), "payment_method_id": int(option.group(1)), "token_id": None,
             "amount": None, "flow": "direct", "tokenization_requested": False,
             "landing_route": form["landing_route"].group(1), "is_validation": False,
             "access_token": form["access_token"].group(1).replace("&amp;", "&")},
            "/shop/payment/transaction/<order>",
            allowed_error=SOLD_OUT,
        )
        if processing is FAILED:
            return
        if "refused" in processing:
            OUTCOME["sold_out_refusals"] += 1
            return
        self.think()
        paid = self.rpc(
            "/payment/demo/simulate_payment",
            {"reference": processing["reference"], "payment_details": "4242", "simulated_state": "done"},
            "/payment/demo/simulate_payment",
        )
        if paid is FAILED:
            return
        self.get_page("/payment/status", "/payment/status")
        for _attempt in range(POLL_ATTEMPTS):
            status = self.rpc("/payment/status/poll", {}, "/payment/status/poll", allowed_error=POLL_RETRY)
            if status is FAILED or "refused" not in status:
                break
            time.sleep(POLL_DELAY)
        if status is FAILED:
            return
        if "refused" in status:
            self.check_failed("payment done", f"still post-processing after {POLL_ATTEMPTS} polls")
            return
        if status.get("state") != "done":
            self.check_failed("payment done", f"transaction not done after the demo payment: {status}")
            return
        OUTCOME["orders_paid"] += 1  # done and post-processed: the order is confirmed
        self.get_page(status["landing_route"], "/shop/payment/validate -> /shop/confirmation")


class Staff(OdooUser):
    """A warehouse/sales user moving paid orders on from the backend: through sale_order_pipeline's stages, or in
    plain Odoo by validating their transfers."""

    fixed_count = 2
    wait_time = between(2, 5)

    def on_start(self):
        self.number = next(_staff_numbers) % self.fixed_count
        # A login of its own: two sessions of one user logging in at once conflict on the user's row (retried).
        self.login(SCENARIO["staff"][self.number % len(SCENARIO["staff"])], SCENARIO["password"], "/odoo")
        self.get_page("/odoo", "/odoo (backend)")

    def call_kw(self, model, method, args, kwargs=None, name=None):
        return self.rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args,
             "kwargs": {"context": {"lang": "en_US"}, **(kwargs or {})}},
            name or f"call_kw {model}.{method}",
        )

    @task
    def move_one_order(self):
        domain, fields = fulfilment_list(PIPELINE)
        orders = self.call_kw(
            "sale.order", "search_read", [domain], {"fields": fields, "limit": 40, "order": "id"},
            name="call_kw sale.order.search_read (fulfilment list)",
        )
        if orders is FAILED:
            return
        mine = [order for order in orders if order["id"] % self.fixed_count == self.number]
        if not mine:
            return
        order = random.choice(mine)
        pickings = []
        if not PIPELINE or order["pipeline_stage"] != "shipping":  # a shipped order is received without them
            pickings = self.call_kw(
                "stock.picking", "search_read",
                [[["sale_id", "=", order["id"]], ["state", "not in", ["done", "cancel"]]]],
                {"fields": ["picking_type_code", "state"], "order": "id"},
                name="call_kw stock.picking.search_read (order's transfers)",
            )
            if pickings is FAILED:
                return
        move = next_staff_move(order, pickings, PIPELINE)
        if not move:
            return
        answer = self.call_kw(*move, name=f"call_kw {move[0]}.{move[1]}")
        if answer is FAILED:
            return
        if dialog := dialog_opened(answer):
            self.check_failed("staff move done", f"{move[0]}.{move[1]} of {order['name']} opened {dialog} instead of "
                              "doing its work (run `scripts/bench load --prepare` again?)")
            return
        OUTCOME["staff_moves"] += 1


class Integrator(HttpUser):
    """An API client with its own key: JSON-2 and XML-RPC reads of products, stock and orders."""

    fixed_count = 2
    wait_time = between(3, 6)

    def on_start(self):
        number = next(_integrator_numbers)
        self.key = SCENARIO["integrator_keys"][number % len(SCENARIO["integrator_keys"])]
        self.uid = SCENARIO["integrator_uid"]

    def json2(self, model, method, body, name):
        headers = {"Authorization": f"bearer {self.key}", "X-Odoo-Database": SCENARIO["database"]}
        with self.client.post(f"/json/2/{model}/{method}", json=body, headers=headers, name=name,
                              catch_response=True) as response:
            if not response.status_code or response.status_code >= 400:
                response.failure(f"HTTP {response.status_code}")
                record_error(name, f"HTTP {response.status_code}: {response.text[:1500]}")

    def xmlrpc(self, model, method, args, kwargs, name):
        body = xmlrpc.client.dumps(
            (SCENARIO["database"], self.uid, self.key, model, method, args, kwargs), "execute_kw", allow_none=True)
        with self.client.post("/xmlrpc/2/object", data=body.encode(), headers={"Content-Type": "text/xml"},
                              name=name, catch_response=True) as response:
            try:
                xmlrpc.client.loads(response.content)
            except xmlrpc.client.Fault as fault:
                response.failure(f"XML-RPC fault {fault.faultCode}")
                record_error(name, fault.faultString[-1500:])
            except Exception as error:  # noqa: BLE001 - any unreadable answer is an error of the run
                response.failure(f"HTTP {response.status_code}: not XML-RPC")
                record_error(name, f"{error}: {response.text[:500]}")

    @task(2)
    def read_products_and_stock(self):
        self.json2("product.product", "search_read",
                   {"domain": [["sale_ok", "=", True]], "fields": ["default_code", "name", "list_price",
                                                                  "qty_available", "free_qty"],
                    "limit": 50, "order": "id desc"},
                   "JSON-2 product.product/search_read (stock)")

    @task(1)
    def read_orders_json2(self):
        self.json2("sale.order", "search_read",
                   {"domain": [["state", "=", "sale"]], "fields": ORDER_FIELDS, "limit": 20, "order": "id desc"},
                   "JSON-2 sale.order/search_read")

    @task(1)
    def read_orders_xmlrpc(self):
        self.xmlrpc("sale.order", "search_read", [[["state", "=", "sale"]]],
                    {"fields": ORDER_FIELDS, "limit": 20, "order": "id desc"},
                    "XML-RPC sale.order.search_read")
