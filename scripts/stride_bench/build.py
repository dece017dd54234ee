"""scripts/bench build: the benchmark's two databases, with the same records.

  1. the plain database: the Odoo S.A. modules our addons depend on (the dependency closure of every addon of
     addons/ but stride_demo, through OCA modules too, keeping Odoo's own) plus payment_demo, without demo data,
     with the languages stride activates (loaded at the install, offered on the website: the same shop in both);
  2. the generator (scripts/stride_bench/generator.py) fills it, deterministically;
  3. the suite database is a copy of it (PostgreSQL CREATE DATABASE ... TEMPLATE and the filestore, by Odoo's own
     duplication) where `stride` (every feature addon) is then installed: our stored computes and install hooks run
     over the full data here, and the slowest modules of that install are listed;
  4. the time of each step, and the generated records counted in both databases (they must be equal).

    scripts/bench build -c CONF --quick                 # 300 variants, 1,000 customers, ~10,000 order lines
    scripts/bench build -c CONF                         # 20,000 variants, 100,000 customers, ~1,000,000 lines
    scripts/bench build -c CONF --keep                  # reuse the plain database's modules (and data), redo
                                                        # the suite

Portal shoppers bench_shopper_1..N and the staff user bench_staff share one password (--password, else one is
made and printed); the parameter stride_bench.fixture of both databases (JSON) names them with the records the
route benchmark visits.
"""

import argparse
import json
import os
import re
import secrets
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXCLUDED = ("stride_demo",)  # replays 18 months of demo history: the benchmark brings its own data
EXTRA_PLAIN = ("payment_demo",)  # the provider the checkout route pays with
SUITE_MODULE = "stride"  # the meta addon: installed, every feature addon is
# (label, SQL counting generated records): what both databases must hold alike.
COUNTS = (
    ("product.template (Bench)", "SELECT count(*) FROM product_template WHERE default_code LIKE 'BENCH-%'"),
    ("product.product (Bench)", "SELECT count(*) FROM product_product p JOIN product_template t "
                                "ON t.id = p.product_tmpl_id WHERE t.default_code LIKE 'BENCH-%'"),
    ("product images (attachments)", "SELECT count(*) FROM ir_attachment WHERE res_model = 'product.template' "
                                     "AND res_field = 'image_1920' AND res_id IN "
                                     "(SELECT id FROM product_template WHERE default_code LIKE 'BENCH-%')"),
    ("product.supplierinfo", "SELECT count(*) FROM product_supplierinfo s JOIN res_partner p ON p.id = s.partner_id "
                             "WHERE p.name LIKE 'Bench Vendor %'"),
    ("stock.quant", "SELECT count(*) FROM stock_quant"),
    ("stock.move (done)", "SELECT count(*) FROM stock_move WHERE state = 'done'"),
    ("stock.warehouse.orderpoint", "SELECT count(*) FROM stock_warehouse_orderpoint"),
    ("res.partner (customers)", "SELECT count(*) FROM res_partner WHERE email LIKE '%@insight-bench.example'"),
    ("sale.order (confirmed)", "SELECT count(*) FROM sale_order WHERE state = 'sale'"),
    ("sale.order (cancelled)", "SELECT count(*) FROM sale_order WHERE state = 'cancel'"),
    ("sale.order (carts)", "SELECT count(*) FROM sale_order WHERE state = 'draft'"),
    ("sale.order.line", "SELECT count(*) FROM sale_order_line"),
    ("sale.order currencies", "SELECT count(DISTINCT currency_id) FROM sale_order"),
    # The generator's rates have no XML id; stride's reference rates (data records) are the suite's own.
    ("res.currency.rate (generated)", "SELECT count(*) FROM res_currency_rate WHERE id NOT IN "
                                      "(SELECT res_id FROM ir_model_data WHERE model = 'res.currency.rate')"),
    ("loyalty.card", "SELECT count(*) FROM loyalty_card"),
    ("loyalty.history", "SELECT count(*) FROM loyalty_history"),
    ("res.users (bench)", "SELECT count(*) FROM res_users WHERE login LIKE 'bench\\_%'"),
)
SLOW_MODULE = re.compile(r"Module (\S+) loaded in ([\d.]+)s, (\d+) queries")
# The shop's languages come from stride's own data: the plain database gets them too (loaded at its install, offered
# on its website), so that both shops speak the same languages and the comparison measures our addons, not five
# languages more (a multi-language website formats every link, field and language switcher for each).
STRIDE_LANGUAGES = ROOT / "addons" / "stride" / "data" / "res_lang_data.xml"
LANGUAGE = re.compile(r"_activate_and_install_lang\"\s+eval=\"\[\[\],\s*'([a-z]{2}(?:_[A-Za-z]+)?)'\]\"")


# --- Pure helpers --------------------------------------------------------------------------------------------


def dependency_closure(roots: list[str], depends: dict[str, list[str]]) -> set[str]:
    """Every module ``roots`` need, themselves included (``depends``: module -> its direct dependencies); a
    module missing from ``depends`` is kept and not followed."""
    seen: set[str] = set()
    pending = list(roots)
    while pending:
        name = pending.pop()
        if name not in seen:
            seen.add(name)
            pending.extend(depends.get(name, ()))
    return seen


def plain_modules(ours: list[str], depends: dict[str, list[str]], odoo_modules: set[str]) -> list[str]:
    """The modules of plain Odoo for our addons: the Odoo S.A. modules (``odoo_modules``) in the closure of
    ``ours`` but the excluded ones, followed through OCA modules too, plus payment_demo; sorted."""
    roots = [name for name in ours if name not in EXCLUDED]
    return sorted((dependency_closure(roots, depends) & odoo_modules) | set(EXTRA_PLAIN))


def is_odoo_sa(module_path: Path, odoo_dirs: list[Path]) -> bool:
    """Whether the module in ``module_path`` ships with Odoo (lives in one of Odoo's own addons folders); an author
    says nothing: Odoo's localisations are written by partners, OCA wheels install beside Odoo's package."""
    return module_path.parent.resolve() in {folder.resolve() for folder in odoo_dirs}


def count_mismatches(plain: dict[str, int], suite: dict[str, int]) -> list[str]:
    """The labels whose counts differ between the two databases (or are missing in one)."""
    return sorted(label for label in plain.keys() | suite.keys() if plain.get(label) != suite.get(label))


def slowest_modules(log_text: str, limit: int = 10) -> list[tuple[str, float, int]]:
    """The (module, seconds, queries) of an Odoo install log's "Module X loaded in" lines, slowest first."""
    found = [(name, float(seconds), int(queries)) for name, seconds, queries in SLOW_MODULE.findall(log_text)]
    return sorted(found, key=lambda row: -row[1])[:limit]


def shop_languages(data_file: Path = STRIDE_LANGUAGES) -> list[str]:
    """The languages stride activates besides English (its res_lang_data.xml), in their order."""
    return LANGUAGE.findall(data_file.read_text(encoding="utf-8"))


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


# --- Steps ---------------------------------------------------------------------------------------------------


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="scripts/bench build", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-c", "--config", required=True, help="Odoo configuration file (addons path, PostgreSQL)")
    parser.add_argument("--quick", action="store_true", help="small data: a few minutes")
    parser.add_argument("--plain", default="stride_bench_plain", help="name of the plain Odoo database")
    parser.add_argument("--suite", default="stride_bench_suite", help="name of the suite database")
    parser.add_argument("--keep", action="store_true",
                        help="reuse what an earlier build left in the plain database (its modules, and its data when "
                             "complete); the suite database is always made again")
    parser.add_argument("--password", help="password of the shoppers and the staff user (default: made, printed)")
    parser.add_argument("--logs", default=str(ROOT / ".cache" / "bench"), help="folder of the Odoo install logs")
    return parser.parse_args(argv)


def odoo_install_command(install, config, database, modules, log_file, languages=()):
    command = [*install.command(), "-c", config, "-d", database, "-i", ",".join(modules), "--stop-after-init",
               "--no-http", "--log-level=info", "--log-handler=odoo.modules.loading:DEBUG", f"--logfile={log_file}"]
    if languages:
        command.append(f"--load-language={','.join(languages)}")
    return command


def run_install(install, config, database, modules, log_file, languages=()):
    """Install ``modules`` in ``database`` (created when missing) by Odoo's command line, with ``languages``; its
    log goes to log_file."""
    log_file.parent.mkdir(parents=True, exist_ok=True)
    log_file.unlink(missing_ok=True)
    command = odoo_install_command(install, config, database, modules, log_file, languages)
    completed = subprocess.run(command, check=False)  # noqa: S603 - Odoo of this machine, our arguments
    text = log_file.read_text(encoding="utf-8", errors="replace") if log_file.exists() else ""
    errors = [line for line in text.splitlines() if " ERROR " in line or " CRITICAL " in line]
    if completed.returncode != 0 or errors:
        print("\n".join(errors[-20:]) or f"Odoo exited with {completed.returncode}", file=sys.stderr)
        raise SystemExit(f"Installing into {database} failed: see {log_file}")
    return text


def counts(database):
    """The generated records of ``database`` counted by COUNTS, and its fixture."""
    import odoo  # noqa: PLC0415 - only when run

    with odoo.sql_db.db_connect(database).cursor() as cr:
        found = {}
        for label, query in COUNTS:
            cr.execute(query)
            found[label] = cr.fetchone()[0]
        cr.execute("SELECT value FROM ir_config_parameter WHERE key = 'stride_bench.fixture'")
        row = cr.fetchone()
    odoo.sql_db.close_db(database)
    return found, json.loads(row[0]) if row else None


def plain_state(database, modules):
    """What a previous build left in ``database``: "data" (the fixture is there), "modules" (the plain modules
    installed, no data: the generator failed or was stopped) or None (nothing usable)."""
    import odoo  # noqa: PLC0415 - only when run
    from odoo.service import db  # noqa: PLC0415

    if not db.exp_db_exist(database):
        return None
    try:
        with odoo.sql_db.db_connect(database).cursor() as cr:
            cr.execute("SELECT count(*) FROM ir_module_module WHERE state = 'installed' AND name = ANY(%s)",
                       [modules])
            installed = cr.fetchone()[0] == len(modules)
            cr.execute("SELECT 1 FROM ir_config_parameter WHERE key = 'stride_bench.fixture'")
            filled = cr.fetchone() is not None
    except odoo.sql_db.psycopg2.Error:
        return None
    finally:
        odoo.sql_db.close_db(database)
    return ("data" if filled else "modules") if installed else None


def fill(database, size, password):
    """Run the generator in ``database`` and commit."""
    from bench_common import superuser_env  # noqa: PLC0415 - scripts/ is on the path of scripts/bench

    from odoo.modules.registry import Registry  # noqa: PLC0415 - only when run

    from stride_bench.generator import generate  # noqa: PLC0415

    registry = Registry(database)
    with registry.cursor() as cr:
        env = superuser_env(cr)
        fixture = generate(env, size, password)
        # The website offers every active language, as stride's does.
        env["website"].search([]).language_ids = env["res.lang"].search([])
        cr.commit()  # pylint: disable=invalid-commit
    Registry.delete(database)
    return fixture


def main(argv) -> int:
    args = parse_args(argv)
    from stride_harness.addons import discover, read_manifest  # noqa: PLC0415
    from stride_harness.odoo_env import HOW_TO_GET_ODOO, find_odoo  # noqa: PLC0415

    install, why = find_odoo()
    if install is None:
        print(f"Odoo 19 is not importable: {why}\n{HOW_TO_GET_ODOO}", file=sys.stderr)
        return 2
    import odoo  # noqa: PLC0415
    from odoo.service import db  # noqa: PLC0415

    from stride_bench.generator import FULL, QUICK  # noqa: PLC0415

    odoo.tools.config.parse_config(["-c", args.config])
    # Odoo's own drop and duplication (filestore included) refuse to run when database listing is off, as it is in
    # config/; this process serves no HTTP, so it may use them.
    odoo.tools.config["list_db"] = True
    size = QUICK if args.quick else FULL
    password = args.password or secrets.token_urlsafe(12)
    ours = discover(ROOT / "addons")
    depends = {name: addon.depends for name, addon in ours.items()}
    odoo_dirs = [Path(odoo.tools.config.addons_base_dir), Path(odoo.tools.config.addons_community_dir)]
    odoo_sa = set()
    for name, path in install.module_paths().items():
        depends.setdefault(name, list(read_manifest(path).get("depends", [])))
        if is_odoo_sa(path, odoo_dirs) and name not in ours:
            odoo_sa.add(name)
    modules = plain_modules(sorted(ours), depends, odoo_sa)
    logs = Path(args.logs)
    print(f"Benchmark databases {args.plain} (plain Odoo) and {args.suite} (the suite), "
          f"{'quick' if args.quick else 'full'} size {size}; load average {load_average()}", flush=True)
    print(f"Plain Odoo: {len(modules)} modules: {', '.join(modules)}; languages en_US, "
          f"{', '.join(shop_languages())} (stride's)", flush=True)
    timings = []

    def timed(label, started):
        timings.append((label, time.perf_counter() - started))
        print(f"[{label}] {timings[-1][1]:.1f} s (load average {load_average()})", flush=True)

    state = plain_state(args.plain, modules) if args.keep else None
    if state:
        print(f"Keeping {args.plain}: {'its data' if state == 'data' else 'its modules (no data yet)'}", flush=True)
    else:
        started = time.perf_counter()
        db.exp_drop(args.plain)
        # English first: Odoo makes the first language loaded at a database's creation its default, and leaves
        # English out unless it is named.
        run_install(install, args.config, args.plain, modules, logs / f"{args.plain}-install.log",
                    ["en_US", *shop_languages()])
        timed("plain database: create and install plain Odoo", started)
    if state == "data":
        fixture = counts(args.plain)[1]
    else:
        started = time.perf_counter()
        fixture = fill(args.plain, size, password)
        timed("plain database: generate the data", started)
    started = time.perf_counter()
    db.exp_drop(args.suite)
    db.exp_duplicate_database(args.plain, args.suite)
    timed("suite database: copy of the plain one (template + filestore)", started)
    started = time.perf_counter()
    log_text = run_install(install, args.config, args.suite, [SUITE_MODULE], logs / f"{args.suite}-install.log")
    timed(f"suite database: install {SUITE_MODULE} over the data", started)
    print("Slowest modules of that install (seconds, queries):")
    for name, seconds, queries in slowest_modules(log_text):
        print(f"  {name:<48} {seconds:8.2f} s {queries:9d} queries")
    plain_counts, plain_fixture = counts(args.plain)
    suite_counts, suite_fixture = counts(args.suite)
    print(f"\n{'records':<34} {args.plain:>20} {args.suite:>20}")
    for label, _query in COUNTS:
        print(f"  {label:<32} {plain_counts[label]:>20,} {suite_counts[label]:>20,}")
    print("\nSteps")
    for label, seconds in timings:
        print(f"  {label:<66} {seconds:8.1f} s")
    print(f"\nFixture (ir.config_parameter stride_bench.fixture): {json.dumps(suite_fixture)}")
    print(f"Shoppers and {fixture['staff_login']} log in with the password {fixture['shopper_password']}")
    mismatches = count_mismatches(plain_counts, suite_counts)
    if mismatches or plain_fixture != suite_fixture:
        print(f"MISMATCH between the databases: {', '.join(mismatches) or 'fixture'}", file=sys.stderr)
        return 1
    return 0
