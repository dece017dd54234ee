from collections import Counter
from datetime import date

from odoo.addons.crm_customer_insight.lib.churn import assess, shop_rhythm
from odoo.addons.crm_customer_insight.lib.rfm import quintile_scores, segment_for
from odoo.addons.stride_demo.lib import catalog, customers, history
from odoo.addons.stride_demo.lib.customer_insight import (
    AGENT_MARKETS,
    CART_AGES,
    CONFIRMED_STAGES,
    DISMISSED,
    LOST,
    OPEN,
    WON,
    blocked_customer,
    plan_customer_insight,
    plan_suggestion_outcomes,
)

TODAY = date(2026, 11, 30)
PROFILES = customers.customer_profiles(42)
REGULAR = next(index for index, profile in enumerate(PROFILES) if profile.country_code == "US")
PRICES = [model.list_price for model in catalog.shoe_models(42) for _size in model.sizes for _colour in model.colours]
PLANS = history.plan_orders(
    42, TODAY, len(PROFILES), len(PRICES), 200, regular=REGULAR,
    recent=history.low_variants(history.plan_stock(42, len(PRICES))),
)


def _plan():
    return plan_customer_insight(42, [profile.country_code for profile in PROFILES], PLANS, len(PRICES), REGULAR)


def _order(customer, stage):
    return history.OrderPlan(date=TODAY, customer=customer, lines=((0, 1),), stage=stage)


def test_same_seed_same_plan():
    assert _plan() == _plan()


def test_the_agent_works_the_customers_of_their_markets():
    plan = _plan()
    assert plan.agent_customers
    assert {PROFILES[index].country_code for index in plan.agent_customers} == set(AGENT_MARKETS)
    others = set(range(len(PROFILES))) - set(plan.agent_customers)
    assert all(PROFILES[index].country_code not in AGENT_MARKETS for index in others)


def test_most_customers_consent_to_marketing_but_not_all():
    consenting = len(_plan().consenting)
    assert 0.7 * len(PROFILES) <= consenting < len(PROFILES)


def test_the_blocked_customer_cancelled_most_and_is_not_the_demo_login():
    assert blocked_customer([_order(1, "cancel"), _order(1, "locked"), _order(2, "cancel"), _order(2, "cancel"),
                             _order(2, "sale"), _order(3, "cancel")]) == 2
    assert blocked_customer([_order(5, "sale"), _order(5, "cancel"), _order(6, "delivered")], regular=5) == 6
    blocked = _plan().blocked
    assert blocked != REGULAR
    assert any(plan.customer == blocked and plan.stage in CONFIRMED_STAGES for plan in PLANS)


def test_abandoned_carts_of_returning_customers_one_of_the_agent_one_blocked():
    plan = _plan()
    carts = plan.carts
    assert [cart.age_days for cart in carts] == list(CART_AGES)
    assert all(1 < cart.age_days < 30 for cart in carts), "idle for a day, less than a month old"
    shoppers = [cart.customer for cart in carts]
    assert len(set(shoppers)) == len(shoppers) and REGULAR not in shoppers
    assert shoppers[0] == plan.blocked
    assert shoppers[1] in plan.agent_customers
    buyers = {order.customer for order in PLANS if order.stage in CONFIRMED_STAGES}
    assert set(shoppers) <= buyers
    assert all(cart.lines and all(0 <= variant < len(PRICES) for variant, _qty in cart.lines) for cart in carts)


def test_outcomes_follow_the_preferred_kinds():
    kinds = ["abandoned_cart", "value_at_risk", "repurchase", "value_at_risk", "loyalty_tier", "abandoned_cart"]
    assert plan_suggestion_outcomes(kinds) == {2: WON, 1: LOST, 0: OPEN, 4: OPEN, 5: DISMISSED}


def test_outcomes_of_few_suggestions_or_missing_kinds():
    assert plan_suggestion_outcomes([]) == {}
    assert plan_suggestion_outcomes(["abandoned_cart"]) == {0: WON}
    outcomes = plan_suggestion_outcomes(["abandoned_cart"] * 6)
    assert sorted(Counter(outcomes.values()).items()) == [(DISMISSED, 1), (LOST, 1), (OPEN, 2), (WON, 1)]


def test_the_demo_history_gives_every_segment_and_churn_risk():
    # The demo's figures are crm_customer_insight's; this checks that the planned history (at list prices) is varied
    # enough for its RFM segments and churn risks to all show, as they do in the built demo.
    orders = {}
    for plan in PLANS:
        if plan.stage in CONFIRMED_STAGES:
            value = sum(PRICES[variant] * quantity for variant, quantity in plan.lines)
            orders.setdefault(plan.customer, []).append((plan.date, value))
    rows = []
    for dated_values in orders.values():
        dates = sorted(day for day, _value in dated_values)
        rhythm = (dates[-1] - dates[0]).days / (len(dates) - 1) if len(dates) > 1 else 0.0
        rows.append((len(dates), dates[-1], sum(value for _day, value in dated_values), rhythm))
    recency = quintile_scores([last.toordinal() for _count, last, _value, _rhythm in rows])
    frequency = quintile_scores([count for count, *_rest in rows])
    monetary = quintile_scores([value for _count, _last, value, _rhythm in rows])
    segments = Counter(
        segment_for(r, f, m, row[0]) for row, r, f, m in zip(rows, recency, frequency, monetary)
    )
    assert set(segments) == {"champions", "loyal", "promising", "at_risk", "hibernating", "new"}
    assert min(segments.values()) >= 3, segments
    median = shop_rhythm([rhythm for count, _last, _value, rhythm in rows if count >= 2])
    risks = Counter(assess(TODAY, last, count, rhythm, median).risk for count, last, _value, rhythm in rows)
    assert set(risks) == {"low", "medium", "high"}
