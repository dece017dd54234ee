"""Expected next order and churn risk from a customer's own rhythm, falling back to the shop's median rhythm.

No ORM here: ``res.partner._insight_refresh_segments`` gives these functions the metrics it read and turns the
assessment's facts into the translated reason shown on the customer.
"""

from datetime import date, timedelta
from statistics import median
from typing import NamedTuple

LOW = "low"
MEDIUM = "medium"
HIGH = "high"

# How overdue a customer may be, in rhythms and in days (whichever is longer), before the risk rises: a customer who
# orders every 3 days is not at risk after a long weekend.
MEDIUM_AFTER_RHYTHMS, MEDIUM_AFTER_DAYS = 0.5, 7
HIGH_AFTER_RHYTHMS, HIGH_AFTER_DAYS = 2.0, 30


class Assessment(NamedTuple):
    """The churn risk of one customer and the facts that make the reason."""

    risk: str
    expected_date: date
    rhythm_days: int
    own_rhythm: bool  # False: one order so far, the shop's median rhythm is assumed
    days_since_last: int
    overdue_days: int  # 0 when the expected date is not passed


def shop_rhythm(average_days_between: list[float]) -> float | None:
    """The shop's median rhythm in days from its repeat customers' average days between orders (None when none)."""
    rhythms = [days for days in average_days_between if days and days > 0]
    return median(rhythms) if rhythms else None


def customer_rhythm(order_count: int, average_days_between: float | None, shop_median: float | None) -> float | None:
    """The days between orders to expect of this customer: their own average from two orders on, else the shop's."""
    if order_count >= 2 and average_days_between and average_days_between > 0:
        return average_days_between
    return shop_median if shop_median and shop_median > 0 else None


def expected_order_date(last_order: date, rhythm_days: float) -> date:
    """The day the next order is expected: one rhythm (rounded to whole days, at least one) after the last order."""
    return last_order + timedelta(days=max(1, round(rhythm_days)))


def risk_for(overdue_days: int, rhythm_days: float) -> str:
    """Low until overdue by half a rhythm (at least a week), medium until overdue by two rhythms (at least 30
    days), high beyond."""
    if overdue_days > max(HIGH_AFTER_RHYTHMS * rhythm_days, HIGH_AFTER_DAYS):
        return HIGH
    if overdue_days > max(MEDIUM_AFTER_RHYTHMS * rhythm_days, MEDIUM_AFTER_DAYS):
        return MEDIUM
    return LOW


def assess(
    today: date,
    last_order: date | None,
    order_count: int,
    average_days_between: float | None,
    shop_median: float | None,
) -> Assessment | None:
    """The churn assessment of one customer on ``today``; None without an order or without any rhythm to expect
    (a single order in a shop where nobody has ordered twice yet)."""
    if not last_order or order_count < 1:
        return None
    rhythm = customer_rhythm(order_count, average_days_between, shop_median)
    if rhythm is None:
        return None
    expected = expected_order_date(last_order, rhythm)
    overdue = max(0, (today - expected).days)
    return Assessment(
        risk=risk_for(overdue, rhythm),
        expected_date=expected,
        rhythm_days=max(1, round(rhythm)),
        own_rhythm=order_count >= 2 and bool(average_days_between) and average_days_between > 0,
        days_since_last=max(0, (today - last_order).days),
        overdue_days=overdue,
    )
