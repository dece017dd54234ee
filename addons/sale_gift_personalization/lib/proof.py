"""The proof: the base image with each text in its font, colour and box, and each image fitted into its box.

Deterministic (the same inputs give the same bytes) and placed by ``layout``, the rules the live preview follows.
"""

import io
from dataclasses import dataclass

from PIL import Image, ImageColor, ImageDraw, ImageFont

from .layout import Box, fit_inside, fit_text_size

DEFAULT_COLOR = "#000000"
BLANK_SIZE = (1000, 1000)


@dataclass(frozen=True)
class TextItem:
    text: str
    font_path: str
    color: str | None
    box: Box


@dataclass(frozen=True)
class ImageItem:
    data: bytes
    box: Box


def _color(value: str | None) -> tuple[int, ...]:
    """An HTML colour as RGBA; black for an empty or unreadable one."""
    try:
        rgb = ImageColor.getrgb(value or DEFAULT_COLOR)
    except ValueError:
        rgb = ImageColor.getrgb(DEFAULT_COLOR)
    return rgb if len(rgb) == 4 else (*rgb, 255)


def _draw_text(canvas: Image.Image, item: TextItem) -> None:
    left, top, width, height = item.box
    if not item.text or width <= 0 or height <= 0:
        return
    fonts = {}

    def font(size: int) -> ImageFont.FreeTypeFont:
        if size not in fonts:
            fonts[size] = ImageFont.truetype(item.font_path, size)
        return fonts[size]

    def measure(size: int) -> tuple[int, int]:
        x0, y0, x1, y1 = font(size).getbbox(item.text)
        return (x1 - x0, y1 - y0)

    size = fit_text_size(measure, width, height, max_size=max(6, height))
    x0, y0, x1, y1 = font(size).getbbox(item.text)
    x = left + (width - (x1 - x0)) / 2 - x0
    y = top + (height - (y1 - y0)) / 2 - y0
    ImageDraw.Draw(canvas).text((x, y), item.text, font=font(size), fill=_color(item.color))


def _paste_image(canvas: Image.Image, item: ImageItem) -> None:
    with Image.open(io.BytesIO(item.data)) as picture:
        left, top, width, height = fit_inside(picture.width, picture.height, item.box)
        if not width or not height:
            return
        picture.draft("RGB", (width, height))  # JPEG: decode at a reduced scale when the box is smaller
        fitted = picture.convert("RGBA").resize((width, height), Image.Resampling.BILINEAR, reducing_gap=2.0)
        canvas.alpha_composite(fitted, (left, top))


def render_proof(base: bytes | None, texts: list[TextItem], images: list[ImageItem],
                 size: tuple[int, int] = BLANK_SIZE) -> bytes:
    """The proof as JPEG bytes, the size of the base image (a white canvas of ``size`` without one)."""
    if base:
        with Image.open(io.BytesIO(base)) as source:
            canvas = source.convert("RGBA")
    else:
        canvas = Image.new("RGBA", size, (255, 255, 255, 255))
    for item in images:
        _paste_image(canvas, item)
    for item in texts:
        _draw_text(canvas, item)
    output = io.BytesIO()
    canvas.convert("RGB").save(output, "JPEG", quality=88)
    return output.getvalue()
