"""Odoo's own WSGI application driven inside this process: several databases, no HTTP server, no network.

Each `Browser` is one visitor of one database (its own cookie jar): a request goes through Odoo's whole stack
(routing, session, controllers, rendering, SQL) exactly as a real one would, and `measure()` times it: the wall
clock, the CPU time of this thread (Odoo's Python and the database driver, not PostgreSQL's own work, which the query
count stands for; unlike the wall clock it barely moves when other processes load the machine) and the number of SQL
queries Odoo counted for the request.
"""

import json
import threading
import time
import xmlrpc.client
from dataclasses import dataclass

BASE_URL = "http://localhost:8069"


@dataclass
class Sample:
    """One request as measured: wall and CPU milliseconds, SQL queries, HTTP status, and an error if any."""

    wall: float
    cpu: float
    queries: int
    status: int
    error: str = ""


def serve_databases(config_file: str, databases: list[str]) -> None:
    """Configure Odoo from `config_file` to serve `databases` in this process (each session says which one)."""
    from odoo.service.server import load_server_wide_modules  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    # XML-RPC warns at every call that Odoo 22 drops it; the benchmark asks it on purpose (integrators still use it).
    config.parse_config(["-c", config_file, "--log-level=warn",
                         "--log-handler=odoo.addons.rpc.controllers.xmlrpc:ERROR"])
    load_server_wide_modules()
    config["db_name"] = list(databases)
    config["dbfilter"] = ""
    _render_reports_as_html_without_wkhtmltopdf()


def _render_reports_as_html_without_wkhtmltopdf() -> None:
    """Where wkhtmltopdf is not installed, PDF reports are rendered as HTML, as Odoo itself does in its tests.

    Paying confirms the order, whose e-mail attaches the order as a PDF: without wkhtmltopdf Odoo raises and the
    payment's post-processing fails in both databases. The fallback applies to both alike (QWeb still renders the
    report); the figures then leave out wkhtmltopdf's own process, which does not depend on our addons."""
    from odoo.addons.base.models.ir_actions_report import IrActionsReport  # noqa: PLC0415

    if getattr(IrActionsReport, "_stride_bench_html", False):
        return
    original = IrActionsReport._pre_render_qweb_pdf

    def pre_render(self, report_ref, res_ids=None, data=None):
        if self.get_wkhtmltopdf_state() == "install" and not self.env.context.get("force_report_rendering"):
            return self._render_qweb_html(report_ref, res_ids, data=data)
        return original(self, report_ref, res_ids=res_ids, data=data)

    IrActionsReport._pre_render_qweb_pdf = pre_render
    IrActionsReport._stride_bench_html = True


class Browser:
    """One visitor of `database`; `login()` makes it a signed-in user, otherwise it stays a public visitor."""

    def __init__(self, database: str):
        from werkzeug.test import Client  # noqa: PLC0415

        import odoo.http  # noqa: PLC0415

        self.database = database
        self.client = Client(odoo.http.root)

    def open(self, url: str, **kwargs):
        return self.client.open(url, base_url=BASE_URL, environ_base={"REMOTE_ADDR": "127.0.0.1"}, **kwargs)

    def bind(self) -> None:
        """Ties this visitor's session to its database (the server serves several)."""
        self.open(f"/web/login?db={self.database}")

    def login(self, login: str, password: str) -> int:
        answer = self.rpc("/web/session/authenticate", {"db": self.database, "login": login, "password": password})
        uid = (answer.get("result") or {}).get("uid")
        if not uid:
            raise SystemExit(f"{self.database}: {login} could not log in: {answer.get('error') or answer}")
        return uid

    def rpc(self, url: str, params: dict) -> dict:
        """A JSON-RPC call as the web client makes it; the decoded answer (``result`` or ``error``)."""
        response = self.open(url, method="POST", content_type="application/json",
                             data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}))
        return json.loads(response.get_data() or b"{}")


def measure(requests) -> Sample:
    """Measures `requests`, a generator making one or more requests and yielding each answer as it comes (so that
    each request's queries are counted before the next one starts); an exception or an error answer is an error."""
    thread = threading.current_thread()
    started, cpu_started = time.perf_counter(), time.thread_time()
    queries, status, error = 0, 0, ""
    try:
        for response in requests:
            error = error or answer_error(response)
            queries += getattr(thread, "query_count", 0)
            status = response.status_code
    except Exception as exc:  # noqa: BLE001 - a failing route is counted, the run goes on
        error = f"{type(exc).__name__}: {exc}"
    wall = (time.perf_counter() - started) * 1000
    cpu = (time.thread_time() - cpu_started) * 1000
    return Sample(wall, cpu, queries, status, error)


def answer_error(response) -> str:
    """Why an answer counts as an error ('' when it does not): a status other than 2xx/3xx, a JSON-RPC error, an
    XML-RPC fault. The body is read here, so that a streamed answer is fully produced inside the measure."""
    body = response.get_data()
    if not 200 <= response.status_code < 400:
        return f"HTTP {response.status_code}: {body[:300].decode(errors='replace')}"
    kind = response.headers.get("Content-Type", "")
    if kind.startswith("application/json") and body.startswith(b"{"):
        answer = json.loads(body)
        if isinstance(answer, dict) and answer.get("error"):
            error = answer["error"]
            return f"JSON-RPC error: {error.get('data', {}).get('message') or error.get('message') or error}"
    if kind.startswith("text/xml"):
        try:
            xmlrpc.client.loads(body)
        except xmlrpc.client.Fault as fault:
            return f"XML-RPC fault: {fault.faultString.strip().splitlines()[-1]}"
    return ""
