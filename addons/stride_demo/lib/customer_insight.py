"""Who is who in the demo shop's Customer Insight: the agent's customers, consent, the blocked customer, abandoned
carts, and what the sales team made of a few suggestions.

Customers and variants are referred to by their index in the lists the caller builds (as in ``history``); the
metrics, segments and suggestions themselves are crm_customer_insight's to compute, never planned here.
"""

import random
from collections import Counter
from dataclasses import dataclass

from .history import OrderPlan

# The demo agent works the Asian markets; the other customers are the whole team's.
AGENT_MARKETS = ("VN", "JP")
# Most customers ticked the marketing box at checkout, not all.
CONSENT_SHARE = 0.8
# Carts left on the website, in days since they were last touched: a suggestion is made for a cart idle for a day
# and less than a month old (crm_customer_insight), so every one of these is an abandoned cart.
CART_AGES = (3, 6, 13)
CONFIRMED_STAGES = frozenset({"sale", "delivered", "invoiced", "locked"})

WON, LOST, OPEN, DISMISSED = "won", "lost", "open", "dismissed"
# What the sales team made of some suggestions, in this order, each from the first suggestion left of the first kind
# it prefers (any kind when none of those is left): a repurchase call that sold, a customer at risk who did not come
# back, two calls still to make, a suggestion judged not worth a call.
OUTCOME_PREFERENCES = (
    (WON, ("repurchase", "value_at_risk", "loyalty_tier")),
    (LOST, ("value_at_risk", "repurchase")),
    (OPEN, ("abandoned_cart", "value_at_risk")),
    (OPEN, ("loyalty_tier", "repurchase", "value_at_risk")),
    (DISMISSED, ("abandoned_cart", "value_at_risk", "repurchase")),
)


@dataclass(frozen=True)
class Segment:
    key: str  # of its XML id
    name: str
    kind: str  # crm.customer.segment's kind
    domain: str  # on res.partner, as the segment stores it
    description: str


# Saved segments a marketer of the shop would add to crm_customer_insight's own ones.
SEGMENTS = (
    Segment("vietnam", "Customers in Vietnam", "geography", "[('country_id.code', '=', 'VN')]",
            "The home market: mailings in Vietnamese, prices in dong."),
    Segment("repeat_buyers", "Repeat buyers", "behaviour", "[('insight_order_count', '>=', 2)]",
            "Came back for a second order or more: invite them to the Stride Club."),
    Segment("win_back", "Win back", "behaviour", "[('insight_segment', 'in', ['at_risk', 'hibernating'])]",
            "Used to buy, quiet for a while: a win-back offer before they forget us."),
    Segment("big_baskets", "Big baskets", "value", "[('insight_average_order', '>=', 150)]",
            "An average order of 150 or more in the reporting currency: show them the new boots first."),
)


@dataclass(frozen=True)
class CartPlan:
    customer: int
    age_days: int
    lines: tuple[tuple[int, int], ...]  # (variant index, quantity)


@dataclass(frozen=True)
class InsightPlan:
    agent_customers: tuple[int, ...]
    consenting: frozenset[int]
    blocked: int
    carts: tuple[CartPlan, ...]


def blocked_customer(orders: list[OrderPlan], regular: int | None = None) -> int:
    """The customer who cancelled most orders while also buying (the lowest index among equals), never the
    ``regular`` one: the shop stopped taking their orders online."""
    buyers = {plan.customer for plan in orders if plan.stage in CONFIRMED_STAGES} - {regular}
    if not buyers:
        raise ValueError("no customer with a confirmed order to block")
    cancelled = Counter(plan.customer for plan in orders if plan.stage == "cancel" and plan.customer in buyers)
    return min(buyers, key=lambda customer: (-cancelled[customer], customer))


def plan_customer_insight(
    seed: int, country_codes: list[str], orders: list[OrderPlan], variants: int, regular: int | None = None,
) -> InsightPlan:
    """The Customer Insight side of the demo customers (``country_codes`` gives each one's country), always the same
    for the same seed.

    The blocked customer left a cart (no suggestion may come of it); the other carts belong to returning customers
    other than ``regular``, the first one to a customer of the agent when the agent has a returning customer.
    """
    rng = random.Random(seed + 7)
    customers = len(country_codes)
    agent = tuple(index for index, code in enumerate(country_codes) if code in AGENT_MARKETS)
    consenting = frozenset(index for index in range(customers) if rng.random() < CONSENT_SHARE)
    blocked = blocked_customer(orders, regular)
    returning = sorted({plan.customer for plan in orders if plan.stage in CONFIRMED_STAGES} - {regular, blocked})
    shoppers = [blocked]
    if agent_returning := [index for index in returning if country_codes[index] in AGENT_MARKETS]:
        shoppers.append(rng.choice(agent_returning))
    while len(shoppers) < len(CART_AGES) and (left := [index for index in returning if index not in shoppers]):
        shoppers.append(rng.choice(left))
    carts = tuple(
        CartPlan(
            customer=customer,
            age_days=age,
            lines=tuple(sorted({rng.randrange(variants): 1 for _line in range(rng.choice((1, 1, 2)))}.items())),
        )
        for customer, age in zip(shoppers, CART_AGES)
    )
    return InsightPlan(agent, consenting, blocked, carts)


def plan_suggestion_outcomes(kinds: list[str]) -> dict[int, str]:
    """``{index: outcome}`` for suggestions of these kinds (listed in a stable order): see ``OUTCOME_PREFERENCES``;
    fewer outcomes when there are fewer suggestions."""
    outcomes = {}
    for outcome, preferred in OUTCOME_PREFERENCES:
        left = [index for index in range(len(kinds)) if index not in outcomes]
        if not left:
            break
        chosen = next(
            (index for kind in preferred for index in left if kinds[index] == kind),
            left[0],
        )
        outcomes[chosen] = outcome
    return outcomes
