from datetime import date, datetime

from odoo.addons.loyalty_tier.lib.earning import (
    frequency_bonus_due,
    round_points_down,
    streak_bonus,
    streak_months,
    value_points,
)

D = datetime(2026, 6, 15, 12, 0)


def test_value_points_is_value_times_rate_times_multiplier():
    assert value_points([(100.0, 1.0)], multiplier=1.5) == 150.0


def test_value_points_round_down_like_odoo():
    assert value_points([(10.0, 0.333)]) == 3.33
    assert round_points_down(2.999999999) == 3.0


def test_value_points_add_flat_points_and_ignore_negative_values():
    assert value_points([(50.0, 2.0), (-20.0, 1.0)], flat_points=5.0) == 105.0


def test_value_points_never_negative():
    assert value_points([(10.0, 1.0)], multiplier=-2.0) == 0.0


def test_third_order_in_window_earns_the_bonus():
    previous = [datetime(2026, 5, 1), datetime(2026, 6, 1)]
    assert frequency_bonus_due(previous, D, nth=3, window_days=90, last_bonus=None)


def test_orders_outside_the_window_do_not_count():
    previous = [datetime(2026, 1, 1), datetime(2026, 6, 1)]
    assert not frequency_bonus_due(previous, D, nth=3, window_days=90, last_bonus=None)


def test_orders_before_the_last_bonus_do_not_count_again():
    previous = [datetime(2026, 5, 1), datetime(2026, 5, 20), datetime(2026, 6, 1)]
    assert not frequency_bonus_due(previous, D, nth=3, window_days=90, last_bonus=datetime(2026, 5, 20))
    assert frequency_bonus_due(previous, D, nth=2, window_days=90, last_bonus=datetime(2026, 5, 20))


def test_no_frequency_bonus_when_nth_is_zero():
    assert not frequency_bonus_due([D], D, nth=0, window_days=90, last_bonus=None)


def test_streak_counts_consecutive_months_across_a_year():
    previous = [date(2025, 11, 3), date(2025, 12, 30), date(2026, 1, 2)]
    assert streak_months(previous, date(2026, 2, 1)) == 4


def test_streak_breaks_on_a_missing_month():
    previous = [date(2026, 1, 3), date(2026, 3, 3)]
    assert streak_months(previous, date(2026, 4, 1)) == 2


def test_streak_bonus_counts_months_beyond_the_first():
    previous = [date(2026, 4, 3), date(2026, 5, 3)]
    assert streak_bonus(previous, date(2026, 6, 1), points_per_month=10, max_months=12) == 20.0


def test_streak_bonus_is_capped():
    previous = [date(2026, month, 3) for month in range(1, 6)]
    assert streak_bonus(previous, date(2026, 6, 1), points_per_month=10, max_months=3) == 20.0


def test_second_order_of_a_month_earns_no_streak_bonus():
    previous = [date(2026, 5, 3), date(2026, 6, 1)]
    assert streak_bonus(previous, date(2026, 6, 20), points_per_month=10, max_months=12) == 0.0


def test_first_month_earns_no_streak_bonus():
    assert streak_bonus([], date(2026, 6, 1), points_per_month=10, max_months=12) == 0.0
