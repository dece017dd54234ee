from datetime import date, timedelta

from odoo.addons.stride_demo.lib.history import (
    AWAITING,
    CANCELLED,
    COMMENTS,
    CONFIRMED,
    DELIVERED,
    FEEDBACK,
    IN_TRANSIT,
    ORDER_STAGES,
    PACKAGING,
    RECENT_SALES_PER_VARIANT,
    SHIPPED_STAGES,
    SHIPPING,
    low_variants,
    opening_stock,
    plan_orders,
    plan_receipts,
    plan_recent_sales,
    plan_stock,
    shipped_quantities,
    tracking_number,
)

TODAY = date(2026, 1, 15)


def _plans(count=200):
    return plan_orders(42, TODAY, customers=200, variants=900, count=count, regular=40)


def test_same_seed_same_history():
    assert _plans() == _plans()


def test_orders_cover_eighteen_months_oldest_first():
    plans = _plans()
    dates = [plan.date for plan in plans]
    assert dates == sorted(dates)
    assert TODAY - timedelta(days=18 * 30) <= dates[0] < TODAY - timedelta(days=365)
    assert dates[-1] <= TODAY


def test_every_stage_is_represented_even_in_a_tiny_history():
    assert {plan.stage for plan in _plans()} == set(ORDER_STAGES)
    assert {plan.stage for plan in _plans(count=8)} == set(ORDER_STAGES)


def test_recent_orders_are_open_and_old_ones_finished():
    for plan in _plans():
        if plan.stage in ("draft", "sent"):
            assert (TODAY - plan.date).days <= 60


def test_the_regular_customer_has_a_history():
    regular_stages = {plan.stage for plan in _plans() if plan.customer == 40}
    assert len(regular_stages) >= 3


def test_opening_stock_covers_what_is_shipped_and_leaves_the_plan():
    plans = _plans()
    stock = plan_stock(42, 900)
    opening = opening_stock(stock, plans)
    shipped = shipped_quantities(plans)
    assert all(opening[variant] - shipped.get(variant, 0) == stock.on_hand[variant] for variant in range(900))
    assert sum(shipped.values()) == sum(
        quantity for plan in plans if plan.stage in SHIPPED_STAGES for _variant, quantity in plan.lines
    )


def test_some_variants_end_below_their_minimum():
    stock = plan_stock(42, 900, reordered=30, low=12)
    below = [variant for variant, minimum in stock.reorder_min.items() if stock.on_hand[variant] < minimum]
    assert len(stock.reorder_min) == 30
    assert len(below) == 12
    assert all(stock.reorder_max[variant] > stock.reorder_min[variant] for variant in stock.reorder_min)


def test_exactly_one_planned_variant_is_sold_out_and_the_rest_keep_a_few_pairs():
    stock = plan_stock(42, 900, reordered=30, low=12)
    assert stock.on_hand.count(0) == 1
    ruled = set(stock.reorder_min)
    assert all(quantity >= 6 for variant, quantity in enumerate(stock.on_hand) if variant not in ruled)


def test_orders_reach_every_fulfilment_stage():
    plans = _plans()
    assert {plan.pipeline for plan in plans} == {
        AWAITING, CONFIRMED, PACKAGING, SHIPPING, DELIVERED, FEEDBACK, CANCELLED,
    }
    for plan in plans:
        assert (plan.pipeline in (SHIPPING, DELIVERED, FEEDBACK)) == (plan.stage in SHIPPED_STAGES)
        assert (plan.pipeline == AWAITING) == (plan.stage in ("draft", "sent"))


def test_only_the_newest_shipped_orders_are_in_transit():
    plans = _plans()
    shipped = [plan for plan in plans if plan.stage in SHIPPED_STAGES]
    assert [plan.pipeline for plan in shipped[-IN_TRANSIT:]] == [SHIPPING] * IN_TRANSIT
    assert SHIPPING not in {plan.pipeline for plan in shipped[:-IN_TRANSIT]}


def test_feedback_is_rated_and_believable():
    rated = [plan for plan in _plans() if plan.pipeline == FEEDBACK]
    assert rated and all(1 <= plan.rating <= 5 for plan in rated)
    assert 4 <= sum(plan.rating for plan in rated) / len(rated) < 5
    assert all(plan.comment in COMMENTS[plan.rating] for plan in rated)
    assert all(not plan.rating for plan in _plans() if plan.pipeline != FEEDBACK)


def test_the_regular_customer_has_rated_and_unrated_deliveries():
    stages = [plan.pipeline for plan in _plans() if plan.customer == 40]
    assert FEEDBACK in stages and DELIVERED in stages


def test_tracking_numbers_are_stable_and_distinct():
    numbers = [tracking_number(index) for index in range(500)]
    assert numbers == [tracking_number(index) for index in range(500)]
    assert len(set(numbers)) == 500
    assert all(len(number) == 14 and number.startswith("SX") for number in numbers)


VENDOR_TERMS = [
    (list(range(300)), 24, 21, 0.85, 0.9),
    (list(range(300, 600)), 12, 14, 1.0, 1.0),
    (list(range(100, 400)), 50, 35, 0.5, 0.7),
    ([], 10, 10, 1.0, 1.0),
]


def test_receipts_follow_each_vendors_reliability():
    receipts = plan_receipts(42, TODAY, VENDOR_TERMS, per_vendor=6)
    assert receipts == plan_receipts(42, TODAY, VENDOR_TERMS, per_vendor=6)
    assert [receipt.ordered for receipt in receipts] == sorted(receipt.ordered for receipt in receipts)
    for vendor, (variants, min_qty, _lead, on_time_share, fill_share) in enumerate(VENDOR_TERMS):
        own = [receipt for receipt in receipts if receipt.vendor == vendor]
        if not variants:
            assert not own
            continue
        assert len(own) == 6
        on_time = sum(receipt.actual_days <= receipt.promised_days for receipt in own) / len(own)
        assert abs(on_time - on_time_share) <= 1 / 6
        ordered = sum(line[1] for receipt in own for line in receipt.lines)
        received = sum(line[2] for receipt in own for line in receipt.lines)
        assert (received == ordered) == (fill_share == 1.0)
        assert all(line[0] in variants and line[1] == min_qty and 0 < line[2] <= min_qty
                   for receipt in own for line in receipt.lines)
        assert all(30 <= (TODAY - receipt.ordered).days - receipt.actual_days <= 365 for receipt in own)


def test_variants_left_low_sold_recently_and_delivered_within_the_alert_window():
    stock = plan_stock(42, 900)
    low = low_variants(stock)
    assert low and all(stock.on_hand[index] < stock.reorder_min[index] for index in low)
    plans = plan_orders(42, TODAY, customers=200, variants=900, count=200, regular=40, recent=low)
    assert len(plans) == 200 + len(low) * RECENT_SALES_PER_VARIANT
    for variant in low:
        recent = [plan for plan in plans if variant in dict(plan.lines)
                  and plan.stage in SHIPPED_STAGES and 2 < (TODAY - plan.date).days <= 28]
        assert len(recent) >= RECENT_SALES_PER_VARIANT, variant


def test_recent_sales_are_single_pairs_by_other_customers_than_the_regular_one():
    sales = plan_recent_sales(42, TODAY, 200, tuple(range(40)), regular=7)
    assert len(sales) == 40 * RECENT_SALES_PER_VARIANT
    assert all(plan.stage == "delivered" and len(plan.lines) == 1 and plan.lines[0][1] == 1 for plan in sales)
    assert all(plan.customer != 7 and 0 <= plan.customer < 200 for plan in sales)
