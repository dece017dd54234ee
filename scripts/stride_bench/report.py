"""The figures of `scripts/bench run`: statistics per route and database, ratios suite/plain, budget verdicts, tables.

Pure functions on plain data (lists of measured requests, dictionaries), so that they are tested without Odoo. The
measures of one request are a mapping with ``wall`` and ``cpu`` (milliseconds), ``queries`` and ``error`` ('' when
the request succeeded).
"""

import statistics

from bench_shop_search import percentile  # the search benchmark's percentile, so that all our figures read alike

# How a route's suite/plain ratio is judged against its budget: the statistic compared, and what it is called.
JUDGES = {
    "cpu_p50": "median CPU time",
    "wall_p50": "median wall time",
    "wall_p95": "p95 wall time",
    "cpu_p95": "p95 CPU time",
}


def summarize(samples: list[dict]) -> dict:
    """p50/p95/p99 of the wall time, p50/p95 of the CPU time, SQL queries per request and errors of one route."""
    walls = [sample["wall"] for sample in samples]
    cpus = [sample["cpu"] for sample in samples]
    queries = [sample["queries"] for sample in samples]
    errors = [sample["error"] for sample in samples if sample["error"]]
    return {
        "count": len(samples),
        "wall_p50": statistics.median(walls),
        "wall_p95": percentile(walls, 0.95),
        "wall_p99": percentile(walls, 0.99),
        "cpu_p50": statistics.median(cpus),
        "cpu_p95": percentile(cpus, 0.95),
        # Exact per request; the median, with the range when a route's count moves from one request to the next.
        "queries": round(statistics.median(queries)),
        "queries_min": min(queries),
        "queries_max": max(queries),
        "errors": len(errors),
        "first_error": errors[0] if errors else "",
    }


def compare(plain: dict, suite: dict) -> dict:
    """Ratios suite/plain of the medians and p95 (wall and CPU) and the queries the suite adds."""
    return {
        "ratio": {key: ratio(suite[key], plain[key]) for key in ("wall_p50", "wall_p95", "cpu_p50", "cpu_p95")},
        "extra_queries": suite["queries"] - plain["queries"],
    }


def ratio(suite: float, plain: float) -> float | None:
    """suite / plain, None when plain took no time at all (nothing to compare with)."""
    return suite / plain if plain > 0 else None


def route_figures(samples: dict[str, dict[str, list[dict]]]) -> dict:
    """``{route: {"plain": [...], "suite": [...]}}`` of measures -> the figures of each route, in the same order."""
    figures = {}
    for route, sides in samples.items():
        plain, suite = summarize(sides["plain"]), summarize(sides["suite"])
        figures[route] = {"plain": plain, "suite": suite, **compare(plain, suite)}
    return figures


def budget_of(budgets: dict, route: str) -> dict:
    """The budget of `route`: the file's default, overridden by what the file says for that route."""
    return {**budgets.get("default", {}), **budgets.get("routes", {}).get(route, {})}


def verdicts(figures: dict, budgets: dict, judge: str) -> list[str]:
    """What passes its budget, one sentence each (empty when every route holds): errors on either side, a ratio
    suite/plain of the `judge` statistic above ``max_ratio``, more extra queries than ``max_extra_queries``."""
    failures = []
    for route, row in figures.items():
        budget = budget_of(budgets, route)
        for side in ("plain", "suite"):
            if row[side]["errors"]:
                failures.append(f"{route}: {row[side]['errors']} errors on {side} ({row[side]['first_error']})")
        measured = row["ratio"][judge]
        if measured is not None and "max_ratio" in budget and measured > budget["max_ratio"]:
            failures.append(f"{route}: {JUDGES[judge]} ratio {measured:.2f}x > {budget['max_ratio']:.2f}x")
        if "max_extra_queries" in budget and row["extra_queries"] > budget["max_extra_queries"]:
            failures.append(f"{route}: {row['extra_queries']:+d} queries > +{budget['max_extra_queries']}")
    return failures


def known_gaps(budgets: dict) -> list[str]:
    """The routes whose budget is above the issue's target, with the reason the budgets file gives."""
    return [f"{route}: {budget['gap']}" for route, budget in budgets.get("routes", {}).items() if budget.get("gap")]


def _x(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:.2f}x"


def _queries(side: dict) -> str:
    if side["queries_min"] == side["queries_max"]:
        return str(side["queries"])
    return f"{side['queries']} ({side['queries_min']}-{side['queries_max']})"


COLUMNS = ["route", "plain p50/p95/p99 ms", "suite p50/p95/p99 ms", "ratio p50/p95", "CPU p50 ms p/s", "CPU ratio",
           "queries p/s", "+q", "errors p/s"]


def rows(figures: dict) -> list[list[str]]:
    """The table's cells, one row per route, in COLUMNS' order."""
    cells = []
    for route, row in figures.items():
        plain, suite, ratios = row["plain"], row["suite"], row["ratio"]
        cells.append([
            route,
            f"{plain['wall_p50']:.1f}/{plain['wall_p95']:.1f}/{plain['wall_p99']:.1f}",
            f"{suite['wall_p50']:.1f}/{suite['wall_p95']:.1f}/{suite['wall_p99']:.1f}",
            f"{_x(ratios['wall_p50'])}/{_x(ratios['wall_p95'])}",
            f"{plain['cpu_p50']:.1f}/{suite['cpu_p50']:.1f}",
            _x(ratios["cpu_p50"]),
            f"{_queries(plain)}/{_queries(suite)}",
            f"{row['extra_queries']:+d}",
            f"{plain['errors']}/{suite['errors']}",
        ])
    return cells


def headline(meta: dict) -> str:
    """One line saying what was measured and how loaded the machine was (timings on a shared machine are noisy)."""
    before, after = meta["load"]
    return (f"{meta['suite']} (suite) against {meta['plain']} (plain): {meta['rounds']} rounds "
            f"(+{meta['warm_up']} warm-up), load average {before[0]:.2f} before, {after[0]:.2f} after, "
            f"{meta['cpus']} CPUs")


def text_table(figures: dict, meta: dict) -> str:
    """The table printed on stdout."""
    lines = [COLUMNS, *rows(figures)]
    widths = [max(len(line[column]) for line in lines) for column in range(len(COLUMNS))]
    formatted = [
        "  ".join(cell.ljust(width) if column == 0 else cell.rjust(width)
                  for column, (cell, width) in enumerate(zip(line, widths)))
        for line in lines
    ]
    return "\n".join([headline(meta), *formatted])


def markdown(figures: dict, meta: dict, failures: list[str] | None = None, gaps: list[str] | None = None) -> str:
    """The same table in Markdown, with the budget verdicts and the known gaps when a budgets file was given."""
    lines = [f"{headline(meta)}.", "", "| " + " | ".join(COLUMNS) + " |",
             "|" + "|".join(["---"] + ["---:"] * (len(COLUMNS) - 1)) + "|"]
    lines += ["| " + " | ".join(cells) + " |" for cells in rows(figures)]
    if failures is not None:
        lines += ["", f"Budgets (ratio judged on the {JUDGES[meta['judge']]}): "
                  + ("every route holds." if not failures else f"{len(failures)} failures.")]
        lines += [f"- {failure}" for failure in failures]
    if gaps:
        lines += ["", "Known gaps (budgets above the target of 1.05x and +3 queries):"]
        lines += [f"- {gap}" for gap in gaps]
    return "\n".join(lines) + "\n"
