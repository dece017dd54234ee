"""Deterministic sales history and stock levels for the demo shop.

Variants and customers are referred to by their index in lists the caller builds in a stable order; dates are
relative to ``today`` so that the demo always looks recent.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

# How far an order got. "delivered" orders have all pickings done, "invoiced" ones also have a posted invoice,
# "locked" ones are also paid and locked (Odoo's old "done" state).
ORDER_STAGES = ("draft", "sent", "sale", "delivered", "invoiced", "locked", "cancel")
SHIPPED_STAGES = frozenset({"delivered", "invoiced", "locked"})
REGULAR_EVERY = 12

# Recent orders are still open, older ones are finished: weights per stage by the order's age.
_STAGE_WEIGHTS_BY_AGE = (
    (14, {"draft": 3, "sent": 2, "sale": 4, "cancel": 1}),
    (60, {"sent": 1, "sale": 3, "delivered": 4, "invoiced": 2, "cancel": 1}),
    (10_000, {"delivered": 3, "invoiced": 2, "locked": 3, "cancel": 1}),
)


@dataclass(frozen=True)
class OrderPlan:
    date: date
    customer: int
    lines: tuple[tuple[int, int], ...]  # (variant index, quantity)
    stage: str


@dataclass(frozen=True)
class StockPlan:
    on_hand: tuple[int, ...]  # wanted quantity on hand per variant once the history is played
    reorder_min: dict[int, int]  # variant index -> minimum quantity of its reordering rule
    reorder_max: dict[int, int]


def stage_for_age(rng: random.Random, age_days: int) -> str:
    """Pick how far an order of this age got, older orders being more often finished."""
    for max_age, weights in _STAGE_WEIGHTS_BY_AGE:
        if age_days <= max_age:
            stages, stage_weights = zip(*weights.items())
            return rng.choices(stages, stage_weights)[0]
    raise ValueError(age_days)


def plan_orders(
    seed: int, today: date, customers: int, variants: int, count: int, months: int = 18, regular: int | None = None,
) -> list[OrderPlan]:
    """``count`` orders spread over the last ``months`` months, oldest first, every stage represented.

    The ``regular`` customer, if any, places one order in ``REGULAR_EVERY``: a demo login with a real history.
    """
    rng = random.Random(seed)
    span = months * 30
    plans = []
    for index in range(count):
        age = int(span * rng.random() ** 1.3)  # more orders lately: the shop is growing
        lines = {}
        for _line in range(rng.choices((1, 2, 3), (6, 3, 1))[0]):
            lines[rng.randrange(variants)] = rng.choices((1, 2), (5, 1))[0]
        plans.append(OrderPlan(
            date=today - timedelta(days=age),
            customer=regular if regular is not None and index % REGULAR_EVERY == 0 else rng.randrange(customers),
            lines=tuple(sorted(lines.items())),
            stage=stage_for_age(rng, age),
        ))
    plans.sort(key=lambda plan: plan.date)
    missing = [stage for stage in ORDER_STAGES if stage not in {plan.stage for plan in plans}]
    # A tiny history may miss a stage; the newest orders take the missing ones so that every stage shows.
    for offset, stage in enumerate(missing, start=1):
        plans[-offset] = OrderPlan(plans[-offset].date, plans[-offset].customer, plans[-offset].lines, stage)
    return plans


def shipped_quantities(plans: list[OrderPlan]) -> dict[int, int]:
    """Quantity per variant that left the warehouse with the shipped orders."""
    shipped = {}
    for plan in plans:
        if plan.stage in SHIPPED_STAGES:
            for variant, quantity in plan.lines:
                shipped[variant] = shipped.get(variant, 0) + quantity
    return shipped


def plan_stock(seed: int, variants: int, reordered: int = 30, low: int = 12) -> StockPlan:
    """Stock per variant after the history, with ``reordered`` reordering rules of which ``low`` are below minimum."""
    rng = random.Random(seed)
    on_hand = [0 if rng.random() < 0.08 else rng.randint(6, 30) for _index in range(variants)]
    ruled = rng.sample(range(variants), min(reordered, variants))
    reorder_min, reorder_max = {}, {}
    for position, variant in enumerate(ruled):
        minimum = rng.choice((5, 8, 10))
        if position < low:
            on_hand[variant] = rng.randint(0, minimum - 1)
        else:
            on_hand[variant] = max(on_hand[variant], minimum + 2)
        reorder_min[variant] = minimum
        reorder_max[variant] = minimum * 3
    return StockPlan(tuple(on_hand), reorder_min, reorder_max)


def opening_stock(plan: StockPlan, orders: list[OrderPlan]) -> list[int]:
    """Quantity to put in stock before playing the history so that ``plan.on_hand`` remains afterwards."""
    shipped = shipped_quantities(orders)
    return [quantity + shipped.get(variant, 0) for variant, quantity in enumerate(plan.on_hand)]
