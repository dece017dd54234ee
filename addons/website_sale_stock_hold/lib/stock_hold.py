"""Arithmetic of the short hold a cart takes on stock while its customer pays."""


def sellable_qty(free_qty: float, held_by_other_carts: float) -> float:
    """What one cart may still take: free stock less what other carts hold while paying, never below zero."""
    return max(free_qty - held_by_other_carts, 0.0)


def is_short(wanted_qty: float, free_qty: float, held_by_other_carts: float) -> bool:
    """Whether a cart asking for `wanted_qty` cannot be served from what is left for it."""
    return wanted_qty > sellable_qty(free_qty, held_by_other_carts)
