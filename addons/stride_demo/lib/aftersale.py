"""Deterministic after-sale demo history: the carrier's updates on shipped parcels and the customers' product reviews.

Orders and their lines are referred to by their index in the caller's plans (see ``history.plan_orders``).
"""

import random
from dataclasses import dataclass

from .history import DELIVERED, FEEDBACK, SHIPPING, OrderPlan

# sale_order_pipeline's carrier update codes (this module imports no addon).
PICKED_UP, IN_TRANSIT, OUT_FOR_DELIVERY = "picked_up", "in_transit", "out_for_delivery"
# Where the parcels leave from and the carrier's sorting hubs on their way.
ORIGIN = "Hồ Chí Minh warehouse"
HUBS = ("Hồ Chí Minh hub", "Singapore hub", "Hong Kong hub", "Frankfurt hub", "Los Angeles hub", "Tokyo hub")
# Hours after the parcel left the warehouse, as (earliest, latest) per update: all before it is received (72 h).
UPDATE_HOURS = {PICKED_UP: (1, 6), IN_TRANSIT: (18, 40), OUT_FOR_DELIVERY: (52, 66)}
# Share of the received parcels whose updates are kept in the demo, and of the rated orders that review products.
TRAIL_SHARE = 0.3
REVIEW_SHARE = 0.5
REVIEW_COMMENTS = {
    5: ("Comfortable from the first wear.", "Exactly as pictured, great quality.", "Light and well made."),
    4: ("Comfortable, runs slightly small.", "Nice shoes, the sole is a bit stiff at first."),
    3: ("Looks great but a little narrow.", "Decent, nothing special."),
    2: ("The colour is duller than on the photo.",),
    1: ("Uncomfortable, I returned them.",),
}


@dataclass(frozen=True)
class CarrierUpdate:
    status: str
    hours: int  # after the parcel left the warehouse
    location: str


@dataclass(frozen=True)
class ReviewPlan:
    variant: int  # index of a variant of the order's lines: its product is reviewed
    stars: int
    comment: str


def plan_carrier_updates(seed: int, plans: list[OrderPlan], destinations: list[str]) -> dict[int, list[CarrierUpdate]]:
    """Carrier updates per order index: 1 to 3 for the parcels on their way, a short trail for some received ones.

    ``destinations`` gives the delivery city per order; updates come in order, picked up first.
    """
    rng = random.Random(seed + 3)
    updates = {}
    on_the_way = 0
    for index, plan in enumerate(plans):
        if plan.pipeline == SHIPPING:
            count = 1 + on_the_way % 3
            on_the_way += 1
        elif plan.pipeline in (DELIVERED, FEEDBACK) and rng.random() < TRAIL_SHARE:
            count = 2
        else:
            continue
        locations = {PICKED_UP: ORIGIN, IN_TRANSIT: rng.choice(HUBS), OUT_FOR_DELIVERY: destinations[index]}
        updates[index] = [
            CarrierUpdate(status, rng.randint(*UPDATE_HOURS[status]), locations[status])
            for status in (PICKED_UP, IN_TRANSIT, OUT_FOR_DELIVERY)[:count]
        ]
    return updates


def plan_reviews(seed: int, plans: list[OrderPlan]) -> dict[int, list[ReviewPlan]]:
    """Product reviews per order index: about ``REVIEW_SHARE`` of the rated orders review one or two of their lines.

    A review's stars stay within one of the order's own rating.
    """
    rng = random.Random(seed + 4)
    reviews = {}
    for index, plan in enumerate(plans):
        if plan.pipeline != FEEDBACK or rng.random() >= REVIEW_SHARE:
            continue
        lines = [variant for variant, _quantity in plan.lines]
        picked = sorted(rng.sample(lines, min(len(lines), rng.choice((1, 1, 2)))))
        reviews[index] = []
        for variant in picked:
            stars = min(5, max(1, plan.rating + rng.choice((-1, 0, 0, 0, 1))))
            reviews[index].append(ReviewPlan(variant, stars, rng.choice(REVIEW_COMMENTS[stars])))
    return reviews
