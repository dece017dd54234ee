from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.crm_customer_insight.lib.churn import (
    HIGH,
    LOW,
    MEDIUM,
    assess,
    customer_rhythm,
    expected_order_date,
    risk_for,
    shop_rhythm,
)

TODAY = date(2026, 6, 15)


def test_shop_rhythm_is_the_median_of_repeat_customers():
    assert shop_rhythm([10.0, 30.0, 0.0, 90.0]) == 30.0
    assert shop_rhythm([20.0, 40.0]) == 30.0
    assert shop_rhythm([0.0]) is None


def test_own_rhythm_needs_two_orders():
    assert customer_rhythm(2, 14.0, 45.0) == 14.0
    assert customer_rhythm(1, 0.0, 45.0) == 45.0
    assert customer_rhythm(1, 0.0, None) is None


def test_next_order_expected_one_rhythm_after_the_last():
    assert expected_order_date(date(2026, 1, 1), 30.4) == date(2026, 1, 31)
    assert expected_order_date(date(2026, 1, 1), 0.2) == date(2026, 1, 2)


def test_risk_rises_with_how_overdue():
    assert risk_for(0, 30) == LOW
    assert risk_for(15, 30) == LOW
    assert risk_for(16, 30) == MEDIUM
    assert risk_for(60, 30) == MEDIUM
    assert risk_for(61, 30) == HIGH


def test_short_rhythms_get_a_week_and_a_month_of_grace():
    assert risk_for(7, 3) == LOW
    assert risk_for(8, 3) == MEDIUM
    assert risk_for(30, 3) == MEDIUM
    assert risk_for(31, 3) == HIGH


def test_a_customer_120_days_quiet_who_orders_monthly_is_high_risk():
    result = assess(TODAY, TODAY - timedelta(days=120), 5, 30.0, 60.0)
    assert result.risk == HIGH
    assert result.own_rhythm
    assert (result.days_since_last, result.rhythm_days, result.overdue_days) == (120, 30, 90)
    assert result.expected_date == TODAY - timedelta(days=90)


def test_a_single_order_uses_the_shop_rhythm():
    result = assess(TODAY, TODAY - timedelta(days=10), 1, 0.0, 60.0)
    assert result.risk == LOW
    assert not result.own_rhythm
    assert result.expected_date == TODAY + timedelta(days=50)
    assert result.overdue_days == 0


def test_no_rhythm_no_assessment():
    assert assess(TODAY, TODAY - timedelta(days=10), 1, 0.0, None) is None
    assert assess(TODAY, None, 0, 0.0, 30.0) is None


@given(st.integers(min_value=0, max_value=3000), st.floats(min_value=1, max_value=400))
def test_risk_never_falls_as_time_passes(days_quiet, rhythm):
    order = [LOW, MEDIUM, HIGH]
    now = assess(TODAY, TODAY - timedelta(days=days_quiet), 3, rhythm, None)
    later = assess(TODAY + timedelta(days=1), TODAY - timedelta(days=days_quiet), 3, rhythm, None)
    assert order.index(now.risk) <= order.index(later.risk)
