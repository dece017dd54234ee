"""config/nginx/stride.conf: what the edge enforces, read from the file and, where an nginx binary exists, live.

The parse-level tests pick the location nginx would pick for a path (exact, longest prefix, ``^~``, then the first
matching regular expression) and read the directives in force there, inheritance included. The live tests run nginx
on loopback ports in front of a small HTTP stub standing in for Odoo, with a throwaway self-signed certificate made
by config/nginx/generate-certificate.sh. Each live test speaks from its own loopback address (127.0.0.x), so the
per-address rate limits of one test do not spill into another.
"""

import http.client
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from stride_harness.odoo_env import find_odoo

ROOT = Path(__file__).resolve().parents[1]
CONF = ROOT / "config" / "nginx" / "stride.conf"
CERTIFICATE_SCRIPT = ROOT / "config" / "nginx" / "generate-certificate.sh"

LOGIN_ROUTES = ["/web/login", "/web/login/totp", "/web/signup", "/web/signup/confirm/resend", "/web/reset_password",
                "/web/session/authenticate"]
# Odoo 19's cart and payment routes (website_sale/controllers/cart.py, main.py, payment.py); checked against the
# installed Odoo below when there is one.
SHOP_ROUTES = ["/shop/cart/add", "/shop/cart/update", "/shop/cart/quantity", "/shop/cart/quick_add",
               "/shop/cart/clear", "/shop/payment", "/shop/payment/validate", "/shop/payment/transaction/7"]
API_ROUTES = ["/json/2/res.partner/search_read", "/xmlrpc/2/object", "/xmlrpc/2/common", "/xmlrpc/object",
              "/jsonrpc"]
PROTECTED = {**dict.fromkeys(LOGIN_ROUTES, "stride_login"), **dict.fromkeys(SHOP_ROUTES, "stride_shop"),
             **dict.fromkeys(API_ROUTES, "stride_api")}
# Odoo serves a path under any installed language's prefix as well (http_routing's _match rewrites /vi/web/login
# to /web/login, POSTs included): the limits must hold there too.
LANGUAGE_PREFIXES = ["", "/vi", "/en", "/pt_BR", "/sr@latin"]
# Routes taking uploads, with the body their controller accepts: the edge must let that much through.
UPLOAD_ROUTES = {
    "/shop/personalization/upload": 12 * 1024 * 1024,  # website_sale_gift_personalization UPLOAD_MAX_BODY
    "/my/account": 6 * 1024 * 1024,  # website_sale_portal_dashboard ACCOUNT_FORM_MAX_BODY (profile picture)
    "/my/orders/7/requestrma": 3 * 5 * 1024 * 1024 + 256 * 1024,  # rma_sale_portal_return MAX_BODY_BYTES
    "/web/binary/upload_attachment": 25 * 1024 * 1024,  # backend attachments (Odoo's default web limit)
}
UNLIMITED = ["/", "/shop", "/shop/cart", "/shop/product/trail-runner-7", "/web/static/src/img/logo.png",
             "/web", "/odoo/action-sale.action_orders", "/websocket", "/my/orders/7", "/payment/status/poll",
             "/web/login_successful", *UPLOAD_ROUTES]
DATABASE_MANAGER = ["/web/database/manager", "/web/database/selector", "/web/database/list", "/web/database/backup",
                    "/web/database/restore", "/web/database", "/vi/web/database/manager", "/xmlrpc/2/db",
                    "/xmlrpc/db"]
FORWARDED_HEADERS = {"Host", "X-Forwarded-Host", "X-Forwarded-For", "X-Forwarded-Proto", "X-Real-IP"}


# --- reading the configuration --------------------------------------------------------------------------------------

@dataclass
class Directive:
    name: str
    args: list[str]
    block: list["Directive"] = field(default_factory=list)

    def all(self, name: str) -> list["Directive"]:
        return [child for child in self.block if child.name == name]

    def one(self, name: str) -> "Directive | None":
        found = self.all(name)
        assert len(found) <= 1, f"{name} twice in {self.name} {' '.join(self.args)}"
        return found[0] if found else None


TOKEN = re.compile(r"""\s+|\#[^\n]*|"((?:\\.|[^"\\])*)"|'((?:\\.|[^'\\])*)'|([{};])|([^\s{};"'#]+)""")


def parse(text: str) -> Directive:
    """The configuration as a tree of directives (nginx's own grammar: words, quotes, ``;`` and blocks)."""
    root = Directive("", [])
    stack, words = [root], []
    for match in TOKEN.finditer(text):
        double, single, punctuation, word = match.groups()
        if punctuation == ";":
            stack[-1].block.append(Directive(words[0], words[1:]))
            words = []
        elif punctuation == "{":
            directive = Directive(words[0], words[1:])
            stack[-1].block.append(directive)
            stack.append(directive)
            words = []
        elif punctuation == "}":
            assert not words, f"unterminated directive {words}"
            stack.pop()
        elif word is not None or double is not None or single is not None:
            words.append(next(part for part in (double, single, word) if part is not None))
    assert len(stack) == 1 and not words, "unbalanced braces"
    return root


@pytest.fixture(scope="module")
def conf() -> Directive:
    return parse(CONF.read_text())


def https_server(conf: Directive) -> Directive:
    servers = [server for server in conf.all("server") if any("ssl" in listen.args for listen in server.all("listen"))]
    assert len(servers) == 1
    return servers[0]


def location_for(server: Directive, path: str) -> Directive:
    """The location nginx picks for ``path``: an exact match, else the longest prefix if it is ``^~``, else the
    first regular expression that matches, else the longest prefix."""
    prefixes = []
    for location in server.all("location"):
        modifier, pattern = location.args if len(location.args) == 2 else ("", location.args[0])
        if modifier == "=" and path == pattern:
            return location
        if modifier in ("", "^~") and path.startswith(pattern):
            prefixes.append((len(pattern), modifier, location))
    longest = max(prefixes, key=lambda item: item[0], default=None)
    if longest and longest[1] == "^~":
        return longest[2]
    for location in server.all("location"):
        if location.args[0] in ("~", "~*") and re.search(location.args[1], path,
                                                          re.IGNORECASE if location.args[0] == "~*" else 0):
            return location
    assert longest, f"no location for {path}"
    return longest[2]


def in_force(server: Directive, location: Directive, name: str) -> list[Directive]:
    """The ``name`` directives applying in ``location``: its own, or the server's when it has none (nginx's
    inheritance of array directives such as add_header, limit_req and proxy_set_header)."""
    return location.all(name) or server.all(name)


def megabytes(size: str) -> float:
    units = {"k": 1 / 1024, "m": 1, "g": 1024}
    return float(size[:-1]) * units[size[-1].lower()] if size[-1].lower() in units else int(size) / 1024 / 1024


# --- what the file says ---------------------------------------------------------------------------------------------

def test_rate_limit_zones_count_per_client_address_and_refuse_with_429(conf):
    zones = {}
    for zone in conf.all("limit_req_zone"):
        assert zone.args[0] == "$binary_remote_addr", zone.args
        name = re.fullmatch(r"zone=(\w+):\d+m", zone.args[1]).group(1)
        zones[name] = re.fullmatch(r"rate=(\d+)r/([sm])", zone.args[2]).groups()
    assert set(zones) == set(PROTECTED.values())
    assert [status.args for status in conf.all("limit_req_status")] == [["429"]]


@pytest.mark.parametrize("prefix", LANGUAGE_PREFIXES)
@pytest.mark.parametrize("path", PROTECTED)
def test_every_protected_route_is_rate_limited_with_a_small_body(conf, path, prefix):
    server = https_server(conf)
    location = location_for(server, prefix + path)
    limits = in_force(server, location, "limit_req")
    assert len(limits) == 1, f"{prefix + path}: {limits}"
    assert limits[0].args[0] == f"zone={PROTECTED[path]}"
    assert re.fullmatch(r"burst=\d+", limits[0].args[1]) and "nodelay" in limits[0].args
    assert in_force(server, location, "client_max_body_size")[0].args == ["1m"]
    assert location.one("proxy_pass").args == ["http://odoo_http"]


@pytest.mark.parametrize("path", UNLIMITED)
def test_pages_files_and_uploads_are_not_rate_limited(conf, path):
    server = https_server(conf)
    location = location_for(server, path)
    assert not in_force(server, location, "limit_req"), path
    assert location.one("return") is None


@pytest.mark.parametrize("path", UPLOAD_ROUTES)
def test_upload_routes_keep_a_body_limit_above_what_their_controller_accepts(conf, path):
    server = https_server(conf)
    size = in_force(server, location_for(server, path), "client_max_body_size")[0].args[0]
    assert megabytes(size) * 1024 * 1024 >= UPLOAD_ROUTES[path]


@pytest.mark.parametrize("path", DATABASE_MANAGER)
def test_database_manager_routes_answer_404_at_the_edge(conf, path):
    server = https_server(conf)
    location = location_for(server, path)
    assert location.one("return").args == ["404"]
    assert location.one("proxy_pass") is None


def test_odoo_19_cart_and_payment_routes_are_all_listed():
    odoo, why = find_odoo()
    if not odoo:
        pytest.skip(f"Odoo 19 is not installed here, its routes cannot be read: {why}")
    controllers = odoo.module_paths()["website_sale"] / "controllers"
    routes = set()
    for source in controllers.glob("*.py"):
        routes.update(re.findall(r"""route(?:\(\s*|=)\[?['"](/shop/(?:cart/|payment)[^'"]*)['"]""", source.read_text()))
    assert routes, "no cart or payment route found in website_sale"
    assert {re.sub(r"<int:\w+>", "7", route) for route in routes} <= set(SHOP_ROUTES)


def test_https_only_with_tls_1_2_and_1_3_and_hsts(conf):
    plain, = (server for server in conf.all("server") if server is not https_server(conf))
    assert plain.one("return").args == ["301", "https://$host$request_uri"]
    server = https_server(conf)
    assert server.one("ssl_protocols").args == ["TLSv1.2", "TLSv1.3"]
    headers = {header.args[0]: header.args[1:] for header in server.all("add_header")}
    assert headers["Strict-Transport-Security"][0].startswith("max-age=31536000")
    assert conf.one("server_tokens").args == ["off"]


def test_cookies_are_secure_and_same_site_lax(conf):
    server = https_server(conf)
    assert [flags.args for flags in server.all("proxy_cookie_flags")] == [["~", "secure", "samesite=lax"]]


def test_framing_is_same_origin_unless_odoo_says_stricter(conf):
    maps = {block.args[0]: (block.args[1], {entry.name: entry.args for entry in block.block})
            for block in conf.all("map")}
    headers = {header.args[0]: header.args[1:] for header in https_server(conf).all("add_header")}
    variable, values = maps["$upstream_http_x_frame_options"]
    assert headers["X-Frame-Options"] == [variable, "always"] and values == {"": ["SAMEORIGIN"], "default": [""]}
    variable, values = maps["$upstream_http_content_security_policy"]
    assert headers["Content-Security-Policy"] == [variable, "always"]
    assert values == {"": ["frame-ancestors 'self'"], "default": [""]}


def test_no_location_drops_the_servers_headers_cookie_flags_or_forwarded_headers(conf):
    """add_header, proxy_cookie_flags and proxy_set_header in a location replace the server's entirely."""
    server = https_server(conf)
    for location in server.all("location"):
        assert not location.all("add_header") and not location.all("proxy_cookie_flags"), location.args
        own = {header.args[0] for header in location.all("proxy_set_header")}
        assert not own or FORWARDED_HEADERS <= own, f"{location.args} forwards {own}"
    assert FORWARDED_HEADERS <= {header.args[0] for header in server.all("proxy_set_header")}


# --- nginx itself ---------------------------------------------------------------------------------------------------

def nginx_binary() -> str:
    binary = shutil.which("nginx") or next((path for path in ("/usr/sbin/nginx",) if os.access(path, os.X_OK)), None)
    if not binary:
        pytest.skip("no nginx binary on this machine (apt-get install nginx): the config is only read, not run")
    return binary


def nginx_version(binary: str) -> tuple[int, ...]:
    output = subprocess.run([binary, "-v"], capture_output=True, text=True, check=True).stderr
    return tuple(int(part) for part in re.search(r"nginx/(\d+)\.(\d+)\.(\d+)", output).groups())


def substitute(text: str, pattern: str, replacement: str) -> str:
    text, count = re.subn(pattern, replacement, text)
    assert count >= 1, f"{pattern!r} is no longer in {CONF.name}: update this test's rewriting"
    return text


def runnable_config(folder: Path, binary: str, upstream: int | Sequence[int], http_port: int, https_port: int,
                    *, nodes: bool = True) -> Path:
    """stride.conf as Docker runs it, but on loopback ports, with the Odoo nodes at port(s) ``upstream`` of 127.0.0.1
    (``nodes=False``: left as Docker names them) and a fresh self-signed certificate; wrapped in a main configuration
    keeping every file inside ``folder``."""
    if not shutil.which("openssl"):
        pytest.skip("no openssl to make the throwaway certificate with")
    certs = folder / "certs"
    made = subprocess.run(["sh", str(CERTIFICATE_SCRIPT)], env={**os.environ, "STRIDE_CERT_DIR": str(certs)},
                          capture_output=True, text=True, check=False)
    assert made.returncode == 0, made.stderr
    text = CONF.read_text()
    if nodes:
        ports = [upstream] if isinstance(upstream, int) else upstream
        text = substitute(text, r"server odoo-node:80(69|72) resolve;",
                          " ".join(f"server 127.0.0.1:{port};" for port in ports))
    text = substitute(text, r"listen 80;", f"listen 127.0.0.1:{http_port};")
    text = substitute(text, r"listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;")
    text = substitute(text, r"/etc/nginx/certs/", f"{certs}/")
    if nginx_version(binary) < (1, 25, 1):
        # The Docker image (nginx 1.28) reads `http2 on;`; older nginx (Debian 12 has 1.22) only knows the listen flag.
        text = substitute(text, r"\n\s*http2 on;", "")
        text = substitute(text, r" ssl;", " ssl http2;")
    (folder / "stride.conf").write_text(text)
    temp = "\n".join(f"    {kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi",
                                                                          "scgi"))
    main = folder / "nginx.conf"
    main.write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"pid {folder / 'nginx.pid'};\nworker_processes 1;\nevents {{ worker_connections 256; }}\n"
        f"http {{\n    access_log off;\n{temp}\n    include {folder / 'stride.conf'};\n}}\n"
    )
    return main


def nginx_command(binary: str, main: Path, *extra: str) -> list[str]:
    return [binary, "-p", f"{main.parent}/", "-e", str(main.parent / "error.log"), "-c", str(main), *extra]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_nginx_accepts_the_configuration(tmp_path):
    binary = nginx_binary()
    main = runnable_config(tmp_path, binary, free_port(), free_port(), free_port())
    checked = subprocess.run(nginx_command(binary, main, "-t"), capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stderr
    assert "[emerg]" not in checked.stderr and "[warn]" not in checked.stderr, checked.stderr


class OdooStub(BaseHTTPRequestHandler):
    """Answers 200 to everything, records what reached it, and sets cookies and framing headers as Odoo does."""

    seen: list[tuple[str, str, int]] = []

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self.seen.append((self.command, self.path, length))
        self.send_response(200)
        if self.path.startswith("/web/login"):
            self.send_header("Set-Cookie", "session_id=0123abcd; Expires=Sat, 01 Jan 2028 00:00:00 GMT; HttpOnly; "
                                           "Path=/")
            self.send_header("Set-Cookie", "frontend_lang=en_US; Path=/")
        if self.path == "/odoo":
            self.send_header("X-Frame-Options", "DENY")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    do_GET = do_POST = _answer

    def log_message(self, *args):
        pass


@dataclass
class Edge:
    https_port: int
    http_port: int
    certificate: Path
    seen: list

    def request(self, client: str, path: str, method: str = "GET", body: bytes | None = None,
                https: bool = True) -> http.client.HTTPResponse:
        if https:
            context = ssl.create_default_context(cafile=str(self.certificate))
            connection = http.client.HTTPSConnection("127.0.0.1", self.https_port, context=context, timeout=10,
                                                     source_address=(client, 0))
        else:
            connection = http.client.HTTPConnection("127.0.0.1", self.http_port, timeout=10,
                                                    source_address=(client, 0))
        try:
            connection.request(method, path, body=body)
            response = connection.getresponse()
            response.read()
            return response
        finally:
            connection.close()

    def statuses(self, client: str, path: str, times: int) -> list[int]:
        return [self.request(client, path).status for _ in range(times)]


@contextmanager
def running_nginx(binary: str, main: Path, https_port: int) -> Iterator[None]:
    """nginx started on ``main`` (from runnable_config), answering on ``https_port`` until the block ends."""
    folder = main.parent
    output = (folder / "output.log").open("w")
    nginx = subprocess.Popen(nginx_command(binary, main, "-g", "daemon off;"), stdout=output, stderr=output)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", https_port), timeout=1).close()
                break
            except OSError:
                if nginx.poll() is not None or time.monotonic() > deadline:
                    logs = [folder / name for name in ("output.log", "error.log") if (folder / name).exists()]
                    pytest.fail("nginx did not start: " + "".join(log.read_text() for log in logs))
                time.sleep(0.05)
        yield
    finally:
        nginx.send_signal(signal.SIGQUIT)
        try:
            nginx.wait(timeout=10)
        except subprocess.TimeoutExpired:
            nginx.kill()
            nginx.wait()
        output.close()


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler], address: tuple[str, int] = ("127.0.0.1", 0),
            ) -> Iterator[ThreadingHTTPServer]:
    """``handler`` answering on ``address`` (by default a free loopback port) until the block ends."""
    server = ThreadingHTTPServer(address, handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def edge(tmp_path_factory):
    binary = nginx_binary()
    folder = tmp_path_factory.mktemp("nginx")
    http_port, https_port = free_port(), free_port()
    with serving(OdooStub) as stub:
        main = runnable_config(folder, binary, stub.server_address[1], http_port, https_port)
        with running_nginx(binary, main, https_port):
            yield Edge(https_port, http_port, folder / "certs" / "stride.crt", OdooStub.seen)


def test_quick_logins_from_one_address_get_429_while_its_static_files_do_not(edge):
    statuses = edge.statuses("127.0.0.2", "/web/login", 40)
    assert set(statuses) == {200, 429}
    assert statuses.count(429) >= 15, statuses  # a burst of 20 (and a token every 2 seconds) gets through
    assert edge.statuses("127.0.0.2", "/web/static/src/img/logo.png", 40) == [200] * 40
    assert edge.statuses("127.0.0.2", "/shop", 5) == [200] * 5
    assert edge.request("127.0.0.3", "/web/login").status == 200, "another address has its own allowance"


def test_a_language_prefix_does_not_escape_the_limit(edge):
    statuses = edge.statuses("127.0.0.4", "/vi/web/signup", 40)
    assert statuses.count(429) >= 15, statuses


def test_cookies_leave_the_edge_secure_and_same_site(edge):
    response = edge.request("127.0.0.5", "/web/login")
    cookies = {cookie.split("=", 1)[0]: cookie for cookie in response.headers.get_all("Set-Cookie")}
    assert set(cookies) == {"session_id", "frontend_lang"}
    for cookie in cookies.values():
        attributes = {attribute.strip().lower() for attribute in cookie.split(";")}
        assert {"secure", "samesite=lax"} <= attributes, cookie
    assert "httponly" in cookies["session_id"].lower()


def test_bodies_over_1m_are_refused_on_login_but_uploads_pass(edge):
    big = b"x" * (2 * 1024 * 1024)
    assert edge.request("127.0.0.6", "/web/login", "POST", big).status == 413
    assert edge.request("127.0.0.6", "/shop/personalization/upload", "POST", big).status == 200
    assert ("POST", "/shop/personalization/upload", len(big)) in edge.seen
    assert not [seen for seen in edge.seen if seen[0] == "POST" and seen[1] == "/web/login"]


def test_database_manager_is_404_and_never_reaches_odoo(edge):
    for path in ("/web/database/manager", "/web/database/selector", "/vi/web/database/list", "/xmlrpc/2/db"):
        assert edge.request("127.0.0.7", path, "POST", b"{}").status == 404, path
    assert not [seen for seen in edge.seen if "/database" in seen[1] or seen[1].endswith("/db")]


def test_headers_frame_only_the_same_origin_and_name_no_version(edge):
    page = edge.request("127.0.0.8", "/shop")
    assert page.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert page.headers["Content-Security-Policy"] == "frame-ancestors 'self'"
    assert page.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert page.headers["Server"] == "nginx"
    assert edge.request("127.0.0.8", "/odoo").headers.get_all("X-Frame-Options") == ["DENY"]
    refused = next((response for response in (edge.request("127.0.0.9", "/jsonrpc") for _ in range(200))
                    if response.status == 429), None)
    assert refused, "200 quick JSON-RPC calls were all let through"
    assert refused.headers["X-Frame-Options"] == "SAMEORIGIN" and "Strict-Transport-Security" in refused.headers


def test_plain_http_is_redirected_to_https(edge):
    response = edge.request("127.0.0.10", "/shop?x=1", https=False)
    assert response.status == 301
    assert response.headers["Location"] == "https://127.0.0.1/shop?x=1"
