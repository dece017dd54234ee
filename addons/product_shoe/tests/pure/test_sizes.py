import pytest

from odoo.addons.product_shoe.lib.sizes import (
    DEFAULT_CHART,
    SIZE_SYSTEMS,
    SizeError,
    convert_size,
    foot_length_to_size,
    format_size,
    make_row,
    merge_charts,
    parse_size,
    size_buckets,
    size_to_foot_length,
    sizes_between,
)


@pytest.mark.parametrize("row", DEFAULT_CHART, ids=lambda row: f"EU{format_size(row.sizes['eu'])}")
def test_every_size_round_trips_through_every_system(row):
    for source in SIZE_SYSTEMS:
        for target in SIZE_SYSTEMS:
            converted = convert_size(row.sizes[source], source, target)
            assert converted == row.sizes[target]
            assert convert_size(converted, target, source) == row.sizes[source]


@pytest.mark.parametrize("row", DEFAULT_CHART, ids=lambda row: str(row.foot_mm))
def test_foot_length_and_size_round_trip(row):
    for system in SIZE_SYSTEMS:
        assert size_to_foot_length(system, row.sizes[system]) == row.foot_mm
        assert foot_length_to_size(system, row.foot_mm) == row.sizes[system]


def test_published_chart_values():
    assert convert_size("42", "eu", "uk") == 8
    assert convert_size(42, "eu", "us_men") == 9
    assert convert_size(42, "eu", "us_women") == 10.5
    assert convert_size(42, "eu", "jp") == 26.5
    assert convert_size(42, "eu", "vn") == 42
    assert convert_size("8,5", "us_women", "eu") == 39


def test_chart_is_monotonic_in_every_system():
    for system in SIZE_SYSTEMS:
        values = [row.sizes[system] for row in DEFAULT_CHART]
        assert values == sorted(values) and len(set(values)) == len(values)
    lengths = [row.foot_mm for row in DEFAULT_CHART]
    assert lengths == sorted(lengths)


def test_foot_length_between_rows_gets_the_next_size_up():
    assert foot_length_to_size("eu", 251) == 41
    assert foot_length_to_size("eu", 250) == 40
    assert foot_length_to_size("eu", 100) == 35


def test_boundaries_raise_clear_errors():
    with pytest.raises(SizeError, match="longer than the largest"):
        foot_length_to_size("eu", 306)
    with pytest.raises(SizeError, match="not on the size chart"):
        size_to_foot_length("eu", 49)
    with pytest.raises(SizeError, match="not on the size chart"):
        convert_size(34, "eu", "uk")
    with pytest.raises(SizeError, match="Unknown size system"):
        convert_size(42, "mars", "uk")
    with pytest.raises(SizeError, match="Unknown size system"):
        convert_size(42, "eu", "mars")
    with pytest.raises(SizeError, match="Not a foot length"):
        foot_length_to_size("eu", -3)
    with pytest.raises(SizeError, match="empty"):
        foot_length_to_size("eu", 250, ())


@pytest.mark.parametrize("bad", ["", "abc", "%", "nan", "-1", "0", "1e9", "4 2"])
def test_bad_size_labels_are_refused(bad):
    with pytest.raises(SizeError):
        parse_size(bad)


def test_brand_override_replaces_rows_of_the_same_eu_size():
    runs_small = (make_row(255, 40, 6.5, 7.5, 9, 25.5),)
    chart = merge_charts(DEFAULT_CHART, runs_small)
    assert len(chart) == len(DEFAULT_CHART)
    assert size_to_foot_length("eu", 40, chart) == 255
    assert size_to_foot_length("eu", 41, chart) == 260
    assert foot_length_to_size("eu", 252, chart) == 40
    assert foot_length_to_size("eu", 252) == 41
    assert convert_size(25.5, "jp", "eu", chart) == 40


def test_override_can_extend_the_chart():
    chart = merge_charts(DEFAULT_CHART, (make_row(315, 49, 14, 15, 16.5, 31.5),))
    assert size_to_foot_length("eu", 49, chart) == 315
    assert foot_length_to_size("uk", 310, chart) == 14


def test_sizes_between_runs_in_either_order():
    assert sizes_between("eu", 36, 40) == [36, 37, 38, 39, 40]
    assert sizes_between("uk", 9, 7) == [7, 8, 9]
    with pytest.raises(SizeError):
        sizes_between("eu", 30, 40)


def test_format_size():
    assert format_size(42.0) == "42"
    assert format_size(8.5) == "8.5"


@pytest.mark.parametrize("system", SIZE_SYSTEMS)
def test_size_buckets_agree_with_foot_length_to_size(system):
    buckets = size_buckets(system)
    assert [low for _size, low, _high in buckets[1:]] == [high for _size, _low, high in buckets[:-1]]
    for size, low, high in buckets:
        assert foot_length_to_size(system, low + 1) == size
        assert foot_length_to_size(system, high) == size


def test_size_buckets_merge_rows_of_one_size():
    chart = (make_row(240, 38, 5, 6, 7.5, 24), make_row(245, 38.5, 5, 6, 7.5, 24.5), make_row(250, 39, 6, 7, 8.5, 25))
    assert size_buckets("uk", chart) == [(5, 0, 245), (6, 245, 250)]
    with pytest.raises(SizeError):
        size_buckets("mars", chart)
