"""Pure tests of lib/threshold.py: plain pytest, no database, no Odoo import."""

from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.stock_threshold_alert.lib import threshold


def test_classify_levels():
    assert threshold.classify(10, 10, 5) == threshold.OK
    assert threshold.classify(4, 10, 5) == threshold.LOW
    assert threshold.classify(10, 4, 5) == threshold.LOW  # a confirmed sale pulls the forecast down
    assert threshold.classify(0, 12, 5) == threshold.OUT
    assert threshold.classify(-1, -1, 0) == threshold.OUT


def test_classify_exactly_at_minimum_is_ok():
    assert threshold.classify(5, 5, 5) == threshold.OK


def test_days_of_cover():
    assert threshold.days_of_cover(10, 2) == 5
    assert threshold.days_of_cover(10, 0) is None
    assert threshold.days_of_cover(-3, 2) == 0


def test_lost_revenue_only_when_out():
    assert threshold.lost_revenue_per_day(threshold.OUT, 2, 50) == 100
    assert threshold.lost_revenue_per_day(threshold.LOW, 2, 50) == 0
    assert threshold.lost_revenue_per_day(threshold.OUT, 0, 50) == 0


def test_closing_levels_walk_back_from_today():
    # 3 days: +10 received, -4 sold, -6 sold; 0 left today
    assert threshold.closing_levels(0, [10, -4, -6]) == [10, 6, 0]


def test_velocity_ignores_out_of_stock_days():
    # 10 days: sold 2/day for 5 days until empty, then 5 days empty and nothing sold.
    sold = [2] * 5 + [0] * 5
    net = [-2] * 5 + [0] * 5
    assert threshold.daily_velocity(sold, net, current_qty=0) == 2


def test_velocity_no_sales_is_zero():
    assert threshold.daily_velocity([0] * 30, [0] * 30, current_qty=4) == 0
    assert threshold.daily_velocity([], [], current_qty=4) == 0


def test_velocity_counts_quiet_days_in_stock():
    sold = [0, 0, 0, 4]
    net = [0, 0, 0, -4]
    assert threshold.daily_velocity(sold, net, current_qty=6) == 1


def test_check_threshold():
    assert threshold.check_threshold(5, 20) is None
    assert threshold.check_threshold(0, 0) is None
    assert threshold.check_threshold(-1, 0) == "negative"
    assert threshold.check_threshold(5, 3) == "max_below_min"
    assert threshold.check_threshold(5, 0) == "max_below_min"
    assert threshold.check_threshold(5_000_000, 0) == "absurd"


@given(st.lists(st.floats(min_value=0, max_value=1e4), min_size=1, max_size=90),
       st.floats(min_value=0, max_value=1e5))
def test_velocity_never_below_plain_average(sold, current_qty):
    net = [-qty for qty in sold]
    velocity = threshold.daily_velocity(sold, net, current_qty)
    assert velocity >= sum(sold) / len(sold) - 1e-9


def test_in_stock_days_marks_empty_days():
    # 4 days: 2 in stock sold out on day 2, empty on days 3-4
    assert threshold.in_stock_days([1, 1, 0, 0], [-1, -1, 0, 0], current_qty=0) == [True, True, False, False]
