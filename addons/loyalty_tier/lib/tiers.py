"""Tier rules as plain computation: which tier qualifies, when a member moves, how far the next tier is.

No ORM here: the models pass plain values (ids, amounts, dates) and write what these functions decide.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

SPEND = "spend"
ORDERS = "orders"
SPEND_AND_ORDERS = "spend_and_orders"
SPEND_OR_ORDERS = "spend_or_orders"

UP = "up"
DOWN = "down"


@dataclass(frozen=True)
class TierRule:
    """One tier as the rules see it; ``key`` is the record id, tiers are passed lowest rank first."""

    key: int
    qualify_by: str
    min_spend: float = 0.0
    min_orders: int = 0


@dataclass(frozen=True)
class Decision:
    """What a review decides for one member: the tier to hold, the move (``up``, ``down`` or None), the date the
    member stopped qualifying for the held tier (None while qualifying) and the next review date."""

    tier: int | None
    move: str | None
    below_since: date | None
    review_date: date | None


def window_start(today: date, days: int = 365) -> date:
    """First day of the rolling window ending ``today``: orders on or after it count."""
    return today - timedelta(days=days - 1)


def utc_bounds(first_day: date, last_day: date, timezone: str) -> tuple[datetime, datetime]:
    """The UTC instants (naive, as Odoo stores datetimes) from the start of ``first_day`` to the end of ``last_day``
    in ``timezone``: what those days cover of datetimes stored in UTC."""
    zone = ZoneInfo(timezone)

    def start_of(day):
        return datetime.combine(day, time.min, tzinfo=zone).astimezone(UTC).replace(tzinfo=None)

    return start_of(first_day), start_of(last_day + timedelta(days=1))


def criteria_met(rule: TierRule, spend: float, orders: int) -> list[str]:
    """The criteria of ``rule`` that ``spend`` and ``orders`` reach (``spend``, ``orders``), in that order."""
    met = []
    if rule.qualify_by != ORDERS and spend >= rule.min_spend:
        met.append(SPEND)
    if rule.qualify_by != SPEND and orders >= rule.min_orders:
        met.append(ORDERS)
    return met


def qualifies(rule: TierRule, spend: float, orders: int) -> bool:
    """Whether ``spend`` and ``orders`` reach ``rule`` under its ``qualify_by``."""
    met = criteria_met(rule, spend, orders)
    if rule.qualify_by == SPEND_AND_ORDERS:
        return len(met) == 2
    return bool(met)


def qualified_tier(rules: list[TierRule], spend: float, orders: int) -> int | None:
    """The highest-ranked tier reached (rules lowest rank first), or None when none is."""
    reached = None
    for rule in rules:
        if qualifies(rule, spend, orders):
            reached = rule.key
    return reached


def rank(rules: list[TierRule], key: int | None) -> int:
    """Position of tier ``key`` among ``rules`` (0 for the lowest), -1 for no tier or a tier not among them."""
    for position, rule in enumerate(rules):
        if rule.key == key:
            return position
    return -1


def decide(
    rules: list[TierRule],
    current: int | None,
    spend: float,
    orders: int,
    today: date,
    review_date: date | None,
    below_since: date | None,
    grace_days: int,
    review_interval_days: int,
    allow_downgrade: bool = True,
) -> Decision:
    """Upgrade at once; downgrade only when the review date has come and the member has not qualified for the held
    tier for ``grace_days``; a review that finds the member below but within the grace moves to the grace's end."""
    target = qualified_tier(rules, spend, orders)
    held, reached = rank(rules, current), rank(rules, target)
    next_review = today + timedelta(days=review_interval_days)
    if reached > held:
        return Decision(target, UP, None, next_review)
    if reached == held:
        due = current is not None and (review_date is None or review_date <= today)
        return Decision(current, None, None, next_review if due else review_date)
    since = below_since or today
    if not allow_downgrade or (review_date is not None and review_date > today):
        return Decision(current, None, since, review_date)
    grace_end = since + timedelta(days=grace_days)
    if grace_end > today:
        return Decision(current, None, since, grace_end)
    return Decision(target, DOWN, None, next_review if target is not None else None)


def progress(rules: list[TierRule], current: int | None, spend: float, orders: int) -> dict:
    """Distance to the tier above ``current``: ``next`` (key or None), ``missing_spend``, ``missing_orders`` and
    ``ratio`` in 0..1 (1 at the top tier); an unused criterion misses nothing."""
    above = rules[rank(rules, current) + 1 :]
    if not above:
        return {"next": None, "missing_spend": 0.0, "missing_orders": 0, "ratio": 1.0}
    rule = above[0]
    uses_spend, uses_orders = rule.qualify_by != ORDERS, rule.qualify_by != SPEND
    missing_spend = max(rule.min_spend - spend, 0.0) if uses_spend else 0.0
    missing_orders = max(rule.min_orders - orders, 0) if uses_orders else 0
    ratios = []
    if uses_spend:
        ratios.append(min(spend / rule.min_spend, 1.0) if rule.min_spend > 0 else 1.0)
    if uses_orders:
        ratios.append(min(orders / rule.min_orders, 1.0) if rule.min_orders > 0 else 1.0)
    ratio = max(ratios) if rule.qualify_by == SPEND_OR_ORDERS else min(ratios)
    if rule.qualify_by == SPEND_OR_ORDERS and ratio < 1.0:
        # Either criterion is enough: show what is missing on the closer one only.
        if ratios[0] >= ratios[1]:
            missing_orders = 0
        else:
            missing_spend = 0.0
    return {"next": rule.key, "missing_spend": missing_spend, "missing_orders": missing_orders, "ratio": ratio}


def first_unordered(rules: list[tuple[str, TierRule]]) -> str | None:
    """Name of the first tier (``(name, rule)`` lowest rank first) not asking more than the tier below it, or None.

    Two neighbours are compared on the criteria both use: none may ask less, and one must ask more; neighbours
    sharing no criterion (spend only, then orders only) cannot be compared and pass."""
    for (_name, lower), (name, upper) in zip(rules, rules[1:], strict=False):
        pairs = []
        if lower.qualify_by != ORDERS and upper.qualify_by != ORDERS:
            pairs.append((lower.min_spend, upper.min_spend))
        if lower.qualify_by != SPEND and upper.qualify_by != SPEND:
            pairs.append((lower.min_orders, upper.min_orders))
        if pairs and (any(high < low for low, high in pairs) or all(high == low for low, high in pairs)):
            return name
    return None
