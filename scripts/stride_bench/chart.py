"""The chart of `scripts/bench run`: python chart.py FIGURES.json CHART.png, in the benchmark's own environment.

Run by `drive.draw_chart()` with `stride_bench.venv.bench_python()`: matplotlib lives there, never beside Odoo.
Reads only the JSON that `run` wrote. Left: the ratio suite/plain of every route (median and p95 wall time, median
CPU time) against the issue's target of 1.05x. Right: the p95 wall time of every route in each database.
"""

import json
import sys

import matplotlib

matplotlib.use("Agg")  # a file, no display
import matplotlib.pyplot as plt  # noqa: E402

TARGET = 1.05
RATIOS = [("wall_p50", "wall p50", "#4c72b0"), ("wall_p95", "wall p95", "#94b0da"), ("cpu_p50", "CPU p50", "#dd8452")]


def draw(figures: dict, png_file: str) -> None:
    meta, routes = figures["meta"], figures["routes"]
    names = list(routes)
    positions = range(len(names))
    height = 0.8 / len(RATIOS)
    fig, (left, right) = plt.subplots(1, 2, figsize=(14, 0.45 * len(names) + 2.5), sharey=True)
    for offset, (key, label, colour) in enumerate(RATIOS):
        values = [routes[name]["ratio"][key] or 0 for name in names]
        left.barh([p + offset * height for p in positions], values, height, label=label, color=colour)
    left.axvline(1.0, color="grey", linewidth=0.8)
    left.axvline(TARGET, color="red", linestyle="--", linewidth=1, label=f"target {TARGET}x")
    left.set_xlabel("suite / plain")
    left.set_yticks([p + height for p in positions], names)
    left.invert_yaxis()
    left.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=4, fontsize="small")
    left.set_title("Ratio suite / plain")
    for offset, (side, colour) in enumerate([("plain", "#8c8c8c"), ("suite", "#55a868")]):
        values = [routes[name][side]["wall_p95"] for name in names]
        right.barh([p + offset * 0.4 for p in positions], values, 0.4, label=f"{side} ({meta[side]})", color=colour)
    right.set_xscale("log")  # from a 5 ms API call to a seconds-long payment confirmation
    right.set_xlabel("p95 wall time (ms, log scale)")
    right.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=2, fontsize="small")
    right.set_title("p95 per route")
    before, after = meta["load"]
    fig.suptitle(f"Stride suite against plain Odoo, {meta['rounds']} rounds, {meta['started']}, "
                 f"load average {before[0]:.1f} / {after[0]:.1f} on {meta['cpus']} CPUs")
    fig.tight_layout()
    fig.savefig(png_file, dpi=110)


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as source:
        draw(json.load(source), sys.argv[2])
