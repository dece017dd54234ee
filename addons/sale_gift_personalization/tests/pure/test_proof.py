import importlib.util
import io
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from odoo.addons.sale_gift_personalization.lib.fonts import FONT_FILES
from odoo.addons.sale_gift_personalization.lib.proof import ImageItem, TextItem, render_proof


def _addons_root():
    spec = importlib.util.find_spec("odoo.addons.web")
    if spec and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations))).parent
    return Path("/opt/odoo19/addons")


FONT = _addons_root() / FONT_FILES["sans"]
pytestmark = pytest.mark.skipif(not FONT.exists(), reason="Odoo's web fonts are not installed")


def png(size, color):
    output = io.BytesIO()
    Image.new("RGB", size, color).save(output, "PNG")
    return output.getvalue()


def open_proof(data):
    return Image.open(io.BytesIO(data)).convert("RGB")


def test_proof_has_the_base_size_and_is_deterministic():
    base = png((600, 400), (240, 240, 240))
    texts = [TextItem("Anna & Ben", str(FONT), "#d4af37", (100, 100, 400, 100))]
    images = [ImageItem(png((300, 300), (200, 0, 0)), (0, 0, 200, 200))]
    first = render_proof(base, texts, images)
    assert first == render_proof(base, texts, images)
    assert open_proof(first).size == (600, 400)


def test_text_is_drawn_inside_its_box_in_its_colour():
    base = png((600, 400), (255, 255, 255))
    box = (100, 100, 400, 100)
    proof = open_proof(render_proof(base, [TextItem("Hello", str(FONT), "#ff0000", box)], []))
    difference = ImageChops.difference(proof, open_proof(render_proof(base, [], []))).convert("L")
    # the proof is a JPEG: ignore its faint ringing around the letters
    left, top, right, bottom = difference.point(lambda value: 255 if value > 60 else 0).getbbox()
    assert left >= 99 and top >= 99 and right <= 501 and bottom <= 201
    red = [p for p in proof.crop((left, top, right, bottom)).getdata() if p[0] > 200 and p[1] < 60 and p[2] < 60]
    assert red


def test_image_is_fitted_and_centred_in_its_box():
    proof = open_proof(render_proof(png((600, 400), (255, 255, 255)),
                                    [], [ImageItem(png((1500, 1500), (0, 0, 255)), (100, 100, 400, 200))]))
    assert proof.getpixel((300, 200))[2] > 200 and proof.getpixel((300, 200))[0] < 40  # centre: blue
    assert proof.getpixel((150, 200)) == (255, 255, 255) or proof.getpixel((150, 200))[0] > 240  # beside: base


def test_without_base_image_a_white_canvas():
    proof = open_proof(render_proof(None, [], [], size=(300, 200)))
    assert proof.size == (300, 200)
    assert proof.getpixel((10, 10))[0] > 250


def test_hostile_text_and_bad_colour_render_as_text():
    proof = render_proof(None, [TextItem("<script>alert(1)</script>", str(FONT), "javascript:x", (0, 0, 1000, 200))],
                         [], size=(1000, 1000))
    assert open_proof(proof).getbbox()


def test_max_side_scales_the_whole_picture():
    base = png((2000, 1000), (255, 255, 255))
    images = [ImageItem(png((500, 500), (0, 0, 255)), (1000, 0, 1000, 1000))]
    full = open_proof(render_proof(base, [], images))
    small = open_proof(render_proof(base, [], images, max_side=1000))
    assert small.size == (1000, 500)
    assert small.getpixel((750, 250))[2] > 200 and full.getpixel((1500, 500))[2] > 200
    assert small.getpixel((250, 250))[0] > 240
