"""`scripts/bench load`: shoppers, staff and integrators against Odoo in prefork mode, on this machine only.

    scripts/bench load -c CONF -d DB --prepare             # once: demo payment, products, bench users (idempotent)
    scripts/bench load -c CONF -d DB [--users 50] [--spawn-rate 5] [--run-time 3m] [--workers N] [--think 0.2-1]

DB is either database of the pair `scripts/bench build` makes: the suite (`stride` installed) or plain Odoo (Odoo's
modules only), told apart by the modules installed in it, so that the same load can be compared on the same data.
Shoppers and integrators do the same on both (integrators read the order's delivery status where there is no
pipeline stage); staff move orders through sale_order_pipeline's stages where it is installed, and otherwise do the
same work with Odoo alone: they validate each order's ready transfers in turn.

Starts Odoo in prefork mode on 127.0.0.1 (free ports) with the workers, limits and cron threads of config/odoo.conf
(only the database, addons, data directory and ports come from CONF and this command; --workers changes the
workers), waits for /web/health, drives the scenario of locustfile.py with Locust (headless, in the benchmark's own
virtual environment) for --run-time, stops Odoo, and cleans up however it ends (Ctrl-C, SIGTERM, an error).
Load goes to loopback only: any other --http-interface is refused, and the locustfile refuses any other host.

--users is the number of shoppers; 2 staff and 2 integrators come on top. --think MIN-MAX is how many seconds a
shopper pauses between two pages (default 0.2-1.0, a hurried shopper; e.g. 3-10 for a browsing pace). Before each
run the limited products get --limited-units free units each, so that shoppers race for the last ones. After the
run it prints p50/p95/p99 per request type and over all, the errors (the first ones in full), the orders paid and
the orders per hour sustained, and the oversold check (units of the limited products sold in confirmed orders
against what was free at the start, quants below zero, paid units no stock could be reserved for), then the verdict
against issue 16's targets (50 shoppers, p95 < 300 ms, 0 errors, 0 oversold, >= 10,000 orders/hour), saying which
kind of database it ran on: exit status 1 when one is missed (on plain Odoo too, whose verdict is the baseline the
suite's is compared with). The figures also go to a JSON file (--json, default .cache/bench-load/<db>-<time>.json).
"""

import argparse
import configparser
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from stride_harness.processes import Interrupted, run_child, stop_process, stop_with_parent, stopping_on_signals

from .load_figures import (
    HURRIED_THINK,
    TARGETS,
    is_loopback,
    orders_per_hour,
    oversold_units,
    read_locust_failures,
    read_locust_stats,
    requests_per_worker,
    verdict,
)

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_CONFIG = ROOT / "config" / "odoo.conf"
LOCUSTFILE = Path(__file__).with_name("locustfile.py")
OUTPUT = ROOT / ".cache" / "bench-load"
# What config/odoo.conf decides for a production Odoo and this run keeps (Odoo's command-line options).
SERVER_OPTIONS = ("workers", "max_cron_threads", "limit_time_real", "limit_time_cpu", "limit_memory_soft",
                  "limit_memory_hard", "limit_request")
STAFF_AND_INTEGRATORS = 4  # the locustfile's fixed_count users
INTEGRATOR_KEYS = 2
FIRST_ERRORS_SHOWN = 5
SECONDS = r"-?(?:\d+(?:\.\d*)?|\.\d+)"  # a number of seconds in --think (the sign only to say it is refused)


def think_range(text: str) -> tuple[float, float]:
    """--think's MIN-MAX: the shortest and longest pause in seconds, both non-negative, MIN <= MAX."""
    match = re.fullmatch(rf"\s*({SECONDS})\s*-\s*({SECONDS})\s*", text)
    if not match:
        raise argparse.ArgumentTypeError(f"{text!r} is not MIN-MAX in seconds (e.g. 0.2-1 or 3-10)")
    shortest, longest = float(match.group(1)), float(match.group(2))
    if min(shortest, longest) < 0:
        raise argparse.ArgumentTypeError(f"{text!r}: a pause cannot be negative")
    if shortest > longest:
        raise argparse.ArgumentTypeError(f"{text!r}: MIN ({shortest:g}) is more than MAX ({longest:g})")
    return shortest, longest


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="scripts/bench load", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-c", "--config", required=True, help="Odoo configuration file (database server, addons)")
    parser.add_argument("-d", "--database", required=True,
                        help="the suite's database (`stride` installed) or the plain Odoo one of the same data")
    parser.add_argument("--users", type=int, default=TARGETS["shoppers"], help="simulated shoppers (default 50)")
    parser.add_argument("--spawn-rate", type=float, default=5, help="users started per second (default 5)")
    parser.add_argument("--run-time", default="3m", help="how long the load lasts, Locust's syntax (default 3m)")
    parser.add_argument("--workers", type=int, help="Odoo workers (default: config/odoo.conf's)")
    parser.add_argument("--think", type=think_range, default=HURRIED_THINK, metavar="MIN-MAX",
                        help="seconds a shopper pauses between two pages (default 0.2-1.0: a hurried shopper)")
    parser.add_argument("--prepare", action="store_true", help="first make what the scenario needs (idempotent)")
    parser.add_argument("--limited-units", type=int, default=20,
                        help="free units of each limited product when the run starts (default 20)")
    parser.add_argument("--http-interface", default="127.0.0.1", help="loopback address Odoo listens on")
    parser.add_argument("--json", type=Path, help="where to write the figures")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if not is_loopback(args.http_interface):
        print(f"Refused: {args.http_interface} is not a loopback address; the load test sends traffic to this "
              "machine only.", file=sys.stderr)
        return 2
    with stopping_on_signals(), contextlib.ExitStack() as cleanup:
        try:
            stop_with_parent()
            return _run(args, cleanup)
        except Interrupted as stop:
            print(f"\nscripts/bench load stopped by {stop}: stopping Odoo and Locust.", flush=True)
            return stop.exit_code


def production_options(workers=None):
    """Odoo command-line options for the server settings of config/odoo.conf (workers replaced by `workers`)."""
    parser = configparser.ConfigParser(inline_comment_prefixes=(";", "#"))
    parser.read(PRODUCTION_CONFIG, encoding="utf-8")
    options = dict(parser["options"])
    if workers is not None:
        options["workers"] = str(workers)
    flags = [f"--{name.replace('_', '-')}={options[name]}" for name in SERVER_OPTIONS if options.get(name)]
    if options.get("proxy_mode", "").lower() in ("true", "1"):
        flags.append("--proxy-mode")
    return flags, int(options.get("workers", 0))


def free_port(interface):
    with socket.socket(socket.AF_INET6 if ":" in interface else socket.AF_INET) as sock:
        sock.bind((interface, 0))
        return sock.getsockname()[1]


def _run(args, cleanup):
    from stride_harness.odoo_env import HOW_TO_GET_ODOO, find_odoo  # noqa: PLC0415

    from .venv import bench_python  # noqa: PLC0415

    odoo_install, why_not = find_odoo()
    if odoo_install is None:
        print(f"Odoo 19 was not found: {why_not}\n\n{HOW_TO_GET_ODOO}", file=sys.stderr)
        return 2
    locust_python = bench_python()
    registry = _open_registry(args)
    from . import load_data  # noqa: PLC0415 - imports Odoo

    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    OUTPUT.mkdir(parents=True, exist_ok=True)
    prefix = OUTPUT / f"{args.database}-{stamp}"
    with registry.cursor() as cr:
        env = load_data.superuser_env(cr)
        if args.prepare:
            print("Preparing the scenario's records (demo payment, products, users)...", flush=True)
            load_data.prepare(env)
        sellable = load_data.top_up_limited(env, args.limited_units)
        order_pdfs = bool(shutil.which("wkhtmltopdf"))
        if not order_pdfs:
            print("Note: wkhtmltopdf is not installed, so Odoo cannot attach the order's PDF to its confirmation "
                  "mail (every payment would fail): the order and invoice mails go without PDF during this run.",
                  flush=True)
            cleanup.callback(_attach_pdfs, registry, load_data.detach_pdfs(env))
        cleanup.callback(_drop_api_keys, registry)
        keys = load_data.make_api_keys(env, INTEGRATOR_KEYS)
        scenario = load_data.scenario(env, args.database, keys)
    scenario["think"] = list(args.think)
    scenario_path = prefix.with_name(prefix.name + "-scenario.json")
    scenario_path.touch(mode=0o600)
    scenario_path.write_text(json.dumps(scenario), encoding="utf-8")
    cleanup.callback(scenario_path.unlink, missing_ok=True)  # it holds the bench users' password and API keys

    server_flags, workers = production_options(args.workers)
    port, gevent_port = free_port(args.http_interface), free_port(args.http_interface)
    host = f"http://{args.http_interface}:{port}" if ":" not in args.http_interface else \
        f"http://[{args.http_interface}]:{port}"
    odoo_log = prefix.with_name(prefix.name + "-odoo.log")
    launcher, websocket_worker = _launcher(odoo_install.python)
    command = [odoo_install.python, str(launcher), "-c", args.config, "-d", args.database,
               f"--db-filter=^{args.database}$", f"--addons-path={_addons_path(registry)}",
               f"--http-interface={args.http_interface}", f"--http-port={port}", f"--gevent-port={gevent_port}",
               "--no-database-list", f"--logfile={odoo_log}",
               *server_flags]
    print(f"Odoo in prefork mode on {host} ({workers} workers; log {odoo_log})", flush=True)
    # A session of its own: stopping it stops its workers too (see _stop_odoo).
    server = subprocess.Popen(command, stdin=subprocess.DEVNULL, start_new_session=True)  # noqa: S603
    cleanup.callback(_stop_odoo, server)
    if not _wait_healthy(host, server):
        print(f"Odoo did not answer {host}/web/health: see {odoo_log}", file=sys.stderr)
        return 1
    _warm_up(host, scenario)

    outcome_path = prefix.with_name(prefix.name + "-outcome.json")
    locust_log = prefix.with_name(prefix.name + "-locust.log")
    total_users = args.users + STAFF_AND_INTEGRATORS
    locust = [locust_python, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "--host", host,
              "--users", str(total_users), "--spawn-rate", str(args.spawn_rate), "--run-time", args.run_time,
              "--stop-timeout", "10", "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
              "--exit-code-on-error", "0"]
    environment = dict(os.environ, PYTHONPATH=str(ROOT / "scripts"), STRIDE_LOAD_SCENARIO=str(scenario_path),
                       STRIDE_LOAD_OUTCOME=str(outcome_path))
    load_before = os.getloadavg()
    started = datetime.now(UTC).replace(tzinfo=None)
    print(f"Load on {_kind_label(scenario['kind'])}: {args.users} shoppers (pausing {_think_label(args.think)} "
          f"between pages) + {STAFF_AND_INTEGRATORS} staff/integrators for {args.run_time} "
          f"(load average before: {_loadavg(load_before)}; Locust's log {locust_log})", flush=True)
    wall_start = time.monotonic()
    with locust_log.open("w", encoding="utf-8") as log:
        status = run_child(locust, env=environment, stdout=log, stderr=subprocess.STDOUT)
    seconds = time.monotonic() - wall_start
    load_after = os.getloadavg()
    _stop_odoo(server)
    if status != 0 or not prefix.with_name(prefix.name + "_stats.csv").exists():
        print(f"Locust failed (exit {status}): see {locust_log}", file=sys.stderr)
        return 1

    with registry.cursor() as cr:
        found = load_data.results(load_data.superuser_env(cr), started, sellable)
    figures = _figures(args, prefix, outcome_path, odoo_log, found, sellable, seconds, workers,
                       load_before, load_after)
    figures["database_kind"] = scenario["kind"]
    figures["sale_order_pipeline"] = scenario["pipeline"]
    figures["websocket_worker"] = websocket_worker
    figures["order_pdf_in_confirmation_mail"] = order_pdfs
    json_path = args.json or prefix.with_suffix(".json")
    json_path.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    _print(figures)
    print(f"\nFigures: {json_path}")
    return 0 if all(check["ok"] for check in figures["verdict"]) else 1


def _open_registry(args):
    import odoo  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    addons = str(ROOT / "addons")
    if addons not in odoo.tools.config["addons_path"]:
        odoo.tools.config["addons_path"] = [*odoo.tools.config["addons_path"], addons]
    return Registry(args.database)


def _addons_path(_registry):
    import odoo  # noqa: PLC0415

    return ",".join(str(path) for path in odoo.tools.config["addons_path"])


# Leaves out the gevent (websocket) worker: the scenario opens no websocket, and a worker that cannot start is
# started again every second by Odoo's master, each time importing Odoo (CPU the measured workers would lose).
WITHOUT_GEVENT_WORKER = (
    "from odoo.service.server import PreforkServer\n\nPreforkServer.long_polling_spawn = lambda self: None\n"
)


def _stop_odoo(server, grace=30):
    """Stop the Odoo this command started, its workers included, and wait until none is left: a worker still
    answering requests the load left queued would confirm orders after the figures are read."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        server.poll()  # reaps the master, whose workers then leave the group as they end
        try:
            os.killpg(server.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.5)
    else:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
    stop_process(server)


def _launcher(python):
    """A script that starts Odoo's command line: in prefork mode Odoo starts its gevent worker (the websocket) as
    `python sys.argv[0] gevent ...`, which fails for `python -m odoo` (argv[0] is then odoo/__main__.py). Without
    the gevent worker when gevent cannot patch this Python (said on the terminal); True when it has it."""
    check = [python, "-c", "import gevent.monkey; gevent.monkey.patch_all()"]
    gevent_works = subprocess.run(check, capture_output=True, text=True, check=False)  # noqa: S603
    if gevent_works.returncode != 0:
        last = (gevent_works.stderr.strip().splitlines() or ["?"])[-1]
        print(f"Note: gevent cannot patch {python} ({last}): Odoo runs without its websocket worker.", flush=True)
    launcher = OUTPUT / "odoo-server.py"
    preamble = "" if gevent_works.returncode == 0 else WITHOUT_GEVENT_WORKER
    launcher.write_text(f"{preamble}from odoo.cli.command import main\n\nmain()\n", encoding="utf-8")
    return launcher, gevent_works.returncode == 0


def _attach_pdfs(registry, detached):
    from . import load_data  # noqa: PLC0415

    with registry.cursor() as cr:
        load_data.attach_pdfs(load_data.superuser_env(cr), detached)


def _drop_api_keys(registry):
    from . import load_data  # noqa: PLC0415

    with registry.cursor() as cr:
        load_data.drop_api_keys(load_data.superuser_env(cr))


def _wait_healthy(host, server, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(f"{host}/web/health", timeout=5) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(1)
    return False


def _warm_up(host, scenario):
    """A few pages before the clock starts: each worker loads the registry and the pages' assets on first use."""
    product = scenario["products"][0]["url"]
    for path in ["/", "/shop", product, "/web/login", "/shop/cart"] * 3:
        with contextlib.suppress(OSError):
            urllib.request.urlopen(f"{host}{path}", timeout=120).read()  # noqa: S310 - loopback


def _loadavg(load):
    return " ".join(f"{value:.2f}" for value in load)


def _figures(args, prefix, outcome_path, odoo_log, found, sellable, seconds, workers, load_before, load_after):
    rows, aggregated = read_locust_stats(prefix.with_name(prefix.name + "_stats.csv").read_text(encoding="utf-8"))
    failures_csv = prefix.with_name(prefix.name + "_failures.csv")
    failures = read_locust_failures(failures_csv.read_text(encoding="utf-8")) if failures_csv.exists() else []
    outcome = json.loads(outcome_path.read_text(encoding="utf-8")) if outcome_path.exists() else {}
    errors = aggregated.failures if aggregated else 0
    over = oversold_units(sellable, found["sold"])
    oversold = sum(over.values()) + sum(-q["quantity"] for q in found["negative_quants"]) \
        + found["units_without_stock"]
    per_hour = orders_per_hour(found["orders_paid"], seconds)
    checks = verdict(args.users, aggregated.p95_ms if aggregated else 0.0, errors, oversold, per_hour)
    return {
        "database": args.database,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "shoppers": args.users,
        "think_seconds": list(args.think),
        "staff_and_integrators": STAFF_AND_INTEGRATORS,
        "run_time": args.run_time,
        "seconds": round(seconds, 1),
        "odoo_workers": workers,
        "load_average_before": list(load_before),
        "load_average_after": list(load_after),
        "under_contention": "2 cores shared with other jobs: see the load averages",
        "requests": [vars(row) for row in rows],
        "aggregated": vars(aggregated) if aggregated else None,
        "requests_per_s_per_worker": round(requests_per_worker(aggregated.requests_per_s, workers), 2)
        if aggregated else 0.0,
        "errors": errors,
        "failures": [{"request": r, "error": e, "occurrences": n} for r, e, n in failures],
        "first_errors": outcome.get("first_errors", []),
        "odoo_log_errors": _log_errors(odoo_log),
        "orders_paid": found["orders_paid"],
        "orders_paid_seen_by_shoppers": outcome.get("orders_paid"),
        "orders_per_hour": round(per_hour),
        "sold_out_refusals_at_payment": outcome.get("sold_out_refusals", 0),
        "sold_out_at_add_to_cart": outcome.get("sold_out_adds", 0),
        "staff_moves": outcome.get("staff_moves", 0),
        "limited_sellable_at_start": sellable,
        "limited_sold": found["sold"],
        "oversold_by_product": over,
        "negative_quants": found["negative_quants"],
        "paid_units_without_stock": found["units_without_stock"],
        "oversold_units": oversold,
        "verdict": [vars(check) for check in checks],
    }


def _log_errors(log_path, kept=FIRST_ERRORS_SHOWN):
    """The first ERROR/CRITICAL entries of Odoo's log (each with the traceback that follows it)."""
    if not log_path.exists():
        return []
    entries, current = [], None
    for line in log_path.read_text(encoding="utf-8", errors="replace").splitlines():
        if re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ ", line):
            current = None
            if re.search(r" (ERROR|CRITICAL) ", line) and len(entries) < kept:
                current = [line]
                entries.append(current)
        elif current is not None and len(current) < 60:
            current.append(line)
    return ["\n".join(entry) for entry in entries]


KIND_LABELS = {
    "suite": "the suite (stride installed)",
    "plain": "plain Odoo (none of our addons)",
    "partial": "a database with some of our addons (not stride)",
}


def _kind_label(kind):
    return KIND_LABELS.get(kind, kind)


def _think_label(think):
    return f"{think[0]:g}-{think[1]:g} s"


def _print(figures):
    print(f"\n{'request':<58} {'count':>7} {'fail':>5} {'p50':>6} {'p95':>6} {'p99':>6} {'req/s':>6}")
    for row in [*figures["requests"], figures["aggregated"]]:
        if row:
            print(f"{row['method'] + ' ' + row['name']:<58.58} {row['requests']:>7} {row['failures']:>5} "
                  f"{row['p50_ms']:>6.0f} {row['p95_ms']:>6.0f} {row['p99_ms']:>6.0f} {row['requests_per_s']:>6.1f}")
    print(f"\nOdoo workers: {figures['odoo_workers']}; requests/s per worker: {figures['requests_per_s_per_worker']}"
          f"; load average before {_loadavg(figures['load_average_before'])}, after "
          f"{_loadavg(figures['load_average_after'])} (2 shared cores: figures taken under contention)")
    print(f"Orders paid: {figures['orders_paid']} in {figures['seconds']:.0f} s = {figures['orders_per_hour']} "
          f"orders/hour; refused at payment (sold out): {figures['sold_out_refusals_at_payment']}; staff moves: "
          f"{figures['staff_moves']}")
    print(f"Limited products: sellable at start {sum(figures['limited_sellable_at_start'].values()):g} units, sold "
          f"{sum(figures['limited_sold'].values()):g}; oversold {figures['oversold_units']:g} (by product: "
          f"{figures['oversold_by_product'] or 'none'}; quants below zero: {len(figures['negative_quants'])}; paid "
          f"units without stock: {figures['paid_units_without_stock']:g})")
    for failure in figures["failures"][:FIRST_ERRORS_SHOWN]:
        print(f"  error x{failure['occurrences']}: {failure['request']}: {failure['error']}")
    for error in figures["first_errors"][:FIRST_ERRORS_SHOWN]:
        print(f"  first error, {error['request']}:\n    " + error["detail"].replace("\n", "\n    "))
    for entry in figures["odoo_log_errors"]:
        print(f"  Odoo log:\n    {entry}".replace("\n", "\n    "))
    print(f"Database: {figures['database']}, {_kind_label(figures['database_kind'])}; staff "
          f"{'move orders through the pipeline stages' if figures['sale_order_pipeline'] else 'validate transfers'}"
          f"; shoppers pause {_think_label(figures['think_seconds'])} between pages")
    print(f"\nVerdict (issue 16) on {_kind_label(figures['database_kind'])}:")
    for check in figures["verdict"]:
        print(f"  {'ok  ' if check['ok'] else 'FAIL'} {check['name']:<28} {check['measured']:>10} "
              f"(target {check['target']})")
