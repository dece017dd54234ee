from datetime import date

import pytest

from odoo.addons.crm_customer_insight.lib.metrics import (
    NO_ORDERS,
    average_days_between,
    customer_metrics,
)


def test_average_days_between_is_span_over_gaps():
    assert average_days_between(date(2026, 1, 1), date(2026, 1, 31), 4) == 10.0
    assert average_days_between(date(2026, 1, 1), date(2026, 1, 2), 2) == 1.0


@pytest.mark.parametrize("count", [0, 1])
def test_average_days_between_needs_two_orders(count):
    assert average_days_between(date(2026, 1, 1), date(2026, 1, 1), count) == 0.0


def test_average_days_between_same_day_orders():
    assert average_days_between(date(2026, 1, 1), date(2026, 1, 1), 3) == 0.0


def test_metrics_subtract_refunds_but_keep_the_order_count():
    metrics = customer_metrics(300.0, 3, 60.0, date(2026, 1, 1), date(2026, 3, 2))
    assert metrics.lifetime_value == 240.0
    assert metrics.order_count == 3
    assert metrics.average_order == 80.0
    assert metrics.first_order_date == date(2026, 1, 1)
    assert metrics.last_order_date == date(2026, 3, 2)
    assert metrics.average_days_between == 30.0


def test_no_confirmed_order_means_empty_metrics_even_with_refunds():
    assert customer_metrics(0.0, 0, 50.0, None, None) == NO_ORDERS
    assert NO_ORDERS.lifetime_value == 0.0 and NO_ORDERS.first_order_date is None


def test_single_order_has_no_rhythm():
    metrics = customer_metrics(99.5, 1, 0.0, date(2026, 5, 1), date(2026, 5, 1))
    assert metrics.average_order == 99.5
    assert metrics.average_days_between == 0.0
