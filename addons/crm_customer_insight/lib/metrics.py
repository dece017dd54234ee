"""Customer metrics and currency conversion as plain computation.

No ORM here: the models fetch order totals, refund totals, dates and currency rates in SQL, and write what these
functions return.
"""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class CustomerMetrics:
    """The metrics of one commercial partner, amounts in the reporting currency."""

    lifetime_value: float = 0.0
    order_count: int = 0
    average_order: float = 0.0
    first_order_date: date | None = None
    last_order_date: date | None = None
    average_days_between: float = 0.0


NO_ORDERS = CustomerMetrics()


def conversion_factor(from_rate: float | None, to_rate: float) -> float:
    """The factor turning an amount of the currency rated ``from_rate`` into the currency rated ``to_rate``.

    Rates are units per unit of the company's base (``res.currency.rate.rate``); the arithmetic is Odoo's own
    (``res.currency._compute_current_rate`` then ``inverse_rate``, float for float), so that a batch converted
    with these rates gives exactly the figures of ``res.currency._convert`` before rounding. A missing rate counts
    as 1, as in Odoo.
    """
    rate = (from_rate or 1.0) / to_rate
    return 1 / rate


def average_days_between(first: date | None, last: date | None, order_count: int) -> float:
    """Mean gap in days between consecutive orders: the span over the number of gaps; 0 below two orders."""
    if order_count < 2 or first is None or last is None:
        return 0.0
    return (last - first).days / (order_count - 1)


def customer_metrics(
    order_total: float, order_count: int, refund_total: float, first: date | None, last: date | None,
) -> CustomerMetrics:
    """The metrics from confirmed orders (their converted total, count, first and last date) and posted refunds.

    Refunds lower the lifetime value, never the order count: a refunded order was still an order. The average
    order value is the lifetime value over the order count.
    """
    if order_count <= 0:
        return NO_ORDERS
    lifetime_value = order_total - refund_total
    return CustomerMetrics(
        lifetime_value=lifetime_value,
        order_count=order_count,
        average_order=lifetime_value / order_count,
        first_order_date=first,
        last_order_date=last,
        average_days_between=average_days_between(first, last, order_count),
    )
