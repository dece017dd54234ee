"""Product pictures for the demo shop, drawn with Pillow: a stylised shoe (or gift box) with the brand initial.

``picture_spec`` is plain colour arithmetic; ``draw_picture`` renders a spec to PNG bytes in memory.
"""

import io
from dataclasses import dataclass

SILHOUETTES = ("runner", "sneaker", "loafer", "oxford", "boot", "sandal", "gift")

_SUPERSAMPLE = 2  # draw larger, then scale down: smooth edges without anti-aliasing primitives


@dataclass(frozen=True)
class PictureSpec:
    silhouette: str
    body_hex: str  # the upper, in the model's colour
    trim_hex: str  # a darker shade of the body for seams and details
    sole_hex: str
    accent_hex: str  # the brand's colour, behind the initial
    initial_hex: str  # readable on the accent
    background_hex: str
    initial: str


def hex_to_rgb(value: str) -> tuple[int, int, int]:
    """``"#1f3a5f"`` -> ``(31, 58, 95)``."""
    value = value.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"not a #rrggbb colour: {value!r}")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def rgb_to_hex(rgb: tuple[int, int, int]) -> str:
    """``(31, 58, 95)`` -> ``"#1f3a5f"``."""
    return "#" + "".join(f"{max(0, min(255, round(channel))):02x}" for channel in rgb)


def mix(colour: str, other: str, amount: float) -> str:
    """``colour`` moved ``amount`` (0..1) of the way towards ``other``."""
    start, end = hex_to_rgb(colour), hex_to_rgb(other)
    return rgb_to_hex(tuple(a + (b - a) * amount for a, b in zip(start, end)))


def luminance(colour: str) -> float:
    """Relative luminance in 0..1 (WCAG formula)."""
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    red, green, blue = (linear(channel) for channel in hex_to_rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def readable_on(colour: str) -> str:
    """Near-black or white, whichever reads better on ``colour``."""
    return "#1f1f24" if luminance(colour) > 0.35 else "#ffffff"


def picture_spec(silhouette: str, body_hex: str, accent_hex: str, initial: str) -> PictureSpec:
    """Every colour of a picture, derived from the model's colour and the brand's accent."""
    if silhouette not in SILHOUETTES:
        raise ValueError(f"unknown silhouette {silhouette!r}")
    light_body = luminance(body_hex) > 0.6
    return PictureSpec(
        silhouette=silhouette,
        body_hex=body_hex,
        trim_hex=mix(body_hex, "#000000", 0.35 if not light_body else 0.2),
        sole_hex="#3b3b40" if light_body or silhouette in ("oxford", "loafer", "boot") else "#f7f7f5",
        accent_hex=accent_hex,
        initial_hex=readable_on(accent_hex),
        background_hex=mix(body_hex, "#ffffff", 0.88) if not light_body else "#e9edf1",
        initial=initial[:1].upper(),
    )


def draw_picture(spec: PictureSpec, size: int = 512, font_path: str | None = None) -> bytes:
    """The picture as PNG bytes, ``size`` pixels square. ``font_path`` is a TrueType font for the initial."""
    from PIL import Image, ImageDraw, ImageFont  # noqa: PLC0415 - Pillow is only needed when drawing

    canvas = size * _SUPERSAMPLE
    image = Image.new("RGB", (canvas, canvas), spec.background_hex)
    draw = ImageDraw.Draw(image)

    def points(coords):
        return [(round(x * canvas), round(y * canvas)) for x, y in coords]

    # soft floor shadow
    draw.ellipse(box_of(points, (0.10, 0.76, 0.94, 0.85)), fill=mix(spec.background_hex, "#000000", 0.10))
    _SHAPES[spec.silhouette](draw, spec, points, canvas)

    badge = _BADGE_POSITION[spec.silhouette]
    radius = 0.06
    draw.ellipse(box_of(points, (badge[0] - radius, badge[1] - radius, badge[0] + radius, badge[1] + radius)),
                 fill=spec.accent_hex, outline=spec.trim_hex, width=max(2, canvas // 200))
    font_size = round(canvas * radius * 1.25)
    font = ImageFont.truetype(font_path, font_size) if font_path else ImageFont.load_default()
    draw.text((round(badge[0] * canvas), round(badge[1] * canvas)), spec.initial, fill=spec.initial_hex,
              font=font, anchor="mm")

    image = _fill_frame(image, spec.background_hex, margin=0.06).resize((size, size), Image.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _fill_frame(image, background_hex, margin):
    """The drawing centred and scaled so that it fills the square picture up to ``margin``."""
    from PIL import Image, ImageChops  # noqa: PLC0415

    side = image.width
    left, top, right, bottom = ImageChops.difference(image, Image.new("RGB", image.size, background_hex)).getbbox()
    extent = max(right - left, bottom - top) / (1 - 2 * margin)
    framed = Image.new("RGB", (round(extent), round(extent)), background_hex)
    framed.paste(image.crop((left, top, right, bottom)),
                 (round((extent - (right - left)) / 2), round((extent - (bottom - top)) / 2)))
    return framed.resize((side, side), Image.LANCZOS)


def smooth_outline(controls: list[tuple[float, float]], steps: int = 8) -> list[tuple[float, float]]:
    """A closed Catmull-Rom curve through ``controls``, as ``steps`` points per segment."""
    count = len(controls)
    outline = []
    for index in range(count):
        p0, p1, p2, p3 = (controls[(index + offset) % count] for offset in (-1, 0, 1, 2))
        for step in range(steps):
            t = step / steps
            outline.append(tuple(
                0.5 * (2 * b + (c - a) * t + (2 * a - 5 * b + 4 * c - d) * t * t + (3 * b - a - 3 * c + d) * t ** 3)
                for a, b, c, d in zip(p0, p1, p2, p3)
            ))
    return outline


def _outlined(draw, spec, points, canvas, controls, fill):
    outline = points(smooth_outline(controls))
    draw.polygon(outline, fill=fill)
    draw.line([*outline, outline[0]], fill=spec.trim_hex, width=max(3, canvas // 170), joint="curve")


def _lace_colour(spec):
    return "#f7f7f5" if luminance(spec.body_hex) < 0.5 else spec.trim_hex


def _laces(draw, spec, points, canvas, start, count):
    """Short strokes across the vamp, which slopes down towards the toe."""
    for index in range(count):
        x, y = start[0] + index * 0.045, start[1] + index * 0.04
        draw.line(points([(x - 0.02, y + 0.03), (x + 0.02, y - 0.03)]), fill=_lace_colour(spec), width=canvas // 70)


def _low_shoe(draw, spec, points, canvas, *, collar, toe, sole, heel_block=False):
    """Sole then upper of the low shoes (runner, sneaker, loafer, oxford); ``sole`` is (top, bottom)."""
    top, bottom = sole
    if heel_block:
        _outlined(draw, spec, points, canvas, [(0.15, bottom - 0.02), (0.26, bottom - 0.02), (0.26, bottom + 0.05),
                                               (0.15, bottom + 0.05)], spec.sole_hex)
    _outlined(draw, spec, points, canvas, [
        (0.11, top), (0.55, top + 0.01), (0.95, top - 0.03), (0.98, (top + bottom) / 2), (0.94, bottom),
        (0.50, bottom + 0.005), (0.12, bottom), (0.10, (top + bottom) / 2),
    ], spec.sole_hex)
    _outlined(draw, spec, points, canvas, [
        (0.13, top + 0.01), (0.12, 0.56), (0.14, collar - 0.02), (0.21, collar - 0.03), (0.31, collar + 0.02),
        (0.41, collar - 0.04), (0.45, collar - 0.10), (0.52, collar - 0.07), (0.64, toe - 0.08), (0.80, toe - 0.03),
        (0.91, toe), (0.95, top - 0.02), (0.55, top + 0.01),
    ], spec.body_hex)


def _draw_runner(draw, spec, points, canvas):
    _low_shoe(draw, spec, points, canvas, collar=0.47, toe=0.61, sole=(0.69, 0.78))
    draw.line(points([(0.30, 0.66), (0.46, 0.58), (0.64, 0.60), (0.80, 0.66)]), fill=spec.accent_hex,
              width=canvas // 40, joint="curve")
    _laces(draw, spec, points, canvas, (0.49, 0.43), 4)


def _draw_sneaker(draw, spec, points, canvas):
    _low_shoe(draw, spec, points, canvas, collar=0.45, toe=0.62, sole=(0.68, 0.79))
    draw.line(points([(0.12, 0.735), (0.96, 0.735)]), fill=spec.trim_hex, width=canvas // 220)
    draw.line(points([(0.72, 0.61), (0.80, 0.645), (0.92, 0.65)]), fill=spec.trim_hex, width=canvas // 180)
    _laces(draw, spec, points, canvas, (0.48, 0.42), 4)


def _draw_loafer(draw, spec, points, canvas):
    _low_shoe(draw, spec, points, canvas, collar=0.53, toe=0.61, sole=(0.70, 0.75), heel_block=True)
    draw.arc(box_of(points, (0.50, 0.50, 0.84, 0.68)), 195, 345, fill=spec.trim_hex, width=canvas // 120)
    draw.line(points([(0.47, 0.51), (0.62, 0.53)]), fill=spec.accent_hex, width=canvas // 60)


def _draw_oxford(draw, spec, points, canvas):
    _low_shoe(draw, spec, points, canvas, collar=0.50, toe=0.62, sole=(0.70, 0.745), heel_block=True)
    draw.line(points([(0.70, 0.57), (0.72, 0.70)]), fill=spec.trim_hex, width=canvas // 150)
    for index in range(6):
        x = 0.75 + index * 0.03
        draw.ellipse(box_of(points, (x - 0.005, 0.625, x + 0.005, 0.635)), fill=spec.trim_hex)
    _laces(draw, spec, points, canvas, (0.49, 0.46), 3)


def _draw_boot(draw, spec, points, canvas):
    _outlined(draw, spec, points, canvas, [(0.15, 0.74), (0.27, 0.74), (0.27, 0.81), (0.15, 0.81)], spec.sole_hex)
    _outlined(draw, spec, points, canvas, [
        (0.12, 0.70), (0.55, 0.71), (0.95, 0.69), (0.97, 0.73), (0.94, 0.77), (0.13, 0.77),
    ], spec.sole_hex)
    _outlined(draw, spec, points, canvas, [
        (0.15, 0.71), (0.15, 0.45), (0.16, 0.22), (0.22, 0.18), (0.40, 0.18), (0.45, 0.22), (0.46, 0.40),
        (0.52, 0.50), (0.68, 0.55), (0.86, 0.60), (0.94, 0.66), (0.55, 0.71),
    ], spec.body_hex)
    draw.rounded_rectangle(box_of(points, (0.23, 0.30, 0.38, 0.60)), radius=canvas // 30, fill=spec.trim_hex)
    draw.rounded_rectangle(box_of(points, (0.18, 0.13, 0.24, 0.24)), radius=canvas // 80, fill=spec.accent_hex)


def _draw_sandal(draw, spec, points, canvas):
    _outlined(draw, spec, points, canvas, [
        (0.10, 0.68), (0.50, 0.69), (0.93, 0.67), (0.96, 0.71), (0.93, 0.75), (0.50, 0.755), (0.11, 0.75),
    ], spec.sole_hex)
    draw.arc(box_of(points, (0.16, 0.50, 0.50, 0.88)), 200, 330, fill=spec.trim_hex, width=max(6, canvas // 45))
    _outlined(draw, spec, points, canvas, [
        (0.44, 0.685), (0.50, 0.58), (0.62, 0.53), (0.76, 0.55), (0.86, 0.62), (0.89, 0.68), (0.66, 0.69),
    ], spec.body_hex)
    draw.line(points([(0.56, 0.60), (0.70, 0.66)]), fill=spec.trim_hex, width=canvas // 150)


def _draw_gift(draw, spec, points, canvas):
    draw.rectangle(box_of(points, (0.20, 0.40, 0.80, 0.78)), fill=spec.body_hex)
    draw.rectangle(box_of(points, (0.16, 0.32, 0.84, 0.42)), fill=spec.trim_hex)
    draw.rectangle(box_of(points, (0.46, 0.32, 0.54, 0.78)), fill=spec.accent_hex)
    draw.ellipse(box_of(points, (0.33, 0.19, 0.50, 0.33)), outline=spec.accent_hex, width=canvas // 40)
    draw.ellipse(box_of(points, (0.50, 0.19, 0.67, 0.33)), outline=spec.accent_hex, width=canvas // 40)


def box_of(points, corners):
    """Pixel box of a (x0, y0, x1, y1) box given in fractions of the picture."""
    (x0, y0), (x1, y1) = points([corners[:2], corners[2:]])
    return [x0, y0, x1, y1]


_SHAPES = {
    "runner": _draw_runner,
    "sneaker": _draw_sneaker,
    "loafer": _draw_loafer,
    "oxford": _draw_oxford,
    "boot": _draw_boot,
    "sandal": _draw_sandal,
    "gift": _draw_gift,
}

# Where the round brand badge sits, as a fraction of the picture.
_BADGE_POSITION = {
    "runner": (0.24, 0.58),
    "sneaker": (0.24, 0.58),
    "loafer": (0.25, 0.61),
    "oxford": (0.25, 0.61),
    "boot": (0.30, 0.45),
    "sandal": (0.71, 0.58),
    "gift": (0.33, 0.59),
}
