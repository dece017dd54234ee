from datetime import date

from odoo.addons.stride.lib import catalog, customers, history, picture


def test_catalogue_is_deterministic_and_big_enough():
    models = catalog.shoe_models(42)
    assert models == catalog.shoe_models(42)
    assert len(models) >= 40
    assert len({model.brand.name for model in models}) >= 6
    assert len({model.code for model in models}) == len(models)
    assert len(catalog.GIFTS) >= 10


def test_charm_price_ends_in_99_and_has_a_floor():
    assert catalog.charm_price(88.2) == 89.99
    assert catalog.charm_price(0) == 4.99


def test_customers_cover_six_countries_with_language_and_timezone():
    profiles = customers.customer_profiles(42)
    assert len(profiles) == 200
    assert len({profile.country_code for profile in profiles}) >= 6
    assert all(profile.lang and profile.tz for profile in profiles)
    assert len({profile.email for profile in profiles}) == len(profiles)


def test_email_local_part_is_ascii():
    assert customers.email_local_part("Dũng", "Đặng").isascii()


def test_history_spans_18_months_and_every_stage():
    today = date(2026, 11, 22)
    plans = history.plan_orders(42, today, customers=200, variants=300, count=200)
    assert {plan.stage for plan in plans} == set(history.ORDER_STAGES)
    assert (today - plans[0].date).days <= 18 * 30
    assert plans == sorted(plans, key=lambda plan: plan.date)


def test_opening_stock_leaves_the_planned_quantity_after_the_history():
    plans = history.plan_orders(7, date(2026, 1, 1), customers=10, variants=20, count=50)
    stock = history.plan_stock(7, 20)
    opening = history.opening_stock(stock, plans)
    shipped = history.shipped_quantities(plans)
    assert [opening[v] - shipped.get(v, 0) for v in range(20)] == list(stock.on_hand)


def test_every_silhouette_can_be_specified():
    for silhouette in picture.SILHOUETTES:
        assert picture.picture_spec(silhouette, "#112233", "#ffffff", "S")
