"""The demo loyalty club's plan: how long points last, the tiers' spends and the review days (no ORM)."""

from collections.abc import Iterable
from datetime import date, timedelta

YEAR_DAYS = 365


def validity_days(customer_order_ages: list[int], reminder_days: int) -> int:
    """Days points last, at most about a year, so that the points of the demo customer's order closest to a year old
    (ages in days) expire in half the reminder window: the portal then shows points about to expire."""
    within_a_year = [age for age in customer_order_ages if age <= YEAR_DAYS]
    if not within_a_year:
        return YEAR_DAYS
    return max(within_a_year) + max(1, reminder_days // 2)


def yearly_spends(orders: Iterable[tuple[int, date, float]], today: date) -> dict[int, float]:
    """Spend per customer over the 365 days to ``today`` from (customer, order day, value) triples."""
    start = today - timedelta(days=YEAR_DAYS - 1)
    spends: dict[int, float] = {}
    for customer, day, value in orders:
        if start <= day <= today:
            spends[customer] = spends.get(customer, 0.0) + value
    return spends


def tier_thresholds(spends: list[float], tiers: int, step: float = 10.0) -> list[float]:
    """Minimum spends of ``tiers`` tiers, the first open to all: round figures (multiples of ``step``) below the
    spend of the top half, fifth, twentieth... of the customers, so that every tier has members."""
    ranked = sorted(spend for spend in spends if spend > 0)
    if not ranked:
        return [step * index for index in range(tiers)]
    shares = (0.5, 0.2, 0.05, 0.01)[: tiers - 1]
    thresholds = [0.0]
    for share in shares:
        quantile = ranked[max(0, min(len(ranked) - 1, int(len(ranked) * (1 - share))))]
        thresholds.append(max((quantile // step) * step, thresholds[-1] + step))
    return thresholds


def monthly_reviews(today: date, months: int) -> list[date]:
    """The first day of each of the last ``months`` months (this one included), then ``today``: the review days a
    club running for a year would have had."""
    first = today.replace(day=1)
    days = []
    for back in range(months - 1, -1, -1):
        year, month = divmod(first.year * 12 + first.month - 1 - back, 12)
        days.append(date(year, month + 1, 1))
    if days[-1] != today:
        days.append(today)
    return days
