"""`scripts/bench quick`: the check a developer runs before a release (a few minutes).

    scripts/bench quick -c CONF [--plain DB] [--suite DB] [--rounds N]

Builds the two databases with `scripts/bench build --quick` (small data), then `scripts/bench run` with few rounds
against budgets.json; exits 1 when the build fails or a route passes its ratio or query budget. On a quick run the
ratio is judged on the median CPU time of the request's thread (budgets.json's "judge"): the wall clock of a few rounds
on a busy machine moves more with the other processes than with our code; query counts are exact either way.
"""

import argparse
from pathlib import Path

from stride_bench import build, drive

BUDGETS = Path(__file__).resolve().parent / "budgets.json"


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="scripts/bench quick", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-c", "--config", required=True, help="Odoo configuration file (addons path, PostgreSQL)")
    parser.add_argument("--plain", default="stride_bench_quick_plain", help="plain database (default %(default)s)")
    parser.add_argument("--suite", default="stride_bench_quick_suite", help="suite database (default %(default)s)")
    parser.add_argument("--rounds", type=int, default=8, help="timed rounds (default %(default)s)")
    parser.add_argument("--budgets", default=str(BUDGETS), help="budgets file (default %(default)s)")
    return parser.parse_args(argv)


def main(argv) -> int:
    args = parse_args(argv)
    databases = ["--plain", args.plain, "--suite", args.suite]
    status = build.main(["-c", args.config, "--quick", *databases])
    if status:
        print(f"scripts/bench build --quick failed (exit {status}): nothing measured")
        return status
    return drive.main(["-c", args.config, *databases, "--rounds", str(args.rounds), "--warm-up", "2",
                       "--budgets", args.budgets])
