"""Customer metrics as plain computation.

No ORM here: the models fetch order totals (converted into the reporting currency in SQL, as
``res.currency._insight_converted_sql`` does it), refund totals and dates, and write what these functions return.
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
