"""Pure restock arithmetic: demand, safety stock, reorder quantity, vendor rounding, budget allocation
and vendor scorecard figures. No ORM and no I/O, so every rule is unit-tested without a database."""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Demand within a lead time is roughly normal; 1.65 standard deviations cover 95% of lead times without a stockout.
DEFAULT_SERVICE_FACTOR = 1.65
# Below these shares of receipts on time and of quantity delivered, a vendor is flagged as unreliable.
DEFAULT_MIN_ON_TIME_RATE = 0.8
DEFAULT_MIN_FILL_RATE = 0.9


def demand_stats(daily_sold: Sequence[float], in_stock: Sequence[bool]) -> tuple[float, float]:
    """Mean and standard deviation of daily sales over the days the product was in stock."""
    selling = [sold for sold, available in zip(daily_sold, in_stock, strict=True) if available]
    if not selling or not any(selling):
        return 0.0, 0.0
    mean = sum(selling) / len(selling)
    variance = sum((sold - mean) ** 2 for sold in selling) / len(selling)
    return mean, math.sqrt(variance)


def safety_stock(daily_std: float, lead_time_days: float, service_factor: float = DEFAULT_SERVICE_FACTOR) -> float:
    """Units kept against demand swings while an order is on its way (zero lead time needs no safety stock)."""
    if daily_std <= 0 or lead_time_days <= 0:
        return 0.0
    return service_factor * daily_std * math.sqrt(lead_time_days)


def reorder_need(velocity: float, lead_time_days: float, cover_days: float, safety: float, forecast_qty: float,
                 min_qty: float = 0.0, max_qty: float = 0.0) -> float:
    """Units to order so the forecast covers the lead time plus `cover_days` (plus safety); a forecast under the
    threshold minimum is brought up to the maximum (or the minimum when there is no maximum)."""
    target = velocity * (lead_time_days + cover_days) + safety
    if forecast_qty < min_qty:
        target = max(target, max_qty or min_qty)
    return max(target - forecast_qty, 0.0)


def round_to_vendor(need: float, moq: float = 0.0, multiple: float = 0.0) -> float:
    """Quantity actually ordered: at least the vendor's minimum, rounded up to whole packs."""
    if need <= 0:
        return 0.0
    qty = max(need, moq)
    if multiple > 0:
        qty = math.ceil(round(qty / multiple, 6)) * multiple
    return qty


@dataclass(frozen=True)
class Candidate:
    """One product to buy, as the budget allocation sees it."""

    key: object
    cost: float
    lost_revenue: float = 0.0
    margin: float = 0.0
    days_of_cover: float | None = None


def priority_key(candidate: Candidate) -> tuple[float, float, float]:
    """Most urgent first: most revenue lost per day, then best margin, then fewest days of cover left."""
    cover = candidate.days_of_cover if candidate.days_of_cover is not None else math.inf
    return (-candidate.lost_revenue, -candidate.margin, cover)


def allocate(candidates: Iterable[Candidate], cap: float | None) -> tuple[list[object], dict[object, float]]:
    """Keep candidates by priority while they fit under `cap`; the others map to the budget left when they came up.

    A cheaper candidate further down may still fit after a dear one was left out, so the scan goes on to the end.
    """
    ordered = sorted(candidates, key=priority_key)
    if cap is None:
        return [candidate.key for candidate in ordered], {}
    kept, left_out = [], {}
    remaining = cap
    for candidate in ordered:
        if candidate.cost <= remaining + 1e-9:
            kept.append(candidate.key)
            remaining -= candidate.cost
        else:
            left_out[candidate.key] = remaining
    return kept, left_out


def on_time_rate(on_time: int, receipts: int) -> float | None:
    """Share of receipts that arrived by the promised date; None without receipts."""
    return on_time / receipts if receipts else None


def fill_rate(ordered: float, received: float) -> float | None:
    """Share of the ordered quantity actually received on due order lines; None when nothing was due."""
    return min(received / ordered, 1.0) if ordered > 0 else None


def price_trend(price_pairs: Iterable[tuple[float, float]]) -> float | None:
    """Average relative change from older to recent price, over products bought in both periods."""
    changes = [recent / older - 1 for older, recent in price_pairs if older > 0]
    return sum(changes) / len(changes) if changes else None


def reliability_issues(on_time: float | None, fill: float | None, min_on_time: float = DEFAULT_MIN_ON_TIME_RATE,
                       min_fill: float = DEFAULT_MIN_FILL_RATE) -> list[str]:
    """Codes of what makes a vendor unreliable: late deliveries, short deliveries."""
    issues = []
    if on_time is not None and on_time < min_on_time:
        issues.append("late")
    if fill is not None and fill < min_fill:
        issues.append("short")
    return issues
