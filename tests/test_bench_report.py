"""The figures of `scripts/bench run` (scripts/stride_bench/report.py): statistics, ratios, budget verdicts, tables.

Pure: no Odoo, no database. The payment page's form is read by drive.payment_context(), tested here on a snippet.
"""

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

from stride_bench import report  # noqa: E402

BUDGETS = Path(__file__).resolve().parents[1] / "scripts" / "stride_bench" / "budgets.json"


def samples(walls, cpus=None, queries=10, errors=()):
    cpus = cpus or [wall / 2 for wall in walls]
    return [{"wall": wall, "cpu": cpu, "queries": queries, "error": errors[index] if index < len(errors) else ""}
            for index, (wall, cpu) in enumerate(zip(walls, cpus))]


def figures_of(plain, suite, route="/shop"):
    return report.route_figures({route: {"plain": plain, "suite": suite}})


META = {"plain": "p", "suite": "s", "rounds": 3, "warm_up": 1, "load": [[1.0, 1, 1], [2.0, 2, 2]], "cpus": 2,
        "judge": "cpu_p50"}


def test_summary_gives_percentiles_of_the_wall_time_and_the_cpu_median():
    summary = report.summarize(samples(list(range(1, 101)), cpus=[1.0] * 100))
    assert summary["wall_p50"] == 50.5
    assert summary["wall_p95"] == 95
    assert summary["wall_p99"] == 99
    assert summary["cpu_p50"] == 1.0
    assert summary["count"] == 100


def test_summary_counts_errors_and_keeps_the_first_message():
    summary = report.summarize(samples([1, 2, 3], errors=["", "HTTP 500: boom", "HTTP 502"]))
    assert summary["errors"] == 2
    assert summary["first_error"] == "HTTP 500: boom"


def test_summary_keeps_the_range_of_a_moving_query_count():
    measured = samples([1, 2, 3])
    for sample, count in zip(measured, [12, 12, 15]):
        sample["queries"] = count
    summary = report.summarize(measured)
    assert (summary["queries"], summary["queries_min"], summary["queries_max"]) == (12, 12, 15)


def test_ratio_is_suite_over_plain_and_undefined_when_plain_took_no_time():
    assert report.ratio(11.0, 10.0) == pytest.approx(1.1)
    assert report.ratio(5.0, 0.0) is None


def test_compare_gives_every_ratio_and_the_extra_queries():
    row = figures_of(samples([10, 10, 10], queries=20), samples([12, 12, 12], queries=23))["/shop"]
    assert row["ratio"]["wall_p50"] == pytest.approx(1.2)
    assert row["ratio"]["cpu_p50"] == pytest.approx(1.2)
    assert row["extra_queries"] == 3


def test_a_route_within_its_budget_passes():
    figures = figures_of(samples([10, 10, 10], queries=20), samples([10.4, 10.4, 10.4], queries=23))
    assert report.verdicts(figures, {"default": {"max_ratio": 1.05, "max_extra_queries": 3}}, "cpu_p50") == []


def test_a_ratio_above_the_budget_fails_and_says_which_statistic():
    figures = figures_of(samples([10, 10, 10]), samples([12, 12, 12]))
    failures = report.verdicts(figures, {"default": {"max_ratio": 1.05}}, "cpu_p50")
    assert failures == ["/shop: median CPU time ratio 1.20x > 1.05x"]


def test_only_the_judged_statistic_counts():
    # The wall time doubled (a load spike), the CPU time did not move: judged on the CPU time, the route holds.
    figures = figures_of(samples([10, 10, 10], cpus=[5, 5, 5]), samples([20, 20, 20], cpus=[5, 5, 5]))
    budgets = {"default": {"max_ratio": 1.05}}
    assert report.verdicts(figures, budgets, "cpu_p50") == []
    assert report.verdicts(figures, budgets, "wall_p50") == ["/shop: median wall time ratio 2.00x > 1.05x"]


def test_extra_queries_above_the_budget_fail():
    figures = figures_of(samples([10] * 3, queries=20), samples([10] * 3, queries=24))
    assert report.verdicts(figures, {"default": {"max_extra_queries": 3}}, "cpu_p50") == ["/shop: +4 queries > +3"]


def test_a_route_budget_overrides_the_default():
    figures = figures_of(samples([10] * 3, queries=20), samples([10] * 3, queries=26), route="product page")
    budgets = {"default": {"max_extra_queries": 3}, "routes": {"product page": {"max_extra_queries": 6}}}
    assert report.verdicts(figures, budgets, "cpu_p50") == []


def test_errors_on_either_side_fail_whatever_the_budget():
    figures = figures_of(samples([10] * 3, errors=["HTTP 404: gone"]), samples([10] * 3))
    assert report.verdicts(figures, {}, "cpu_p50") == ["/shop: 1 errors on plain (HTTP 404: gone)"]


def test_known_gaps_list_the_routes_whose_budget_gives_a_reason():
    budgets = {"routes": {"a": {"max_extra_queries": 9, "gap": "stock per size"}, "b": {"max_ratio": 1.05}}}
    assert report.known_gaps(budgets) == ["a: stock per size"]


def test_text_table_has_a_headline_with_the_load_and_one_line_per_route():
    figures = figures_of(samples([10] * 3, queries=20), samples([11] * 3, queries=22))
    lines = report.text_table(figures, META).splitlines()
    assert "load average 1.00 before, 2.00 after" in lines[0]
    assert lines[1].split()[0] == "route"
    assert lines[2].split()[0] == "/shop"
    assert "20/22" in lines[2] and "+2" in lines[2] and "1.10x" in lines[2]


def test_markdown_table_has_the_verdicts_and_the_gaps():
    figures = figures_of(samples([10] * 3), samples([12] * 3))
    text = report.markdown(figures, META, ["/shop: median CPU time ratio 1.20x > 1.05x"], ["/shop: a reason"])
    assert "| /shop |" in text
    assert "Budgets (ratio judged on the median CPU time): 1 failures." in text
    assert "- /shop: a reason" in text


def test_markdown_without_budgets_has_no_verdict():
    assert "Budgets" not in report.markdown(figures_of(samples([10] * 3), samples([10] * 3)), META)


def test_budgets_file_judges_a_known_statistic_and_keeps_the_issue_target_by_default():
    budgets = json.loads(BUDGETS.read_text(encoding="utf-8"))
    assert budgets["judge"] in report.JUDGES
    assert budgets["default"] == {"max_ratio": 1.05, "max_extra_queries": 3}
    for route, budget in budgets["routes"].items():
        above_target = budget.get("max_ratio", 1.05) > 1.05 or budget.get("max_extra_queries", 3) > 3
        assert not above_target or budget.get("gap"), f"{route}: a budget above the target must say why (gap)"


PAYMENT_PAGE = """
<form class="o_payment_form" data-amount="120.0" data-transaction-route="/shop/payment/transaction/7"
      data-landing-route="/shop/payment/validate" data-access-token="abc123">
  <input name="o_payment_radio" type="radio" data-payment-option-id="3" data-provider-id="8" data-provider-code="wire"/>
  <input name="o_payment_radio" type="radio" data-payment-option-id="12" data-provider-id="9"
         data-provider-code="demo" data-provider-state="test"/>
</form>"""


def test_payment_context_reads_the_form_and_the_demo_method():
    from stride_bench.drive import payment_context  # noqa: PLC0415

    assert payment_context(PAYMENT_PAGE) == {
        "transaction_route": "/shop/payment/transaction/7", "landing_route": "/shop/payment/validate",
        "access_token": "abc123", "amount": 120.0, "provider_id": 9, "payment_method_id": 12,
    }


def test_payment_context_is_empty_without_the_demo_provider():
    from stride_bench.drive import payment_context  # noqa: PLC0415

    assert payment_context(PAYMENT_PAGE.replace('"demo"', '"stripe"')) == {}
