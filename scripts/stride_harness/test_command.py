"""``scripts/test``: static checks, pure tests, then every addon's tests inside Odoo 19; one closing summary line."""

import argparse
import contextlib
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from . import static_checks
from .addons import discover, external_dependencies, project_closure
from .logscan import LogReport
from .odoo_env import HOW_TO_GET_ODOO, find_odoo
from .odoo_tests import make_run, progress_printer
from .postgres import PostgresError, server_for_a_run
from .processes import Interrupted, stopping_on_signals

ROOT = Path(__file__).resolve().parents[2]


def banner(title: str) -> None:
    print(f"\n=== {title} ===", flush=True)


def junit_counts(junit: Path, returncode: int) -> tuple[int, int]:
    """(passed, failed) from a pytest JUnit report; a failing pytest without a readable report counts one failure."""
    if returncode == 5:  # no test collected
        return 0, 0
    try:
        suites = ET.parse(junit).getroot().iter("testsuite")
    except (ET.ParseError, OSError):
        return 0, 1
    total = failed = 0
    for suite in suites:
        total += int(suite.get("tests", 0)) - int(suite.get("skipped", 0))
        failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    if returncode != 0 and not failed:
        failed = 1
    return total - failed, failed


def run_pure_tests(selected: list[str] | None) -> tuple[int, int]:
    """Plain pytest over the pure tests and the harness's own; (passed, failed). The harness tests that install
    Odoo databases (marker ``database``) are left to ``python3 -m pytest tests`` and ``--pytest-odoo``."""
    targets = [str(ROOT / "addons" / name) for name in selected] if selected else []
    with tempfile.NamedTemporaryFile(suffix=".xml") as junit:
        completed = subprocess.run([sys.executable, "-m", "pytest", "-q", "-m", "not database",
                                    f"--junitxml={junit.name}", *targets], cwd=ROOT, check=False)
        return junit_counts(Path(junit.name), completed.returncode)


@dataclass
class OdooPlan:
    """One fresh database: the project addons it installs, those whose tests run, the Odoo modules beneath."""
    name: str
    install: list[str]
    tested: list[str]
    dependencies: list[str]


def plan_odoo_runs(selected: list[str], depends: dict[str, list[str]], each: bool) -> list[OdooPlan]:
    """One database for the selected addons together; with ``each``, one per addon holding only that addon, the
    project addons it depends on and their Odoo modules (so a dependency missing from a manifest shows)."""
    if not each:
        return [OdooPlan("", selected, selected, external_dependencies(list(depends), depends))]
    plans = []
    for name in selected:
        closure = project_closure([name], depends)
        plans.append(OdooPlan(name, closure, [name], external_dependencies(closure, depends)))
    return plans


def main(argv: list[str] | None = None) -> int:
    """Run the whole command; Ctrl-C, SIGTERM and SIGHUP stop Odoo and the throwaway PostgreSQL before it exits."""
    with stopping_on_signals():
        try:
            return _main(argv)
        except Interrupted as stop:
            print(f"\n!!! scripts/test stopped by {stop}: Odoo and the PostgreSQL it started were stopped.",
                  file=sys.stderr, flush=True)
            return stop.exit_code


def _main(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/test", description=__doc__)
    parser.add_argument("--addon", action="append", dest="addons", metavar="NAME",
                        help="only this addon (and the project addons it depends on); repeatable")
    parser.add_argument("--each", action="store_true",
                        help="install and test every addon (or each --addon) alone, each in its own fresh database "
                             "with only the addons it depends on; report per addon")
    parser.add_argument("--pytest-odoo", action="store_true",
                        help="run the Odoo tests through pytest (pytest-odoo) on a database with the addons installed, "
                             "instead of Odoo's own test runner")
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
        each_of = (args.addons or list(addons)) if args.each else selected
        plans = plan_odoo_runs(sorted(each_of), depends, args.each)
        odoo_passed, odoo_failed, problems = run_odoo_tests(odoo, plans, args)
        passed, failed = passed + odoo_passed, failed + odoo_failed
        failures.extend(problems)

    banner(f"Summary ({time.monotonic() - started:.0f}s)")
    for failure in failures:
        print(f"FAILED: {failure}")
    if failures and not failed:
        failed = 1
    print(f"total: {passed} passed, {failed} failed", flush=True)
    return 1 if failures else 0


def run_odoo_tests(odoo, plans: list[OdooPlan], args) -> tuple[int, int, list[str]]:
    """Every plan on one PostgreSQL (the environment's, or a throwaway cluster stopped and removed however this
    ends); (passed, failed, what failed)."""
    log_dir = ROOT / ".cache" / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    passed = failed = 0
    problems: list[str] = []
    with contextlib.ExitStack() as cleanup:
        try:
            server = server_for_a_run(cleanup)
        except PostgresError as error:
            print(f"!!! ODOO TESTS COULD NOT RUN: {error}", flush=True)
            return 0, 1, ["PostgreSQL"]
        run = make_run(odoo, server, ROOT / "addons", not args.without_demo, log_dir)
        cleanup.callback(shutil.rmtree, run.data_dir, ignore_errors=True)
        outcomes = []
        for plan in plans:
            runner = "pytest-odoo" if args.pytest_odoo else f"Odoo {odoo.version}"
            alone = f" alone: {plan.name}" if plan.name else ""
            banner(f"{runner} tests{alone}: installing {', '.join(plan.install)}")
            try:
                if args.pytest_odoo:
                    plan_passed, plan_failed, problem = _pytest_odoo(run, plan)
                else:
                    plan_passed, plan_failed, problem = _odoo_runner(run, plan, args)
            except (RuntimeError, PostgresError) as error:
                print(f"!!! {error}", flush=True)
                plan_passed, plan_failed, problem = 0, 1, "Odoo test database"
            passed, failed = passed + plan_passed, failed + plan_failed
            outcomes.append((plan, plan_passed, plan_failed, problem))
            if problem:
                problems.append(f"{plan.name}: {problem}" if plan.name else problem)
    if any(plan.name for plan, *_rest in outcomes):
        print("\nEach addon alone (its own database, only the addons it depends on):")
        for plan, plan_passed, plan_failed, problem in outcomes:
            print(f"  {'ok  ' if not problem else 'FAIL'} {plan.name}: {plan_passed} passed, {plan_failed} failed"
                  f"{' (' + problem + ')' if problem else ''}")
    return passed, failed, problems


def _odoo_runner(run, plan: OdooPlan, args) -> tuple[int, int, str]:
    report: LogReport = run.test(plan.install, plan.dependencies, progress_printer(args.verbose), plan.tested,
                                 plan.name)
    print("\nOdoo tests per addon:")
    for name in plan.tested:
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


def _pytest_odoo(run, plan: OdooPlan) -> tuple[int, int, str]:
    with tempfile.TemporaryDirectory(prefix="stride-pytest-odoo-") as folder:
        junit = Path(folder) / "junit.xml"
        returncode = run.pytest_odoo(plan.install, plan.dependencies, progress_printer(False), plan.tested,
                                     junit, plan.name)
        plan_passed, plan_failed = junit_counts(junit, returncode)
    print(f"pytest-odoo: {plan_passed} passed, {plan_failed} failed (full log: {run.last_log})")
    if returncode == 5:
        return 0, 1, "pytest-odoo collected no test"
    return plan_passed, plan_failed, f"{plan_failed} test(s) through pytest-odoo" if plan_failed else ""
