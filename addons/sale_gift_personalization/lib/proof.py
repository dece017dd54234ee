"""The proof: the base image with each text in its font, colour and box, and each image fitted into its box.

Deterministic (the same inputs give the same bytes) and placed by ``layout``, the rules the live preview follows.
"""

import io
from dataclasses import dataclass

from PIL import Image, ImageColor, ImageDraw, ImageFont

from . import images as _registers_image_plugins  # noqa: F401  (PNG, JPEG and WebP inside Odoo)
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


def _scaled(box: Box, scale: float) -> Box:
    return tuple(round(value * scale) for value in box)


def _draw_text(canvas: Image.Image, item: TextItem, scale: float) -> None:
    left, top, width, height = _scaled(item.box, scale)
    if not item.text or width <= 0 or height <= 0:
        return
    regular = ImageFont.truetype(item.font_path, 12)
    fonts = {}

    def font(size: int) -> ImageFont.FreeTypeFont:
        if size not in fonts:
            fonts[size] = regular.font_variant(size=size)
        return fonts[size]

    def measure(size: int) -> tuple[int, int]:
        x0, y0, x1, y1 = font(size).getbbox(item.text)
        return (x1 - x0, y1 - y0)

    size = fit_text_size(measure, width, height, max_size=max(6, height))
    x0, y0, x1, y1 = font(size).getbbox(item.text)
    x = left + (width - (x1 - x0)) / 2 - x0
    y = top + (height - (y1 - y0)) / 2 - y0
    ImageDraw.Draw(canvas).text((x, y), item.text, font=font(size), fill=_color(item.color))


def _paste_image(canvas: Image.Image, item: ImageItem, scale: float) -> None:
    with Image.open(io.BytesIO(item.data)) as picture:
        left, top, width, height = fit_inside(picture.width, picture.height, _scaled(item.box, scale))
        if not width or not height:
            return
        picture.draft("RGB", (width, height))  # JPEG: decode at a reduced scale when the box is smaller
        has_alpha = picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info
        fitted = picture.convert("RGBA" if has_alpha else "RGB")
        fitted = fitted.resize((width, height), Image.Resampling.BILINEAR, reducing_gap=2.0)
        canvas.paste(fitted, (left, top), fitted if has_alpha else None)


def render_proof(base: bytes | None, texts: list[TextItem], images: list[ImageItem],
                 size: tuple[int, int] = BLANK_SIZE, max_side: int | None = None) -> bytes:
    """The proof as JPEG bytes: the base image (a white canvas of ``size`` without one), scaled down so that its
    longer side is at most ``max_side`` pixels when given; boxes are in pixels of the full-size base."""
    source = Image.open(io.BytesIO(base)) if base else None
    width, height = source.size if source else size
    scale = min(1.0, max_side / max(width, height)) if max_side else 1.0
    target = (max(1, round(width * scale)), max(1, round(height * scale)))
    if source:
        with source:
            source.draft("RGB", target)
            canvas = source.convert("RGB")
        if canvas.size != target:
            canvas = canvas.resize(target, Image.Resampling.BILINEAR, reducing_gap=2.0)
    else:
        canvas = Image.new("RGB", target, (255, 255, 255))
    for item in images:
        _paste_image(canvas, item, scale)
    for item in texts:
        _draw_text(canvas, item, scale)
    output = io.BytesIO()
    canvas.save(output, "JPEG", quality=85)
    return output.getvalue()
