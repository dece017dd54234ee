from datetime import date

from odoo.addons.stride_demo.lib.aftersale import (
    HUBS,
    IN_TRANSIT,
    ORIGIN,
    OUT_FOR_DELIVERY,
    PICKED_UP,
    REVIEW_COMMENTS,
    plan_carrier_updates,
    plan_reviews,
)
from odoo.addons.stride_demo.lib.history import DELIVERED, FEEDBACK, SHIPPING, plan_orders

TODAY = date(2026, 1, 15)
PLANS = plan_orders(42, TODAY, customers=200, variants=900, count=200, regular=40)
CITIES = [f"City {plan.customer}" for plan in PLANS]


def test_same_seed_same_aftersale_history():
    assert plan_carrier_updates(42, PLANS, CITIES) == plan_carrier_updates(42, PLANS, CITIES)
    assert plan_reviews(42, PLANS) == plan_reviews(42, PLANS)


def test_parcels_on_their_way_have_one_to_three_updates_in_order():
    updates = plan_carrier_updates(42, PLANS, CITIES)
    on_the_way = [index for index, plan in enumerate(PLANS) if plan.pipeline == SHIPPING]
    assert on_the_way and all(1 <= len(updates[index]) <= 3 for index in on_the_way)
    assert {len(updates[index]) for index in on_the_way} == {1, 2, 3}
    for index, trail in updates.items():
        assert [update.status for update in trail] == [PICKED_UP, IN_TRANSIT, OUT_FOR_DELIVERY][:len(trail)]
        hours = [update.hours for update in trail]
        assert hours == sorted(hours) and 0 < hours[0] and hours[-1] < 72, "after shipping, before receipt"
        locations = {update.status: update.location for update in trail}
        assert locations[PICKED_UP] == ORIGIN
        assert locations.get(IN_TRANSIT, HUBS[0]) in HUBS
        assert locations.get(OUT_FOR_DELIVERY, CITIES[index]) == CITIES[index]


def test_some_received_parcels_keep_a_short_trail_and_open_orders_none():
    updates = plan_carrier_updates(42, PLANS, CITIES)
    received = [index for index, plan in enumerate(PLANS) if plan.pipeline in (DELIVERED, FEEDBACK)]
    trails = [index for index in received if index in updates]
    assert 0.1 * len(received) < len(trails) < 0.5 * len(received)
    assert all(len(updates[index]) == 2 for index in trails)
    assert all(PLANS[index].pipeline in (SHIPPING, DELIVERED, FEEDBACK) for index in updates)


def test_some_rated_orders_review_their_own_products_believably():
    reviews = plan_reviews(42, PLANS)
    rated = [index for index, plan in enumerate(PLANS) if plan.pipeline == FEEDBACK]
    assert 0.25 * len(rated) < len(reviews) < 0.75 * len(rated)
    for index, order_reviews in reviews.items():
        plan = PLANS[index]
        assert plan.pipeline == FEEDBACK and 1 <= len(order_reviews) <= 2
        variants = [review.variant for review in order_reviews]
        assert len(set(variants)) == len(variants) and set(variants) <= {variant for variant, _qty in plan.lines}
        for review in order_reviews:
            assert abs(review.stars - plan.rating) <= 1 and 1 <= review.stars <= 5
            assert review.comment in REVIEW_COMMENTS[review.stars]
    stars = [review.stars for order_reviews in reviews.values() for review in order_reviews]
    assert 3.8 <= sum(stars) / len(stars) < 5, "mostly happy customers"
