"""Lots of earned points: FIFO consumption, expiry and reminders (no ORM).

A lot is a history line that issued points; a spending, expiry or reversal line consumes lots. Replaying a card's
history in order gives what remains of each lot, so the stored ``points_remaining`` can always be rebuilt.
"""

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

EPSILON = 1e-6


@dataclass
class Lot:
    key: Hashable
    remaining: float
    expiry: date | None = None


@dataclass
class Entry:
    """One history line, in the order it was written: it issues a lot and/or consumes points."""

    key: Hashable
    issued: float = 0.0
    used: float = 0.0
    expiry: date | None = None
    consume_first: tuple = field(default_factory=tuple)


def fifo_order(lots: Iterable[Lot], first: Iterable[Hashable] = ()) -> list[Lot]:
    """Lots in the order they are consumed: the named ones first, then the soonest to expire, the oldest first."""
    first = list(first)
    rank = {key: index for index, key in enumerate(first)}
    return sorted(
        lots,
        key=lambda lot: (
            rank.get(lot.key, len(first)),
            lot.expiry is None,
            lot.expiry or date.max,
        ),
    )


def consume(lots: list[Lot], amount: float, first: Iterable[Hashable] = ()) -> tuple[dict, float]:
    """Take ``amount`` from the lots (FIFO, ``first`` keys before the others); returns what each lot gave and the
    part no lot could cover. The lots are updated in place."""
    taken = {}
    left = amount
    for lot in fifo_order(lots, first):
        if left <= EPSILON:
            break
        part = min(lot.remaining, left)
        if part > EPSILON:
            lot.remaining -= part
            taken[lot.key] = taken.get(lot.key, 0.0) + part
            left -= part
    return taken, max(left, 0.0) if left > EPSILON else 0.0


def replay(entries: Iterable[Entry]) -> tuple[dict, float]:
    """What remains of each lot after the entries, in order, and the debt: points consumed that no lot covered
    (a reversal of points already spent), which the next lots pay back first."""
    lots: list[Lot] = []
    debt = 0.0
    for entry in entries:
        if entry.issued > EPSILON:
            repaid = min(debt, entry.issued)
            debt -= repaid
            lots.append(Lot(entry.key, entry.issued - repaid, entry.expiry))
        if entry.used > EPSILON:
            _taken, short = consume(lots, entry.used, entry.consume_first)
            debt += short
    return {lot.key: round(lot.remaining, 6) for lot in lots}, round(debt, 6)


def expired_lots(lots: Iterable[Lot], today: date) -> list[Lot]:
    """Lots with points left past their expiry date (points are valid up to and including that date)."""
    return [lot for lot in lots if lot.expiry and lot.expiry < today and lot.remaining > EPSILON]


def reminder_due(expiry: date | None, remind_days: int, today: date, sent: date | None) -> bool:
    """Whether the reminder of a lot is due today: within ``remind_days`` of its expiry, not expired, never sent."""
    if not expiry or remind_days <= 0 or sent:
        return False
    return expiry - timedelta(days=remind_days) <= today <= expiry


def next_expiry(lots: Iterable[Lot], today: date) -> tuple[date | None, float]:
    """The next date points expire on (today or later) and how many points expire then."""
    upcoming = [lot for lot in lots if lot.expiry and lot.expiry >= today and lot.remaining > EPSILON]
    if not upcoming:
        return None, 0.0
    first = min(lot.expiry for lot in upcoming)
    return first, round(sum(lot.remaining for lot in upcoming if lot.expiry == first), 6)
