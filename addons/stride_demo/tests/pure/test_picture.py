import io

import pytest

from odoo.addons.stride_demo.lib.picture import (
    SILHOUETTES,
    hex_to_rgb,
    luminance,
    mix,
    picture_spec,
    readable_on,
    rgb_to_hex,
    smooth_outline,
)


def test_colour_round_trip_and_mix():
    assert rgb_to_hex(hex_to_rgb("#1f3a5f")) == "#1f3a5f"
    assert mix("#000000", "#ffffff", 0.5) == "#808080"
    assert mix("#123456", "#abcdef", 0) == "#123456"
    with pytest.raises(ValueError):
        hex_to_rgb("#fff")


def test_initial_is_readable_on_its_badge():
    assert readable_on("#ffffff") == "#1f1f24"
    assert readable_on("#1f3a5f") == "#ffffff"
    assert luminance("#ffffff") == pytest.approx(1.0)


def test_spec_derives_every_colour_from_the_model():
    spec = picture_spec("runner", "#b83227", "#f5a623", "aurora")
    assert spec.initial == "A"
    assert spec.body_hex == "#b83227"
    assert luminance(spec.trim_hex) < luminance(spec.body_hex)
    assert luminance(spec.background_hex) > 0.7
    with pytest.raises(ValueError):
        picture_spec("stiletto", "#000000", "#ffffff", "X")


def test_smooth_outline_passes_through_its_controls():
    square = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)]
    outline = smooth_outline(square, steps=4)
    assert len(outline) == 16
    assert outline[0] == pytest.approx((0.0, 0.0))
    assert outline[4] == pytest.approx((1.0, 0.0))


def test_pictures_are_small_deterministic_pngs():
    image_module = pytest.importorskip("PIL.Image")
    from odoo.addons.stride_demo.lib.picture import draw_picture

    for silhouette in SILHOUETTES:
        spec = picture_spec(silhouette, "#1f3a5f", "#f5a623", "S")
        png = draw_picture(spec, size=128)
        assert png == draw_picture(spec, size=128)
        image = image_module.open(io.BytesIO(png))
        assert image.format == "PNG" and image.size == (128, 128)
        assert image.getpixel((2, 2)) == hex_to_rgb(spec.background_hex)
