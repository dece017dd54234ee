"""Deterministic sales history and stock levels for the demo shop.

Variants and customers are referred to by their index in lists the caller builds in a stable order; dates are
relative to ``today`` so that the demo always looks recent.
"""

import random
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, timedelta

# How far an order got. "delivered" orders have all pickings done, "invoiced" ones also have a posted invoice,
# "locked" ones are also paid and locked (Odoo's old "done" state).
ORDER_STAGES = ("draft", "sent", "sale", "delivered", "invoiced", "locked", "cancel")
SHIPPED_STAGES = frozenset({"delivered", "invoiced", "locked"})
REGULAR_EVERY = 12

# How far each order got in sale_order_pipeline's fulfilment (its stage codes; this module imports no addon).
AWAITING, CONFIRMED, PACKAGING, SHIPPING, DELIVERED, FEEDBACK, CANCELLED = (
    "awaiting", "confirmed", "packaging", "shipping", "delivered", "feedback", "cancelled",
)
# Ages in days of the recent sales on the variants left below their minimum: delivered (two days after the order)
# inside the last 30 days, the window the stock alerts measure their sales rate on.
RECENT_SALE_AGES = (5, 26)
RECENT_SALES_PER_VARIANT = 2
# The newest shipped orders are still with the carrier.
IN_TRANSIT = 3
FEEDBACK_SHARE = 0.45
RATING_WEIGHTS = {5: 52, 4: 28, 3: 11, 2: 6, 1: 3}
COMMENTS = {
    5: (
        "Perfect fit and super comfortable from day one.",
        "Arrived quickly and beautifully packed. Love them!",
        "True to size, great quality. Will order again.",
        "Second pair from Stride, just as good as the first.",
        "",
    ),
    4: (
        "Very comfortable, delivery took a day longer than expected.",
        "Great shoes, the colour is slightly darker than on the photo.",
        "Good value for the price.",
        "",
    ),
    3: (
        "Nice shoes but a bit narrow for me.",
        "OK quality, the box was damaged in transit.",
    ),
    2: ("Had to exchange for a bigger size, the size guide helped the second time.",),
    1: ("Parcel arrived a week late and the laces were missing.",),
}

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
    pipeline: str = AWAITING  # fulfilment stage reached
    rating: int = 0  # the customer's feedback, for orders at FEEDBACK
    comment: str = ""


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
    recent: tuple[int, ...] = (),
) -> list[OrderPlan]:
    """``count`` orders spread over the last ``months`` months, oldest first, every stage represented.

    ``count`` must be at least the number of stages.
    The ``regular`` customer, if any, places one order in ``REGULAR_EVERY``: a demo login with a real history.
    The ``recent`` variants also get delivered sales of the last weeks (see ``plan_recent_sales``).
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
    plans += plan_recent_sales(seed, today, customers, recent, regular)
    plans.sort(key=lambda plan: plan.date)
    # A tiny history may miss a stage: the newest order of a stage seen twice takes it, so that every stage shows.
    for stage in ORDER_STAGES:
        counts = Counter(plan.stage for plan in plans)
        if not counts[stage]:
            position = max(index for index, plan in enumerate(plans) if counts[plan.stage] > 1)
            plans[position] = replace(plans[position], stage=stage)
    return plan_fulfilment(seed, plans, regular)


def plan_recent_sales(
    seed: int, today: date, customers: int, variants: tuple[int, ...], regular: int | None = None,
) -> list[OrderPlan]:
    """``RECENT_SALES_PER_VARIANT`` delivered one-pair orders of the last weeks per variant, by other customers than
    the ``regular`` one: stock that ran low did so because it sold, and its alert shows how fast."""
    rng = random.Random(seed + 3)
    plans = []
    for variant in variants:
        for _sale in range(RECENT_SALES_PER_VARIANT):
            customer = rng.randrange(customers)
            if customer == regular:
                customer = (customer + 1) % customers
            plans.append(OrderPlan(
                date=today - timedelta(days=rng.randint(*RECENT_SALE_AGES)),
                customer=customer,
                lines=((variant, 1),),
                stage="delivered",
            ))
    return plans


def plan_fulfilment(seed: int, plans: list[OrderPlan], regular: int | None = None) -> list[OrderPlan]:
    """Give each order the fulfilment stage it reached and, once received, maybe the customer's feedback.

    Open orders are confirmed or being packed, the ``IN_TRANSIT`` newest shipped orders are with the carrier, the
    older ones were received and about half of them rated. The ``regular`` customer rates every other order.
    """
    rng = random.Random(seed + 1)
    shipped = [index for index, plan in enumerate(plans) if plan.stage in SHIPPED_STAGES]
    in_transit = set(shipped[-IN_TRANSIT:])
    open_count = regular_count = 0
    result = []
    for index, plan in enumerate(plans):
        rating, comment = 0, ""
        if plan.stage in ("draft", "sent"):
            pipeline = AWAITING
        elif plan.stage == "cancel":
            pipeline = CANCELLED
        elif plan.stage == "sale":
            pipeline = PACKAGING if open_count % 2 else CONFIRMED
            open_count += 1
        elif index in in_transit:
            pipeline = SHIPPING
        else:
            if plan.customer == regular:
                rated = regular_count % 2 == 0
                regular_count += 1
            else:
                rated = rng.random() < FEEDBACK_SHARE
            pipeline = FEEDBACK if rated else DELIVERED
            if rated:
                rating = rng.choices(tuple(RATING_WEIGHTS), tuple(RATING_WEIGHTS.values()))[0]
                comment = rng.choice(COMMENTS[rating])
        result.append(replace(plan, pipeline=pipeline, rating=rating, comment=comment))
    return result


def tracking_number(index: int) -> str:
    """A carrier-like tracking number for the ``index``-th order, always the same."""
    digits = f"{(index * 7_919 + 104_729) % 1_000_000_000:09d}"
    check = sum(int(digit) * (3 if position % 2 else 1) for position, digit in enumerate(digits)) % 10
    return f"SX{digits}{check}VN"


def shipped_quantities(plans: list[OrderPlan]) -> dict[int, int]:
    """Quantity per variant that left the warehouse with the shipped orders."""
    shipped = {}
    for plan in plans:
        if plan.stage in SHIPPED_STAGES:
            for variant, quantity in plan.lines:
                shipped[variant] = shipped.get(variant, 0) + quantity
    return shipped


def plan_stock(seed: int, variants: int, reordered: int = 30, low: int = 12) -> StockPlan:
    """Stock per variant after the history, with ``reordered`` hand-set thresholds of which ``low`` are below minimum.

    Every other variant keeps at least ``6`` pairs (above the category defaults); the first low one is sold out.
    """
    rng = random.Random(seed)
    on_hand = [rng.randint(6, 30) for _index in range(variants)]
    ruled = rng.sample(range(variants), min(reordered, variants))
    reorder_min, reorder_max = {}, {}
    for position, variant in enumerate(ruled):
        minimum = rng.choice((5, 8, 10))
        if position < low:
            on_hand[variant] = rng.randint(1, minimum - 1) if position else 0
        else:
            on_hand[variant] = max(on_hand[variant], minimum + 2)
        reorder_min[variant] = minimum
        reorder_max[variant] = minimum * 3
    return StockPlan(tuple(on_hand), reorder_min, reorder_max)


def low_variants(plan: StockPlan) -> tuple[int, ...]:
    """The variants left below the minimum of their hand-set threshold, in index order."""
    return tuple(index for index, minimum in sorted(plan.reorder_min.items()) if plan.on_hand[index] < minimum)


def opening_stock(plan: StockPlan, orders: list[OrderPlan]) -> list[int]:
    """Quantity to put in stock before playing the history so that ``plan.on_hand`` remains afterwards."""
    shipped = shipped_quantities(orders)
    return [quantity + shipped.get(variant, 0) for variant, quantity in enumerate(plan.on_hand)]


@dataclass(frozen=True)
class ReceiptPlan:
    vendor: int  # index of the vendor in the caller's list
    ordered: date
    promised_days: int
    actual_days: int
    lines: tuple[tuple[int, int, int], ...]  # (variant index, quantity ordered, quantity received)


def plan_receipts(
    seed: int, today: date, vendors: list[tuple[list[int], int, int, float, float]], per_vendor: int = 6,
) -> list[ReceiptPlan]:
    """Past purchase receipts over the last year, ``per_vendor`` per vendor, oldest first.

    ``vendors`` gives per vendor: the variants it supplies, its minimum quantity, its promised lead time in days,
    the share of its receipts on time and the share of the quantity its short receipts bring. Late receipts are
    spread evenly over the year; every other receipt of a vendor that delivers short is short.
    """
    rng = random.Random(seed + 2)
    receipts = []
    for vendor, (variants, min_qty, lead_days, on_time_share, fill_share) in enumerate(vendors):
        if not variants:
            continue
        late = round(per_vendor * (1 - on_time_share))
        for number in range(per_vendor):
            # Oldest first, the last one received a few weeks ago.
            age = 30 + (per_vendor - 1 - number) * (300 // per_vendor) + rng.randint(0, 10)
            is_late = (number * late) % per_vendor < late
            delay = lead_days + rng.randint(3, 12) if is_late else lead_days - rng.randint(0, 2)
            received = max(1, int(min_qty * fill_share)) if fill_share < 1 and number % 2 else min_qty
            lines = tuple(
                (variant, min_qty, received)
                for variant in sorted(rng.sample(variants, min(len(variants), rng.randint(2, 4))))
            )
            receipts.append(ReceiptPlan(vendor, today - timedelta(days=age + delay), lead_days, delay, lines))
    receipts.sort(key=lambda receipt: (receipt.ordered, receipt.vendor))
    return receipts
