from datetime import date

from odoo.addons.stride_demo.lib.loyalty import monthly_reviews, tier_thresholds, validity_days, yearly_spends

TODAY = date(2026, 11, 30)


def test_validity_lets_the_customers_oldest_year_old_points_expire_within_the_reminder():
    ages = [12, 40, 358, 371, 500]
    validity = validity_days(ages, 14)
    assert 0 < validity - 358 <= 14
    assert validity < 371, "the older order's points are already expired"


def test_validity_is_a_year_without_orders():
    assert validity_days([], 14) == 365


def test_yearly_spends_count_the_last_365_days_only():
    orders = [(1, date(2026, 11, 1), 100.0), (1, date(2025, 12, 1), 50.0), (1, date(2025, 11, 30), 999.0),
              (2, date(2026, 6, 1), 20.0)]
    assert yearly_spends(orders, TODAY) == {1: 150.0, 2: 20.0}


def test_every_tier_gets_members_at_round_spends():
    spends = [float(value) for value in range(5, 1005, 5)]
    thresholds = tier_thresholds(spends, 4)
    assert thresholds[0] == 0
    assert thresholds == sorted(set(thresholds))
    assert all(threshold % 10 == 0 for threshold in thresholds)
    for low, high in zip(thresholds, [*thresholds[1:], float("inf")]):
        assert any(low <= spend < high for spend in spends), (low, high)


def test_thresholds_stay_increasing_when_customers_spend_alike():
    thresholds = tier_thresholds([100.0] * 50 + [400.0], 4)
    assert thresholds == sorted(set(thresholds))
    assert thresholds[-1] <= 400.0


def test_monthly_reviews_end_today():
    days = monthly_reviews(TODAY, 12)
    assert days[0] == date(2025, 12, 1)
    assert days[-2:] == [date(2026, 11, 1), TODAY]
    assert len(days) == 13
