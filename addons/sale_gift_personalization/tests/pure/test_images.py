import io
import struct
import zlib

import pytest
from PIL import Image, PngImagePlugin

from odoo.addons.sale_gift_personalization.lib.images import (
    ImageRefused,
    parse_formats,
    sanitize_image,
    sniff_format,
)

ALL = ["png", "jpeg", "webp"]
MB = 1024 * 1024


def image_bytes(fmt="PNG", size=(400, 300), color=(10, 120, 200), **save_args):
    output = io.BytesIO()
    Image.new("RGB", size, color).save(output, fmt, **save_args)
    return output.getvalue()


def png_claiming(width, height):
    """A tiny PNG whose header claims width x height pixels (a decompression bomb's header)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
            + chunk(b"IEND", b""))


def refusal(data, **kwargs):
    params = {"formats": ALL, "max_bytes": 5 * MB, "max_pixels": 25_000_000, **kwargs}
    with pytest.raises(ImageRefused) as caught:
        sanitize_image(data, **params)
    return caught.value.reason


def clean(data, **kwargs):
    return sanitize_image(data, **{"formats": ALL, "max_bytes": 5 * MB, "max_pixels": 25_000_000, **kwargs})


@pytest.mark.parametrize("fmt, name", [("PNG", "png"), ("JPEG", "jpeg"), ("WEBP", "webp")])
def test_accepted_formats_are_recognised_and_kept(fmt, name):
    result = clean(image_bytes(fmt))
    assert (result.format, result.width, result.height) == (name, 400, 300)
    assert sniff_format(result.data) == name
    assert result.mimetype == f"image/{name}"


def test_executable_renamed_png_is_refused():
    assert refusal(b"MZ\x90\x00" + b"\x00" * 2000) == "format"
    assert refusal(b"#!/bin/sh\nrm -rf /\n") == "format"


def test_gif_and_svg_are_refused():
    assert refusal(image_bytes("GIF")) == "format"
    assert refusal(b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') == "format"


def test_format_not_accepted_by_the_field_is_refused():
    assert refusal(image_bytes("WEBP"), formats=["png", "jpeg"]) == "format"


def test_magic_bytes_with_garbage_is_corrupt():
    assert refusal(b"\x89PNG\r\n\x1a\n" + b"garbage" * 50) == "corrupt"
    truncated = image_bytes("JPEG", size=(800, 800))[:600]
    assert refusal(truncated) == "corrupt"


def test_byte_cap_is_checked_before_anything():
    assert refusal(b"MZ" + b"\x00" * 2000, max_bytes=1000) == "size"
    assert refusal(b"") == "size"


def test_bomb_header_is_refused_before_decoding():
    assert refusal(png_claiming(100_000, 100_000)) == "pixels"  # above Pillow's own guard
    assert refusal(png_claiming(6_000, 6_000)) == "pixels"  # under Pillow's guard, above ours
    assert refusal(png_claiming(2_000, 2_000), max_pixels=1_000_000) == "pixels"


def test_minimum_resolution():
    assert refusal(image_bytes(size=(200, 500)), min_width=300, min_height=300) == "resolution"
    assert clean(image_bytes(size=(300, 300)), min_width=300, min_height=300).width == 300


def test_exif_orientation_is_applied_then_metadata_stripped():
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    exif[0x010F] = "SpyCam"  # Make
    source = image_bytes("JPEG", size=(400, 300), exif=exif.tobytes(), icc_profile=b"\x00" * 128)
    assert b"SpyCam" in source
    result = clean(source)
    assert (result.width, result.height) == (300, 400)
    assert b"SpyCam" not in result.data
    with Image.open(io.BytesIO(result.data)) as image:
        assert not image.getexif()
        assert "icc_profile" not in image.info


def test_png_text_chunks_and_trailing_bytes_are_dropped():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "secret-location")
    source = image_bytes("PNG", pnginfo=info) + b"<script>alert(1)</script>"
    result = clean(source)
    assert b"secret-location" not in result.data
    assert b"<script>" not in result.data


def test_transparency_is_kept_in_png():
    output = io.BytesIO()
    Image.new("RGBA", (320, 320), (255, 0, 0, 0)).save(output, "PNG")
    with Image.open(io.BytesIO(clean(output.getvalue()).data)) as image:
        assert image.mode == "RGBA"


def test_parse_formats():
    assert parse_formats("PNG, jpg ,webp,jpeg,gif") == ["png", "jpeg", "webp"]
    assert parse_formats(False) == []
