"""Fixed request windows: which window a moment falls in, and how long until it ends."""

import math

HOUR = 3600


def window_start(now: float, period: int = HOUR) -> int:
    """Start, in epoch seconds, of the fixed `period`-second window holding the epoch time `now`."""
    if period <= 0:
        raise ValueError("period must be positive")
    return int(now // period) * period


def retry_after(now: float, period: int = HOUR) -> int:
    """Whole seconds from `now` until its window ends, the Retry-After of a refusal: 1 to `period`."""
    return math.ceil(window_start(now, period) + period - now)
