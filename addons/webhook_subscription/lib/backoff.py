"""When to retry a failed delivery: exponential backoff over about a day, then give up."""

BASE_DELAY_SECONDS = 60
FACTOR = 3
MAX_DELAY_SECONDS = 6 * 3600
MAX_ATTEMPTS = 10


def next_delay(attempts: int) -> int | None:
    """Seconds to wait after `attempts` failed attempts before the next one; None once the last attempt failed."""
    if attempts < 1:
        raise ValueError("attempts must be at least 1")
    if attempts >= MAX_ATTEMPTS:
        return None
    return min(BASE_DELAY_SECONDS * FACTOR ** (attempts - 1), MAX_DELAY_SECONDS)
