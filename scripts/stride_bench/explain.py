"""Where a route's SQL queries come from: `scripts/bench run --explain ROUTE`.

Each query a request makes is attributed to the code that asked for it, read off the Python stack when the query
runs (Odoo's own per-thread ``query_hooks``, the hook its profiler uses): the innermost frame in one of our addons
that does work of its own there (``addon/path.py:function``), else the innermost frame in an Odoo or OCA module
(``odoo:module``), else ``odoo:core`` (the ORM, HTTP and registry code outside any module). An override that only
passes the call on (its callee is the method of the same name: ``super()``) is not the source of what the method it
overrides asks: plain Odoo's own queries stay Odoo's when they run through our overrides. Summed over the counted
rounds and divided by them, per database, the two sides then say which addon adds which queries to the route.
Reading the stack costs time: the timings of a run with --explain are not the route's. With ``--explain-queries
FILE`` every query attributed is also written out (route, side, source and the SQL's first characters, tab-separated)
to see what a source asks.
"""

import sys
import threading
from collections import Counter
from pathlib import Path

CORE = "odoo:core"
QUERY_TEXT_LIMIT = 300  # characters of each query kept by --explain-queries


def query_text(query) -> str:
    """The SQL of a query as one line (whitespace collapsed), cut to ``QUERY_TEXT_LIMIT`` characters: ``query``
    is the string or ``odoo.tools.SQL`` the cursor ran (its ``code``, placeholders left in)."""
    code = getattr(query, "code", query)
    if isinstance(code, bytes):
        code = code.decode("utf-8", "replace")
    return " ".join(str(code).split())[:QUERY_TEXT_LIMIT]


def query_lines(queries: list[tuple[str, str, str, str]]) -> str:
    """The queries kept by ``QuerySources(keep_queries=True)`` as tab-separated lines, with a header."""
    rows = [("route", "side", "source", "query"), *queries]
    return "".join("\t".join(field.replace("\t", " ") for field in row) + "\n" for row in rows)


def source_of(frames, our_addons: Path) -> str:
    """The source of a query whose stack is `frames`, innermost first: ``(filename, function)`` pairs."""
    ours = str(our_addons.resolve()) + "/"
    module = None
    callee = None
    for filename, function in frames:
        if filename.startswith(ours) and function != callee:
            return f"{filename[len(ours):]}:{function}"
        if module is None and not filename.startswith(ours):
            module = odoo_module_of(filename)
        callee = function
    return f"odoo:{module}" if module else CORE


def odoo_module_of(filename: str) -> str | None:
    """The Odoo module a file belongs to (``.../addons/<module>/...``, the last such part), None outside any."""
    parts = Path(filename).parts
    for index in range(len(parts) - 2, -1, -1):
        if parts[index] == "addons" and index + 1 < len(parts) - 1:
            return parts[index + 1]
    return None


def compare_sources(plain: Counter, suite: Counter, requests: int) -> list[tuple[str, float, float]]:
    """``(source, plain per request, suite per request)``, the sources whose counts differ, largest gap first."""
    rows = []
    for source in set(plain) | set(suite):
        before, after = plain[source] / requests, suite[source] / requests
        if before != after:
            rows.append((source, before, after))
    return sorted(rows, key=lambda row: (-(row[2] - row[1]), row[0]))


def by_addon(rows: list[tuple[str, float, float]]) -> list[tuple[str, float]]:
    """The extra queries per request summed by addon (ours by folder, Odoo's and OCA's by module), largest first:
    ``(addon, extra)``. Odoo's own queries that moved under one of our functions (a savepoint flushing what Odoo
    would flush later) show as Odoo modules with fewer queries."""
    extra = {}
    for source, before, after in rows:
        addon = source.split(":")[1] if source.startswith("odoo:") else source.split("/")[0]
        extra[addon] = extra.get(addon, 0.0) + after - before
    return sorted(((addon, value) for addon, value in extra.items() if value), key=lambda item: (-item[1], item[0]))


def text_table(route: str, rows: list[tuple[str, float, float]], totals: tuple[float, float]) -> str:
    lines = [f"Where the queries of {route!r} come from (per request; only the sources that differ):",
             f"  {'source':<70} {'plain':>7} {'suite':>7} {'extra':>7}"]
    for source, before, after in rows:
        lines.append(f"  {source[:70]:<70} {before:7.1f} {after:7.1f} {after - before:+7.1f}")
    lines.append(f"  {'all queries':<70} {totals[0]:7.1f} {totals[1]:7.1f} {totals[1] - totals[0]:+7.1f}")
    summary = ", ".join(f"{addon} {value:+.1f}" for addon, value in by_addon(rows))
    lines.append(f"  by addon: {summary or 'no difference'}")
    return "\n".join(lines)


class QuerySources:
    """Counts the sources of the queries made on this thread while `active` names a (route, side)."""

    def __init__(self, our_addons: Path, keep_queries: bool = False):
        self.our_addons = our_addons
        self.counts: dict[tuple[str, str], Counter] = {}
        self.active = None
        # (route, side, source, query text) of every query counted, when asked for.
        self.queries: list[tuple[str, str, str, str]] | None = [] if keep_queries else None

    def hook(self, cr, query, params, start, depth):  # noqa: ARG002 - Odoo's query hook signature
        if self.active is None:
            return None
        frame, frames = sys._getframe(1), []  # noqa: SLF001 - the cheapest way to read the stack
        while frame is not None:
            frames.append((frame.f_code.co_filename, frame.f_code.co_name))
            frame = frame.f_back
        source = source_of(frames, self.our_addons)
        self.counts.setdefault(self.active, Counter())[source] += 1
        if self.queries is not None:
            self.queries.append((*self.active, source, query_text(query)))
        return None

    def install(self) -> None:
        thread = threading.current_thread()
        thread.query_hooks = (*getattr(thread, "query_hooks", ()), self.hook)
