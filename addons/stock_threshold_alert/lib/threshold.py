"""Pure stock-threshold arithmetic: no ORM, no I/O, so it can be unit-tested without a database."""

from collections.abc import Sequence

OK = "ok"
LOW = "low"
OUT = "out"


def classify(free_qty: float, forecast_qty: float, min_qty: float) -> str:
    """Level of a product against its threshold: out when nothing is free to sell, low under the minimum, else ok."""
    if free_qty <= 0:
        return OUT
    if free_qty < min_qty or forecast_qty < min_qty:
        return LOW
    return OK


def closing_levels(current_qty: float, daily_net: Sequence[float]) -> list[float]:
    """Stock at the end of each day, walked back from today's quantity and each day's net move (oldest first)."""
    levels = [0.0] * len(daily_net)
    level = current_qty
    for index in range(len(daily_net) - 1, -1, -1):
        levels[index] = level
        level -= daily_net[index]
    return levels


def in_stock_days(daily_sold: Sequence[float], daily_net: Sequence[float], current_qty: float) -> list[bool]:
    """For each day (oldest first), whether it could sell: stock when the day opened, or something sold that day."""
    if not daily_sold:
        return []
    closing = closing_levels(current_qty, daily_net)
    openings = [closing[0] - daily_net[0], *closing[:-1]]
    return [opening > 0 or sold > 0 for opening, sold in zip(openings, daily_sold, strict=True)]


def daily_velocity(daily_sold: Sequence[float], daily_net: Sequence[float], current_qty: float) -> float:
    """Units sold per day over the days the product was in stock (out-of-stock days do not dilute the rate)."""
    days = sum(in_stock_days(daily_sold, daily_net, current_qty))
    total = sum(daily_sold)
    return total / days if days and total > 0 else 0.0


def days_of_cover(qty: float, daily_sales: float) -> float | None:
    """Days until the quantity runs out at the current sales rate; None when nothing sells."""
    if daily_sales <= 0:
        return None
    return max(qty, 0.0) / daily_sales


def lost_revenue_per_day(level: str, daily_sales: float, unit_revenue: float) -> float:
    """Revenue missed each day a product is out of stock; nothing is lost while something is left to sell."""
    if level != OUT or daily_sales <= 0 or unit_revenue <= 0:
        return 0.0
    return daily_sales * unit_revenue


def check_threshold(min_qty: float, max_qty: float, limit: float = 1_000_000) -> str | None:
    """Why a minimum/maximum pair is unusable, or None when it is fine."""
    if min_qty < 0 or max_qty < 0:
        return "negative"
    if min_qty > limit or max_qty > limit:
        return "absurd"
    if max_qty < min_qty:
        return "max_below_min"
    return None
