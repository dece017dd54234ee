"""Shoe size systems and conversions through the foot length (mm), on a published chart."""

from __future__ import annotations

from dataclasses import dataclass, field

SIZE_SYSTEM_SELECTION: list[tuple[str, str]] = [
    ("eu", "EU"),
    ("uk", "UK"),
    ("us_men", "US men"),
    ("us_women", "US women"),
    ("jp", "JP (cm)"),
    ("vn", "VN"),
]
SIZE_SYSTEMS: tuple[str, ...] = tuple(code for code, _label in SIZE_SYSTEM_SELECTION)


class SizeError(ValueError):
    """A size, system or foot length that the chart cannot answer for."""


@dataclass(frozen=True)
class ChartRow:
    """One row of a size chart: a foot length and the size it gets in every system."""

    foot_mm: int
    sizes: dict[str, float] = field(hash=False)


# Stride default chart. Foot length is the Mondopoint measure (ISO 9407) rounded to 5 mm; EU uses Paris points
# (2/3 cm) with a 15 mm toe allowance, UK/US follow the adult barleycorn scale (US men = UK + 1,
# US women = UK + 2.5), JP is the foot length in cm, and Vietnamese shops label shoes with EU numbers.
_DEFAULT_ROWS: tuple[tuple[int, float, float, float, float, float], ...] = (
    # foot_mm, EU, UK, US men, US women, JP
    (220, 35, 2.5, 3.5, 5, 22),
    (225, 36, 3.5, 4.5, 6, 22.5),
    (230, 37, 4, 5, 6.5, 23),
    (240, 38, 5, 6, 7.5, 24),
    (245, 39, 6, 7, 8.5, 24.5),
    (250, 40, 6.5, 7.5, 9, 25),
    (260, 41, 7, 8, 9.5, 26),
    (265, 42, 8, 9, 10.5, 26.5),
    (270, 43, 9, 10, 11.5, 27),
    (280, 44, 9.5, 10.5, 12, 28),
    (285, 45, 10.5, 11.5, 13, 28.5),
    (290, 46, 11, 12, 13.5, 29),
    (300, 47, 12, 13, 14.5, 30),
    (305, 48, 13, 14, 15.5, 30.5),
)


def make_row(foot_mm: int, eu: float, uk: float, us_men: float, us_women: float, jp: float) -> ChartRow:
    """Build a chart row; the VN size is the EU size."""
    return ChartRow(
        foot_mm=int(foot_mm),
        sizes={"eu": eu, "uk": uk, "us_men": us_men, "us_women": us_women, "jp": jp, "vn": eu},
    )


DEFAULT_CHART: tuple[ChartRow, ...] = tuple(make_row(*row) for row in _DEFAULT_ROWS)


def check_system(system: str) -> str:
    """Return the system if it is known, else raise SizeError."""
    if system not in SIZE_SYSTEMS:
        raise SizeError(f"Unknown size system: {system!r}")
    return system


def parse_size(value: str | float) -> float:
    """Read a size label such as '42', '8.5' or '8,5' as a number; raise SizeError when it is not one."""
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = str(value).strip().replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            raise SizeError(f"Not a size: {value!r}") from None
    if number != number or number <= 0 or number > 1000:
        raise SizeError(f"Not a size: {value!r}")
    return number


def format_size(size: float) -> str:
    """Print a size without a useless decimal: 42.0 -> '42', 8.5 -> '8.5'."""
    return str(int(size)) if float(size).is_integer() else f"{size:g}"


def merge_charts(base: tuple[ChartRow, ...], override: tuple[ChartRow, ...]) -> tuple[ChartRow, ...]:
    """Chart where the override's rows replace the base rows of the same EU size."""
    overridden = {row.sizes["eu"] for row in override}
    rows = [row for row in base if row.sizes["eu"] not in overridden] + list(override)
    return tuple(sorted(rows, key=lambda row: (row.foot_mm, row.sizes["eu"])))


def _find_row(system: str, size: float, chart: tuple[ChartRow, ...]) -> ChartRow:
    check_system(system)
    for row in chart:
        if row.sizes.get(system) == size:
            return row
    raise SizeError(f"Size {format_size(size)} ({system}) is not on the size chart")


def size_to_foot_length(system: str, size: str | float, chart: tuple[ChartRow, ...] = DEFAULT_CHART) -> int:
    """Foot length in mm that a size of a system fits on the chart."""
    return _find_row(system, parse_size(size), chart).foot_mm


def foot_length_to_size(system: str, foot_mm: float, chart: tuple[ChartRow, ...] = DEFAULT_CHART) -> float:
    """Smallest size of the system whose foot length is at least the given one (a shoe must not be short)."""
    check_system(system)
    if not chart:
        raise SizeError("The size chart is empty")
    if foot_mm != foot_mm or foot_mm <= 0:
        raise SizeError(f"Not a foot length: {foot_mm!r}")
    for row in sorted(chart, key=lambda row: row.foot_mm):
        if row.foot_mm >= foot_mm and system in row.sizes:
            return row.sizes[system]
    raise SizeError(f"A foot of {foot_mm:g} mm is longer than the largest size on the chart")


def convert_size(
    size: str | float, from_system: str, to_system: str, chart: tuple[ChartRow, ...] = DEFAULT_CHART
) -> float:
    """Same shoe, labelled in another system."""
    row = _find_row(from_system, parse_size(size), chart)
    check_system(to_system)
    return row.sizes[to_system]


def size_buckets(system: str, chart: tuple[ChartRow, ...] = DEFAULT_CHART) -> list[tuple[float, int, int]]:
    """Sizes of a system with the foot lengths (low, high] each one fits, as foot_length_to_size picks them."""
    check_system(system)
    buckets: list[tuple[float, int, int]] = []
    low = 0
    for row in sorted(chart, key=lambda row: row.foot_mm):
        if system not in row.sizes:
            continue
        size = row.sizes[system]
        if buckets and buckets[-1][0] == size:
            buckets[-1] = (size, buckets[-1][1], row.foot_mm)
        else:
            buckets.append((size, low, row.foot_mm))
        low = row.foot_mm
    return buckets


def sizes_between(
    system: str, low: str | float, high: str | float, chart: tuple[ChartRow, ...] = DEFAULT_CHART
) -> list[float]:
    """Sizes of the chart in a system from low to high, both included and both required on the chart."""
    first = _find_row(system, parse_size(low), chart).sizes[system]
    last = _find_row(system, parse_size(high), chart).sizes[system]
    if first > last:
        first, last = last, first
    return sorted({row.sizes[system] for row in chart if first <= row.sizes[system] <= last})
