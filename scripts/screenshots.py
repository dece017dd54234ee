#!/usr/bin/env python3
"""Retakes the README's screenshots from a running Odoo 19 that serves the Stride demo shop (``scripts/serve``).

    scripts/serve --no-two-factor &       # the demo shop on http://localhost:8069 (database "stride"), no 2FA
    scripts/screenshots.py                # every shot, written where the README and the addons expect them
    scripts/screenshots.py --only backend --url http://localhost:8070 --db stride

Drives headless Chromium over the DevTools protocol (``websocket-client``): the backend shot logs in through
``/web/session/authenticate`` and hands the session cookie to the browser; phone shots emulate a 390 px wide touch
screen. Each shot waits until its page shows what it is about (a kanban card, a product, the size table) and refuses
to save a page that shows an error dialog or a traceback. The server must serve the demo database alone (as
``scripts/serve`` does: one database per server), so that public pages need no database selection.
"""

import argparse
import base64
import contextlib
import http.cookiejar
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import websocket

ROOT = Path(__file__).resolve().parents[1]
PHONE_USER_AGENT = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.0 Mobile/15E148 Safari/604.1"
)
# Shown when something went wrong: Odoo's error dialog, its crash page, the website's 404/500 page.
ERROR_SELECTORS = ".o_error_dialog, .o_dialog_error, #error_main, .o_website_error, pre.traceback"


@dataclass
class Shot:
    name: str
    path: str  # where the picture goes, relative to the repository
    url: str  # relative to --url; "{product}" is a demo shoe's page
    width: int
    height: int
    ready: str  # CSS selector that must be on the page before the shot
    login: str | None = None  # demo login (password = login), None for a public visitor
    phone: bool = False
    then: str = ""  # JavaScript run once the page is ready (e.g. a click)...
    then_ready: str = ""  # ...and the selector that must show after it
    page_height: int = 0  # capture this much of the page below the screen's top (heights in `vh` follow `height`)


SHOTS = [
    Shot("home", "addons/stride_website/static/description/home.png", "/", 1280, 900,
         ".o_stride_home_new_arrivals .dynamic_snippet_template > *", page_height=2600),
    Shot("shop", "addons/stride/static/description/shop.png", "/shop", 1280, 900, ".oe_product"),
    Shot("phone_shop", "addons/website_sale_shoe/static/description/phone_shop.png", "/shop", 390, 1400,
         ".oe_product", phone=True),
    Shot("phone_product", "addons/website_sale_shoe/static/description/phone_product.png",
         "{product}?size_system=uk", 390, 1500, "#product_details", phone=True),
    # Every stage of the board: the default "To fulfil" filter is removed, as a manager does to see delivered orders.
    Shot("backend", "addons/stride/static/description/backend.png",
         "/odoo/action-sale_order_pipeline.sale_order_action_pipeline", 1720, 860,
         ".o_kanban_record", login="manager",
         then="document.querySelector('.o_searchview_facet .o_facet_remove').click()",
         then_ready=".o_kanban_group:nth-child(5) .o_kanban_record"),
]


class Browser:
    """One headless Chromium page, driven over the DevTools protocol."""

    def __init__(self, executable):
        self.profile = tempfile.mkdtemp(prefix="stride-shots-")
        self.process = subprocess.Popen(
            [executable, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--remote-debugging-port=0", f"--user-data-dir={self.profile}", "--no-first-run", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        port_file = Path(self.profile) / "DevToolsActivePort"
        for _attempt in range(100):
            if port_file.exists() and port_file.read_text().strip():
                break
            time.sleep(0.1)
        else:
            self.close()
            raise RuntimeError(f"{executable} did not open its DevTools port")
        port = int(port_file.read_text().split()[0])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list") as answer:
            page = next(target for target in json.load(answer) if target["type"] == "page")
        self.socket = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        self.last_id = 0
        self.events = []
        self.call("Page.enable")
        self.call("Network.enable")

    def call(self, method, **params):
        self.last_id += 1
        self.socket.send(json.dumps({"id": self.last_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.last_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message.get("method"))

    def evaluate(self, expression):
        return self.call("Runtime.evaluate", expression=expression, returnByValue=True)["result"].get("value")

    def wait_for_load(self, timeout):
        deadline = time.monotonic() + timeout
        while "Page.loadEventFired" not in self.events and time.monotonic() < deadline:
            self.socket.settimeout(max(0.1, deadline - time.monotonic()))
            with contextlib.suppress(websocket.WebSocketTimeoutException):
                self.events.append(json.loads(self.socket.recv()).get("method"))
        self.socket.settimeout(60)

    def close(self):
        with contextlib.suppress(Exception):
            self.socket.close()
        self.process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(10)
        shutil.rmtree(self.profile, ignore_errors=True)


def session_cookie(base_url, db, login):
    """The session id of `login` (password = login, as in the demo), through Odoo's JSON-RPC authentication."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    body = json.dumps({"jsonrpc": "2.0", "method": "call",
                       "params": {"db": db, "login": login, "password": login}}).encode()
    request = urllib.request.Request(f"{base_url}/web/session/authenticate", body,
                                     {"Content-Type": "application/json"})
    with opener.open(request) as answer:
        result = json.load(answer)
    if not (result.get("result") or {}).get("uid"):
        raise RuntimeError(f"{login!r} could not log in to {db!r}: {result.get('error') or result}")
    return next(cookie.value for cookie in jar if cookie.name == "session_id")


def demo_product_url(base_url):
    """The first shoe page the public shop lists."""
    with urllib.request.urlopen(f"{base_url}/shop") as answer:
        page = answer.read().decode()
    found = re.search(r'href="(/shop/[a-z0-9-]+-\d+)"', page)
    if not found:
        raise RuntimeError("/shop lists no product: is the demo installed?")
    return found.group(1)


def wait_for(browser, shot, selector, timeout):
    deadline = time.monotonic() + timeout
    while not browser.evaluate(f"!!document.querySelector({json.dumps(selector)})"):
        if time.monotonic() > deadline:
            raise RuntimeError(f"{shot.name}: {selector!r} never showed on {shot.url}")
        time.sleep(0.5)


def take(browser, base_url, db, shot, product_url, timeout):
    browser.call("Network.clearBrowserCookies")
    if shot.login:
        browser.call("Network.setCookie", name="session_id", value=session_cookie(base_url, db, shot.login),
                     url=base_url, httpOnly=True)
    browser.call("Emulation.setDeviceMetricsOverride", width=shot.width, height=shot.height, deviceScaleFactor=1,
                 mobile=shot.phone)
    browser.call("Emulation.setTouchEmulationEnabled", enabled=shot.phone)
    browser.call("Network.setUserAgentOverride", userAgent=PHONE_USER_AGENT if shot.phone else "")
    browser.events.clear()
    browser.call("Page.navigate", url=base_url + shot.url.format(product=product_url))
    browser.wait_for_load(timeout)
    if shot.login and "/auth-totp/setup" in browser.evaluate("location.pathname"):
        raise RuntimeError(f"{shot.name}: {shot.login!r} must set up two-factor authentication first (the demo "
                           "requires it of administrators and managers): take the shots of a database built with "
                           "`scripts/serve --reset --no-two-factor`")
    wait_for(browser, shot, shot.ready, timeout)
    if shot.then:
        browser.evaluate(shot.then)
        wait_for(browser, shot, shot.then_ready, timeout)
    time.sleep(2)  # images, fonts and the last RPCs of the web client
    if browser.evaluate(f"!!document.querySelector({json.dumps(ERROR_SELECTORS)})"):
        raise RuntimeError(f"{shot.name}: the page shows an error")
    if shot.page_height:
        clip = {"x": 0, "y": 0, "width": shot.width, "height": shot.page_height, "scale": 1}
        data = browser.call("Page.captureScreenshot", format="png", captureBeyondViewport=True, clip=clip)["data"]
    else:
        data = browser.call("Page.captureScreenshot", format="png")["data"]
    target = ROOT / shot.path
    target.write_bytes(base64.b64decode(data))
    print(f"{shot.name}: {target.relative_to(ROOT)} ({shot.width}x{shot.page_height or shot.height})", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://localhost:8069", help="the Odoo serving the demo shop")
    parser.add_argument("--db", default="stride", help="its database (for the logins)")
    parser.add_argument("--only", help="comma-separated shot names: " + ", ".join(shot.name for shot in SHOTS))
    parser.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser")
                        or "chromium")
    parser.add_argument("--timeout", type=float, default=60, help="seconds a page may take to show")
    args = parser.parse_args()
    wanted = set(args.only.split(",")) if args.only else {shot.name for shot in SHOTS}
    unknown = wanted - {shot.name for shot in SHOTS}
    if unknown:
        parser.error(f"unknown shots: {', '.join(sorted(unknown))}")
    base_url = args.url.rstrip("/")
    product_url = demo_product_url(base_url)
    browser = Browser(args.chromium)
    try:
        for shot in SHOTS:
            if shot.name in wanted:
                take(browser, base_url, args.db, shot, product_url, args.timeout)
    finally:
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
