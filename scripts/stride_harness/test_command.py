"""``scripts/test``: static checks, pure tests, then every addon's tests inside Odoo 19; one closing summary line."""

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from . import static_checks
from .addons import discover, project_closure
from .odoo_env import HOW_TO_GET_ODOO, find_odoo
from .odoo_tests import make_run, progress_printer
from .postgres import PostgresError, from_environment, start_cluster

ROOT = Path(__file__).resolve().parents[2]


def banner(title: str) -> None:
    print(f"\n=== {title} ===", flush=True)


def run_pure_tests(selected: list[str] | None) -> tuple[int, int]:
    """Plain pytest over the pure tests; (passed, failed)."""
    targets = [str(ROOT / "addons" / name) for name in selected] if selected else []
    with tempfile.NamedTemporaryFile(suffix=".xml") as junit:
        completed = subprocess.run([sys.executable, "-m", "pytest", "-q", f"--junitxml={junit.name}", *targets],
                                   cwd=ROOT, check=False)
        if completed.returncode == 5:  # no test collected
            return 0, 0
        try:
            suites = ET.parse(junit.name).getroot().iter("testsuite")
        except ET.ParseError:
            return 0, 1
        total = failed = 0
        for suite in suites:
            total += int(suite.get("tests", 0)) - int(suite.get("skipped", 0))
            failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        if completed.returncode != 0 and not failed:
            failed = 1
        return total - failed, failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/test", description=__doc__)
    parser.add_argument("--addon", action="append", dest="addons", metavar="NAME",
                        help="only this addon (and the project addons it depends on); repeatable")
    parser.add_argument("--skip-static", action="store_true", help="skip ruff, pylint-odoo and the file checks")
    parser.add_argument("--skip-pure", action="store_true", help="skip the pure (no database) tests")
    parser.add_argument("--skip-odoo", action="store_true", help="skip the tests inside Odoo")
    parser.add_argument("--without-demo", action="store_true", help="test on a database without demo data")
    parser.add_argument("--verbose", action="store_true", help="print Odoo's whole log, not just the key lines")
    args = parser.parse_args(argv)

    addons = discover(ROOT / "addons")
    depends = {name: addon.depends for name, addon in addons.items()}
    unknown = sorted(set(args.addons or []) - set(addons))
    if unknown:
        parser.error(f"unknown addon(s): {', '.join(unknown)}; known: {', '.join(addons)}")
    selected = project_closure(args.addons, depends) if args.addons else project_closure(list(addons), depends)
    odoo, why_not = find_odoo()
    passed = failed = 0
    failures: list[str] = []
    started = time.monotonic()

    if not args.skip_static:
        banner("Static checks")
        odoo_modules = odoo.module_paths() if odoo else None
        for result in static_checks.run_all(ROOT, [addons[name] for name in selected], odoo_modules):
            print(f"{'ok  ' if result.ok else 'FAIL'} {result.name}", flush=True)
            for problem in result.problems[:200]:
                print(f"     {problem}")
            passed, failed = passed + result.ok, failed + (not result.ok)
            if not result.ok:
                failures.append(f"static check {result.name}")

    if not args.skip_pure:
        banner("Pure tests (no database)")
        pure_passed, pure_failed = run_pure_tests(args.addons)
        passed, failed = passed + pure_passed, failed + pure_failed
        if pure_failed:
            failures.append(f"{pure_failed} pure test(s)")

    if not args.skip_odoo and odoo is None:
        banner("Odoo tests")
        print(f"!!! ODOO TESTS WERE NOT RUN: no Odoo 19 is importable here ({why_not}).", flush=True)
        print(HOW_TO_GET_ODOO, flush=True)
    elif not args.skip_odoo and not selected:
        banner("Odoo tests")
        print("No addon in addons/: no Odoo test to run.", flush=True)
    elif not args.skip_odoo:
        banner(f"Odoo {odoo.version} tests: installing {', '.join(selected)}")
        odoo_passed, odoo_failed, problem = run_odoo_tests(odoo, selected, depends, args)
        passed, failed = passed + odoo_passed, failed + odoo_failed
        if problem:
            failures.append(problem)

    banner(f"Summary ({time.monotonic() - started:.0f}s)")
    for failure in failures:
        print(f"FAILED: {failure}")
    if failures and not failed:
        failed = 1
    print(f"total: {passed} passed, {failed} failed", flush=True)
    return 1 if failures else 0


def run_odoo_tests(odoo, selected, depends, args) -> tuple[int, int, str]:
    log_dir = ROOT / ".cache" / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    server = from_environment()
    try:
        if server is None:
            server = start_cluster(durable=False)
            print(f"Started a throwaway PostgreSQL cluster in {server.host} (port {server.port})", flush=True)
    except PostgresError as error:
        print(f"!!! ODOO TESTS COULD NOT RUN: {error}", flush=True)
        return 0, 1, "PostgreSQL"
    run = make_run(odoo, server, ROOT / "addons", not args.without_demo, log_dir)
    try:
        report = run.test(selected, depends, progress_printer(args.verbose))
    except (RuntimeError, PostgresError) as error:
        print(f"!!! {error}", flush=True)
        return 0, 1, "Odoo test database"
    finally:
        server.stop()
        if server.owned:
            shutil.rmtree(server.cluster_dir, ignore_errors=True)
        shutil.rmtree(run.data_dir, ignore_errors=True)

    print("\nOdoo tests per addon:")
    for name in selected:
        print(f"  {name}: {report.tests_per_module.get(name, 0)} tests")
    print(f"Odoo: {report.passed} passed, {report.failed} failed, {report.errors} errors of {report.total} tests "
          f"(full log: {run.last_log})")
    problem = ""
    if not report.result_seen:
        problem = "Odoo did not report test results (it crashed or failed to install; see the log)"
    elif report.failed or report.errors:
        problem = f"{report.failed + report.errors} Odoo test(s)"
    if report.offending:
        print(f"\n{len(report.offending)} log line(s) fail the run (ERROR anywhere, WARNING about our addons):")
        for line in report.offending[:50]:
            print(f"  {line}")
        problem = problem or "ERROR/WARNING lines in Odoo's log"
    failed = report.failed + report.errors + (0 if report.result_seen and not report.offending else 1)
    return report.passed, failed, problem
