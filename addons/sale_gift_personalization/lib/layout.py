"""Geometry shared by the live preview and the proof: percent boxes to pixels, and the text size that fits a box.

The rule both sides follow: the print area is a rectangle in pixels of the base image; a field's box is given in
percent of the print area; a text is drawn at the largest size (at most ``max_size``) whose ink fits the box, centred
in it; an image is scaled to fit inside its box (aspect kept) and centred.
"""

from collections.abc import Callable

Box = tuple[int, int, int, int]  # left, top, width, height in pixels


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def area_in_base(base_width: int, base_height: int, area: Box) -> Box:
    """The print area clamped to the base image; the whole base when the area has no size."""
    left, top, width, height = area
    if width <= 0 or height <= 0:
        return (0, 0, base_width, base_height)
    left = int(_clamp(left, 0, base_width))
    top = int(_clamp(top, 0, base_height))
    return (left, top, int(_clamp(width, 0, base_width - left)), int(_clamp(height, 0, base_height - top)))


def box_to_pixels(area: Box, box_percent: tuple[float, float, float, float]) -> Box:
    """A box given in percent (left, top, width, height; 0-100) of the area, in pixels of the base image."""
    area_left, area_top, area_width, area_height = area
    left, top, width, height = (_clamp(v, 0.0, 100.0) for v in box_percent)
    width = min(width, 100.0 - left)
    height = min(height, 100.0 - top)
    return (
        area_left + round(area_width * left / 100.0),
        area_top + round(area_height * top / 100.0),
        round(area_width * width / 100.0),
        round(area_height * height / 100.0),
    )


def fit_text_size(measure: Callable[[int], tuple[int, int]], box_width: int, box_height: int,
                  max_size: int, min_size: int = 6) -> int:
    """The largest font size in [min_size, max_size] whose measured (width, height) fits the box (min_size if none)."""
    low, high, best = min_size, max(min_size, max_size), min_size
    while low <= high:
        size = (low + high) // 2
        width, height = measure(size)
        if width <= box_width and height <= box_height:
            best, low = size, size + 1
        else:
            high = size - 1
    return best


def fit_inside(width: int, height: int, box: Box) -> Box:
    """An image of width x height scaled to fit inside the box, aspect kept, centred."""
    box_left, box_top, box_width, box_height = box
    if width <= 0 or height <= 0 or box_width <= 0 or box_height <= 0:
        return (box_left, box_top, 0, 0)
    scale = min(box_width / width, box_height / height)
    new_width, new_height = max(1, round(width * scale)), max(1, round(height * scale))
    return (box_left + (box_width - new_width) // 2, box_top + (box_height - new_height) // 2, new_width, new_height)
