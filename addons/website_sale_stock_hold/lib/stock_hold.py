"""Arithmetic of the short, bounded hold a cart takes on stock while its customer pays."""

from datetime import datetime, timedelta


def sellable_qty(free_qty: float, held_by_other_carts: float) -> float:
    """What one cart may still take: free stock less what other carts hold while paying, never below zero."""
    return max(free_qty - held_by_other_carts, 0.0)


def hold_until(now: datetime, first_held: datetime | None, minutes: int, max_minutes: int) -> datetime | None:
    """End of the hold a payment attempt takes now; None once the order has had its longest hold."""
    start = first_held or now
    until = min(now + timedelta(minutes=minutes), start + timedelta(minutes=max_minutes))
    return until if until > now else None
