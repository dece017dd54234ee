"""scripts/bench jobs: the nightly jobs of the suite, timed on the benchmark's suite database against their budgets.

    scripts/bench jobs -c CONF --suite stride_bench_suite

Each job runs as its cron runs it (the same method, superuser), in a transaction of its own that is rolled back, so
the database stays as `scripts/bench build` left it. What a job needs that the plain data cannot hold is prepared
in the same transaction, untimed: the generated reordering rules become alert-only thresholds (a trigger of
stock_threshold_alert) and the generated loyalty club gets tiers (loyalty_tier's), as a shop would configure them.
Prints per job the wall time, the process CPU time, the SQL queries and the verdict against its budget; exits 1 when
a job passes its budget. The machine's load average is printed beside the figures: wall times on a shared machine
measure the queue for the cores too.
"""

import argparse
import sys
import time
from dataclasses import dataclass

from stride_bench.build import load_average


@dataclass(frozen=True)
class Job:
    label: str
    method: str  # the cron's method, as its scheduled action calls it
    budget: float | None  # seconds; None: measured, no budget
    source: str  # where the budget comes from


JOBS = (
    Job("threshold check (hourly catch-up)", "stock.threshold.alert._cron_check_thresholds", None,
        "no budget set; prepares the alerts the digest sends"),
    Job("threshold digest", "stock.threshold.alert._cron_send_digest", 60.0,
        "no issue sets one: 60 s assumed (one mail per company and language)"),
    Job("loyalty tier review, first (every card gets a tier)", "loyalty.program._cron_review_tiers", None,
        "first run after the tiers are set: no budget"),
    Job("loyalty tier review, nightly", "loyalty.program._cron_review_tiers", 60.0,
        "loyalty_tier: < 60 s at 100,000 customers (README benchmarks, bench_loyalty.py)"),
    # The install over existing orders leaves the metrics to the first nightly check, which then repairs everybody.
    Job("CRM metrics drift check, first after the install", "res.partner._insight_check_drift", 300.0,
        "crm_customer_insight: repairs every customer, as the backfill (target < 5 min at 100,000)"),
    Job("CRM metrics drift check, nightly", "res.partner._insight_check_drift", 300.0,
        "crm_customer_insight: converts every customer as the backfill does, whose target is < 5 min at 100,000"),
    Job("restock suggestion, every variant, 90 days", "purchase.restock.suggestion.action_compute", 15.0,
        "purchase_restock_suggestion: < 15 s for 20,000 variants / 1,000,000 moves (bench_restock.py)"),
)


def verdict(seconds: float, budget: float | None) -> str:
    """"pass", "FAIL" or "-" (no budget) for a job that took ``seconds``."""
    if budget is None:
        return "-"
    return "pass" if seconds <= budget else "FAIL"


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="scripts/bench jobs", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-c", "--config", required=True, help="Odoo configuration file")
    parser.add_argument("--suite", default="stride_bench_suite", help="the suite database of `scripts/bench build`")
    return parser.parse_args(argv)


# --- Preparation (untimed) and the jobs ---------------------------------------------------------------------


def alert_thresholds(env):
    """The generated reordering rules as alert-only thresholds, in SQL as an import would leave them (the
    hourly catch-up is the job that notices them)."""
    env.cr.execute("UPDATE stock_warehouse_orderpoint SET trigger = 'alert' WHERE trigger = 'manual'")
    env.invalidate_all()
    return f"{env.cr.rowcount} alert-only thresholds"


def club_tiers(env):
    """Tiers on the generated loyalty club (bench_loyalty's), the only loyalty program reviewed."""
    from bench_loyalty import TIERS  # noqa: PLC0415 - scripts/ is on the path of scripts/bench

    program = env["loyalty.program"].search([("name", "=", "Bench Club")], limit=1)
    env["loyalty.program"].search([("id", "!=", program.id), ("program_type", "=", "loyalty")]).active = False
    env["loyalty.tier"].create([
        {"program_id": program.id, "name": name, "sequence": 10 * (index + 1), "min_spend": spend}
        for index, (name, spend) in enumerate(TIERS)
    ])
    env.flush_all()
    return f"{len(TIERS)} tiers on {program.name}, {len(program.coupon_ids)} cards"


def run_jobs(registry, results):
    """Each group of jobs in its own rolled-back transaction; ``results``: (job, seconds, cpu, queries, detail)."""
    from bench_common import superuser_env  # noqa: PLC0415 - scripts/ is on the path of scripts/bench

    groups = (
        (alert_thresholds, (JOBS[0], JOBS[1])),
        (club_tiers, (JOBS[2], JOBS[3])),
        (None, (JOBS[4], JOBS[5])),
        (None, (JOBS[6],)),
    )
    for prepare, jobs in groups:
        with registry.cursor() as cr:
            env = superuser_env(cr)
            if prepare:
                print(f"  prepared: {prepare(env)}", flush=True)
            for job in jobs:
                results.append(time_job(env, job))
            cr.rollback()  # the jobs' work is not kept: the database stays reusable


def time_job(env, job):
    env.flush_all()
    env.invalidate_all()
    call = job_call(env, job)
    queries = env.cr.sql_log_count
    cpu = time.process_time()
    start = time.perf_counter()
    outcome = call()
    env.flush_all()
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu
    count = env.cr.sql_log_count - queries
    print(f"  {job.label}: {elapsed:.2f} s (CPU {cpu:.2f} s), {count} queries, {verdict(elapsed, job.budget)}; "
          f"{outcome}; load average {load_average()}", flush=True)
    return job, elapsed, cpu, count, outcome


def job_call(env, job):
    """The call of ``job`` (built untimed: a restock suggestion needs its record first)."""
    if job.method.startswith("purchase.restock.suggestion"):
        warehouse = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)
        suggestion = env["purchase.restock.suggestion"].create({"warehouse_id": warehouse.id, "window_days": "90"})
        env.flush_all()

        def compute():
            suggestion.action_compute()
            return f"{len(suggestion.line_ids)} lines"

        return compute
    model, method = job.method.rsplit(".", 1)
    if model == "stock.threshold.alert":

        def run_and_count():
            getattr(env[model], method)()
            return f"{env[model].search_count([('state', '=', 'open')])} open alerts"

        return run_and_count
    return lambda: getattr(env[model], method)()


def main(argv) -> int:
    args = parse_args(argv)
    from stride_harness.odoo_env import HOW_TO_GET_ODOO  # noqa: PLC0415

    try:
        import odoo  # noqa: PLC0415
        from odoo.modules.registry import Registry  # noqa: PLC0415
    except ImportError as error:
        print(f"Odoo 19 is not importable ({error}).\n{HOW_TO_GET_ODOO}", file=sys.stderr)
        return 2
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.suite])
    print(f"Nightly jobs on {args.suite}; load average {load_average()}", flush=True)
    results = []
    run_jobs(Registry(args.suite), results)
    print(f"\n{'job':<54} {'seconds':>8} {'CPU s':>7} {'queries':>8} {'budget':>7}  verdict")
    failed = False
    for job, elapsed, cpu, count, _outcome in results:
        budget = f"{job.budget:.0f} s" if job.budget else "-"
        result = verdict(elapsed, job.budget)
        failed |= result == "FAIL"
        print(f"  {job.label:<52} {elapsed:8.2f} {cpu:7.2f} {count:8d} {budget:>7}  {result}")
    print("\nBudgets:")
    for job in JOBS:
        print(f"  {job.label}: {job.source}")
    print(f"Load average at the end: {load_average()}")
    return 1 if failed else 0
