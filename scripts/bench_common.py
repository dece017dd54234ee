"""What every ``bench_*.py`` script shares: its two database options, opening the database, and the measurements.

The scripts import it as ``bench_common`` (Python puts the script's own folder first on the path).
"""

import argparse
import time
from contextlib import contextmanager


def bench_parser(description: str) -> argparse.ArgumentParser:
    """An argument parser showing the script's docstring, with the Odoo configuration and the database to use."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-c", "--config", required=True, help="Odoo configuration file")
    parser.add_argument("-d", "--database", required=True, help="database to fill and measure")
    return parser


def open_registry(args):
    """Odoo's registry of ``args.database``, configured from ``args.config``."""
    import odoo  # noqa: PLC0415 - only when run, so that the scripts' --help works without Odoo
    from odoo.modules.registry import Registry  # noqa: PLC0415

    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    return Registry(args.database)


def superuser_env(cr):
    """A superuser environment on ``cr`` without mail tracking, as a bulk job runs."""
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415

    return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True, "mail_notrack": True})


@contextmanager
def measured(env, label, results):
    """Wall time and number of SQL queries of the block, printed and kept in `results`."""
    env.flush_all()
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    yield
    env.flush_all()
    elapsed = time.perf_counter() - start
    count = env.cr.sql_log_count - queries
    results.append((label, elapsed, count))
    print(f"  {label}: {elapsed:.2f} s, {count} queries", flush=True)


def optional_columns(cr, table, candidates):
    """SQL fragments ``, col...`` and ``, value...`` for the columns of ``candidates`` that ``table`` has: required
    columns that other modules (account, purchase, sale_stock, delivery) add when they are installed."""
    cr.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s AND column_name = ANY(%s)",
        [table, list(candidates)],
    )
    present = [column for (column,) in cr.fetchall()]
    return "".join(f", {column}" for column in present), "".join(f", {candidates[column]}" for column in present)


def print_figures(results, width=60):
    """The closing table: one line per measured block."""
    print("\nFigures")
    for label, elapsed, count in results:
        print(f"  {label:<{width}} {elapsed:8.2f} s {count:8d} queries")
