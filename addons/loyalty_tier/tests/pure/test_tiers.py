from datetime import date, datetime, timedelta

import pytest

from odoo.addons.loyalty_tier.lib.tiers import (
    DOWN,
    UP,
    TierRule,
    criteria_met,
    decide,
    first_unordered,
    progress,
    qualified_tier,
    qualifies,
    utc_bounds,
    window_start,
)

MEMBER = TierRule(1, "spend", 0.0, 0)
SILVER = TierRule(2, "spend_or_orders", 500.0, 5)
GOLD = TierRule(3, "spend", 1000.0, 0)
PLATINUM = TierRule(4, "spend_and_orders", 3000.0, 12)
RULES = [MEMBER, SILVER, GOLD, PLATINUM]
TODAY = date(2026, 6, 15)


def review(current, spend, orders, review_date=None, below_since=None, grace=30, allow_downgrade=True):
    return decide(RULES, current, spend, orders, TODAY, review_date, below_since, grace, 365, allow_downgrade)


@pytest.mark.parametrize(
    ("rule", "spend", "orders", "expected"),
    [
        (GOLD, 999.99, 50, False),
        (GOLD, 1000.0, 0, True),
        (TierRule(9, "orders", 0, 3), 10_000.0, 2, False),
        (TierRule(9, "orders", 0, 3), 0.0, 3, True),
        (SILVER, 10.0, 5, True),
        (SILVER, 500.0, 0, True),
        (SILVER, 499.0, 4, False),
        (PLATINUM, 3000.0, 11, False),
        (PLATINUM, 2999.0, 12, False),
        (PLATINUM, 3000.0, 12, True),
    ],
)
def test_qualifies_follows_qualify_by(rule, spend, orders, expected):
    assert qualifies(rule, spend, orders) is expected


def test_criteria_met_names_what_was_reached():
    assert criteria_met(SILVER, 600.0, 2) == ["spend"]
    assert criteria_met(PLATINUM, 3500.0, 20) == ["spend", "orders"]
    assert criteria_met(GOLD, 10.0, 99) == []


def test_highest_reached_tier_wins_and_none_below_the_first():
    assert qualified_tier(RULES, 1200.0, 1) == GOLD.key
    assert qualified_tier(RULES, 10.0, 6) == SILVER.key
    assert qualified_tier(RULES, 5000.0, 12) == PLATINUM.key
    assert qualified_tier([GOLD], 10.0, 0) is None


def test_window_counts_365_days_including_today():
    assert window_start(TODAY) == TODAY - timedelta(days=364)


def test_upgrade_happens_at_once_even_before_the_review():
    decision = review(SILVER.key, 1500.0, 1, review_date=TODAY + timedelta(days=200))
    assert (decision.tier, decision.move) == (GOLD.key, UP)
    assert decision.review_date == TODAY + timedelta(days=365)
    assert decision.below_since is None


def test_no_downgrade_before_the_review_date_but_the_fall_is_remembered():
    decision = review(GOLD.key, 100.0, 1, review_date=TODAY + timedelta(days=1))
    assert (decision.tier, decision.move, decision.below_since) == (GOLD.key, None, TODAY)
    later = review(GOLD.key, 100.0, 1, review_date=TODAY + timedelta(days=1), below_since=TODAY - timedelta(days=90))
    assert later.below_since == TODAY - timedelta(days=90)


def test_review_within_grace_moves_the_review_to_the_end_of_the_grace():
    decision = review(GOLD.key, 100.0, 1, review_date=TODAY, below_since=TODAY - timedelta(days=10), grace=30)
    assert (decision.tier, decision.move) == (GOLD.key, None)
    assert decision.review_date == TODAY + timedelta(days=20)


def test_downgrade_on_review_after_the_grace_goes_to_the_tier_still_reached():
    decision = review(PLATINUM.key, 600.0, 2, review_date=TODAY, below_since=TODAY - timedelta(days=30), grace=30)
    assert (decision.tier, decision.move, decision.below_since) == (SILVER.key, DOWN, None)
    assert decision.review_date == TODAY + timedelta(days=365)


def test_upgrade_check_never_downgrades():
    decision = review(
        GOLD.key,
        0.0,
        0,
        review_date=TODAY - timedelta(days=5),
        below_since=TODAY - timedelta(days=99),
        allow_downgrade=False,
    )
    assert (decision.tier, decision.move) == (GOLD.key, None)


def test_member_qualifying_again_clears_the_fall_and_a_due_review_starts_a_new_period():
    decision = review(GOLD.key, 1000.0, 0, review_date=TODAY, below_since=TODAY - timedelta(days=3))
    assert (decision.tier, decision.move, decision.below_since) == (GOLD.key, None, None)
    assert decision.review_date == TODAY + timedelta(days=365)


def test_without_tiers_nothing_happens():
    decision = decide([], None, 100.0, 3, TODAY, None, None, 30, 365)
    assert decision == decide([], None, 0.0, 0, TODAY, None, None, 30, 365)
    assert (decision.tier, decision.move, decision.review_date) == (None, None, None)


def test_progress_towards_a_spend_tier():
    assert progress(RULES, SILVER.key, 250.0, 1) == {
        "next": GOLD.key,
        "missing_spend": 750.0,
        "missing_orders": 0,
        "ratio": 0.25,
    }


def test_progress_for_and_takes_the_weaker_criterion():
    result = progress(RULES, GOLD.key, 3000.0, 3)
    assert result["next"] == PLATINUM.key
    assert (result["missing_spend"], result["missing_orders"]) == (0.0, 9)
    assert result["ratio"] == pytest.approx(0.25)


def test_progress_for_or_shows_the_closer_criterion_only():
    result = progress(RULES, MEMBER.key, 100.0, 4)
    assert result == {"next": SILVER.key, "missing_spend": 0.0, "missing_orders": 1, "ratio": 0.8}


def test_progress_at_the_top_is_full():
    assert progress(RULES, PLATINUM.key, 0.0, 0) == {
        "next": None,
        "missing_spend": 0.0,
        "missing_orders": 0,
        "ratio": 1.0,
    }


def test_progress_without_a_tier_aims_at_the_lowest():
    assert progress([GOLD], None, 500.0, 0)["next"] == GOLD.key


@pytest.mark.parametrize(
    ("tiers", "expected"),
    [
        ([("Member", MEMBER), ("Silver", SILVER), ("Gold", GOLD), ("Platinum", PLATINUM)], None),
        ([("Silver", SILVER), ("Gold", TierRule(3, "spend", 400.0, 0))], "Gold"),
        ([("Silver", SILVER), ("Gold", TierRule(3, "spend_or_orders", 500.0, 5))], "Gold"),
        ([("Silver", SILVER), ("Gold", TierRule(3, "spend_and_orders", 900.0, 4))], "Gold"),
        ([("Member", MEMBER), ("Regular", TierRule(5, "orders", 0.0, 2))], None),
        ([("Only", GOLD)], None),
        ([], None),
    ],
)
def test_thresholds_must_grow_with_rank(tiers, expected):
    assert first_unordered(tiers) == expected


def test_utc_bounds_of_the_programs_days():
    # UTC: the days themselves.
    assert utc_bounds(date(2026, 1, 1), date(2026, 12, 31), "UTC") == (datetime(2026, 1, 1), datetime(2027, 1, 1))
    # Ho Chi Minh City (UTC+7): 30 November starts at 17:00 UTC the day before; an order at 23:30 UTC on
    # 30 November is already 1 December there.
    start, end = utc_bounds(date(2026, 11, 30), date(2026, 11, 30), "Asia/Ho_Chi_Minh")
    assert (start, end) == (datetime(2026, 11, 29, 17), datetime(2026, 11, 30, 17))
    assert not start <= datetime(2026, 11, 30, 23, 30) < end
    # Brussels across the change to summer time: the day of 29 March 2026 lasts 23 hours.
    start, end = utc_bounds(date(2026, 3, 29), date(2026, 3, 29), "Europe/Brussels")
    assert (start, end) == (datetime(2026, 3, 28, 23), datetime(2026, 3, 29, 22))
