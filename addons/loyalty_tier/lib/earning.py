"""Earning rules of loyalty points: purchase value, frequency bonus and streak bonus (no ORM)."""

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from math import floor


def round_points_down(points: float) -> float:
    """Points rounded down to two digits, as Odoo's own loyalty rules round money points."""
    return floor(points * 100 + 1e-6) / 100 if points > 0 else 0.0


def value_points(
    rated_values: Iterable[tuple[float, float]], flat_points: float = 0.0, multiplier: float = 1.0
) -> float:
    """Points for a purchase: the sum of value × points-per-unit pairs plus flat points, times the tier multiplier."""
    base = sum(value * rate for value, rate in rated_values if value > 0 and rate > 0) + max(flat_points, 0.0)
    return round_points_down(base * max(multiplier, 0.0))


def frequency_bonus_due(
    previous_orders: Iterable[datetime], order_date: datetime, nth: int, window_days: int, last_bonus: datetime | None
) -> bool:
    """Whether this order is the Nth counted order within the window, counting only orders after the last bonus."""
    if nth <= 0:
        return False
    window_start = order_date - timedelta(days=max(window_days, 0))
    counted = [
        when
        for when in previous_orders
        if window_start < when <= order_date and (last_bonus is None or when > last_bonus)
    ]
    return len(counted) + 1 >= nth


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def streak_months(previous_orders: Iterable[date], order_date: date) -> int:
    """Consecutive calendar months with an order, ending with the month of this order (which counts)."""
    months = {_month_index(day) for day in previous_orders}
    current = _month_index(order_date)
    streak = 1
    while current - streak in months:
        streak += 1
    return streak


def streak_bonus(previous_orders: Iterable[date], order_date: date, points_per_month: float, max_months: int) -> float:
    """Streak bonus of an order: points per consecutive month beyond the first, capped at ``max_months`` months
    (0: no cap); only the first counted order of a month earns it."""
    previous = list(previous_orders)
    if points_per_month <= 0 or any(_month_index(day) == _month_index(order_date) for day in previous):
        return 0.0
    months = streak_months(previous, order_date)
    if max_months > 0:
        months = min(months, max_months)
    return round_points_down(points_per_month * (months - 1))
