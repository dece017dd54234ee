from odoo.addons.stride_demo.lib.catalog import (
    ALERT_THRESHOLDS,
    BRANDS,
    CATEGORIES,
    GIFT_CATEGORY,
    GIFTS,
    VENDORS,
    brand_foot_length,
    charm_price,
    shoe_models,
    shop_order,
    vendors_for,
)


def test_same_seed_same_catalogue():
    assert shoe_models(42) == shoe_models(42)
    assert shoe_models(42) != shoe_models(7)


def test_forty_models_with_unique_names_and_codes():
    models = shoe_models()
    assert len(models) == 40
    assert len({model.name for model in models}) == 40
    assert len({model.code for model in models}) == 40


def test_at_least_six_brands_and_every_category_used():
    models = shoe_models()
    assert len(BRANDS) >= 6
    assert len({model.brand for model in models}) >= 6
    assert {model.category.name for model in models} == {category.name for category in CATEGORIES}


def test_prices_are_shop_prices_within_the_category_range():
    for model in shoe_models():
        low, high = model.category.price_range
        assert low - 5 <= model.list_price <= high + 5
        assert f"{model.list_price:.2f}".endswith(".99")
        assert 0 < model.cost < model.list_price


def test_every_model_has_colours_and_a_size_run():
    for model in shoe_models():
        assert 2 <= len(model.colours) <= 3
        assert len(set(model.colours)) == len(model.colours)
        assert len(model.sizes) >= 7 and set(model.sizes) <= set(range(36, 47))


def test_charm_price():
    assert charm_price(127.3) == 124.99
    assert charm_price(128) == 129.99
    assert charm_price(1) == 4.99


def test_ten_personalisable_gifts():
    assert len(GIFTS) == 10
    assert all(gift.personalisation for gift in GIFTS)


def test_every_category_has_a_vendor_cheapest_first():
    assert len(VENDORS) == 3
    for name in [category.name for category in CATEGORIES] + [GIFT_CATEGORY]:
        vendors = vendors_for(name)
        assert vendors
        assert [vendor.price_ratio for vendor in vendors] == sorted(vendor.price_ratio for vendor in vendors)


def test_shop_order_alternates_categories():
    ordered = shop_order(shoe_models())
    assert sorted(model.code for model in ordered) == sorted(model.code for model in shoe_models())
    first_page = ordered[: len(CATEGORIES)]
    assert len({model.category.name for model in first_page}) == len(CATEGORIES)


def test_models_come_in_several_widths_and_genders():
    models = shoe_models()
    assert {model.width for model in models} >= {"standard", "wide", "narrow"}
    assert {model.fit for model in models} == {"men", "women", "unisex"}
    assert sum(model.width == "standard" for model in models) > len(models) / 2


def test_a_brand_runs_small_and_one_runs_large():
    offsets = {brand.size_offset_mm for brand in BRANDS}
    assert min(offsets) < 0 < max(offsets)
    assert all(brand.fit_note for brand in BRANDS if brand.size_offset_mm)
    small = min(BRANDS, key=lambda brand: brand.size_offset_mm)
    assert brand_foot_length(250, small) < 250
    assert brand_foot_length(250, BRANDS[0]) == 250


def test_every_shoe_category_has_default_alert_thresholds():
    assert set(ALERT_THRESHOLDS) == {category.name for category in CATEGORIES}
    assert all(0 < minimum < maximum for minimum, maximum in ALERT_THRESHOLDS.values())


def test_one_vendor_is_often_late_one_delivers_short_and_one_is_perfect():
    assert any(vendor.on_time_share < 0.8 for vendor in VENDORS)
    assert any(vendor.fill_share < 0.8 for vendor in VENDORS)
    assert any(vendor.on_time_share == vendor.fill_share == 1.0 for vendor in VENDORS)
