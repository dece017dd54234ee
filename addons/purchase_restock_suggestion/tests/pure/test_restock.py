"""Pure tests of lib/restock.py: plain pytest, no database, no Odoo import."""

import math

from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.purchase_restock_suggestion.lib import restock


def test_demand_with_no_sales_is_zero():
    assert restock.demand_stats([0] * 30, [True] * 30) == (0.0, 0.0)
    assert restock.demand_stats([], []) == (0.0, 0.0)


def test_demand_skips_out_of_stock_days():
    mean, std = restock.demand_stats([2, 2, 0, 0], [True, True, False, False])
    assert (mean, std) == (2, 0)


def test_sudden_spike_raises_mean_and_deviation():
    steady = restock.demand_stats([1] * 30, [True] * 30)
    spiked = restock.demand_stats([1] * 29 + [31], [True] * 30)
    assert spiked[0] == 2
    assert spiked[1] > steady[1] == 0


def test_safety_stock_grows_with_square_root_of_lead_time():
    assert restock.safety_stock(2, 4, service_factor=1.65) == 1.65 * 2 * 2
    assert restock.safety_stock(2, 0) == 0, "zero lead time needs no safety stock"
    assert restock.safety_stock(0, 10) == 0


def test_reorder_need_covers_lead_time_and_target_days():
    # 2/day, 5 days lead, 30 days cover, 3 safety, 20 forecast: 2*35 + 3 - 20
    assert restock.reorder_need(2, 5, 30, 3, 20) == 53


def test_reorder_need_zero_lead_time():
    assert restock.reorder_need(2, 0, 10, 0, 5) == 15


def test_reorder_need_no_sales_still_reaches_maximum_under_minimum():
    assert restock.reorder_need(0, 5, 30, 0, 2, min_qty=5, max_qty=20) == 18
    assert restock.reorder_need(0, 5, 30, 0, 2, min_qty=5) == 3
    assert restock.reorder_need(0, 5, 30, 0, 8, min_qty=5, max_qty=20) == 0, "above the minimum, no sale: nothing"


def test_reorder_need_never_negative():
    assert restock.reorder_need(1, 1, 1, 0, 500) == 0


def test_round_to_vendor_moq_larger_than_need():
    assert restock.round_to_vendor(3, moq=50) == 50


def test_round_to_vendor_packs():
    assert restock.round_to_vendor(13, multiple=12) == 24
    assert restock.round_to_vendor(24, multiple=12) == 24
    assert restock.round_to_vendor(30, moq=40, multiple=12) == 48
    assert restock.round_to_vendor(0, moq=40, multiple=12) == 0, "no need, no order, whatever the MOQ"


def test_allocation_without_cap_keeps_all_by_priority():
    candidates = [
        restock.Candidate("cover", 10, days_of_cover=3),
        restock.Candidate("lost", 10, lost_revenue=50),
        restock.Candidate("margin", 10, margin=20),
    ]
    kept, left_out = restock.allocate(candidates, None)
    assert kept == ["lost", "margin", "cover"]
    assert left_out == {}


def test_allocation_under_cap_leaves_out_the_least_urgent():
    candidates = [
        restock.Candidate("a", 600, lost_revenue=100),
        restock.Candidate("b", 500, lost_revenue=50),
        restock.Candidate("c", 300, margin=30),
        restock.Candidate("d", 100, days_of_cover=2),
    ]
    kept, left_out = restock.allocate(candidates, 1000)
    assert kept == ["a", "c", "d"], "b does not fit after a; cheaper c and d still do"
    assert left_out == {"b": 400}


def test_allocation_days_of_cover_breaks_ties_fewest_first():
    candidates = [restock.Candidate("late", 10, days_of_cover=20), restock.Candidate("soon", 10, days_of_cover=1),
                  restock.Candidate("unknown", 10)]
    assert restock.allocate(candidates, 20)[0] == ["soon", "late"]


@given(st.lists(st.floats(min_value=0, max_value=1e6), max_size=40), st.floats(min_value=0, max_value=1e7))
def test_allocation_never_exceeds_cap(costs, cap):
    candidates = [restock.Candidate(index, cost) for index, cost in enumerate(costs)]
    kept, left_out = restock.allocate(candidates, cap)
    assert sum(costs[key] for key in kept) <= cap + 1e-6
    assert set(kept) | set(left_out) == set(range(len(costs)))


@given(st.floats(min_value=0.01, max_value=1e5), st.floats(min_value=0, max_value=1e4),
       st.one_of(st.just(0.0), st.floats(min_value=0.01, max_value=500)))
def test_rounded_quantity_covers_need_moq_and_packs(need, moq, multiple):
    qty = restock.round_to_vendor(need, moq, multiple)
    assert qty >= need - 1e-6 and qty >= moq - 1e-6
    if multiple > 0:
        assert math.isclose(qty / multiple, round(qty / multiple), abs_tol=1e-6)


def test_scorecard_figures():
    assert restock.on_time_rate(8, 10) == 0.8
    assert restock.on_time_rate(0, 0) is None
    assert restock.fill_rate(100, 90) == 0.9
    assert restock.fill_rate(100, 120) == 1.0
    assert restock.fill_rate(0, 0) is None
    assert math.isclose(restock.price_trend([(10, 11), (20, 20)]), 0.05)
    assert restock.price_trend([]) is None
    assert restock.reliability_issues(0.5, 0.95) == ["late"]
    assert restock.reliability_issues(0.9, 0.5) == ["short"]
    assert restock.reliability_issues(None, None) == []


def test_reliability_limits_are_parameters():
    assert restock.reliability_issues(0.7, 0.85, min_on_time=0.6, min_fill=0.8) == []
    assert restock.reliability_issues(0.7, 0.85, min_on_time=0.75, min_fill=0.9) == ["late", "short"]
    assert restock.reliability_issues(0.8, 0.9) == [], "exactly at the default limits is reliable"
    assert restock.reliability_issues(0.0, 0.0, min_on_time=0.0, min_fill=0.0) == [], "zero limits flag no one"
