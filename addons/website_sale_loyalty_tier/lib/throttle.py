"""Attempt limits for the shop's code field, and what a typed code may look like before it reaches the database.

Each key (a browser session, an IP address) keeps one counter of wrong codes in a fixed window: the window opens with
the key's first wrong code and lasts ``window``; ``limit`` wrong codes within it block the key until it closes.
A fixed window needs one row per key (updated in place, so two workers updating the same key conflict and one of
them is retried) where a sliding window would need a row per attempt.
"""

import hashlib
from datetime import datetime, timedelta

# Codes Odoo generates are 20 characters or fewer (``loyalty.card._generate_code``); anything much longer is not a code.
CODE_MAX_LENGTH = 64


def clean_code(code: object) -> str | None:
    """The code as typed, without surrounding blanks; None when it cannot be a code (not text, empty, too long)."""
    if not isinstance(code, str):
        return None
    code = code.strip()
    if not code or len(code) > CODE_MAX_LENGTH or not code.isprintable():
        return None
    return code


def session_key(session_id: str) -> str:
    """What the database keeps of a session id: its digest, never the id (a credential) itself."""
    return hashlib.sha256(session_id.encode()).hexdigest()


def window_is_open(window_start: datetime | None, window: timedelta, now: datetime) -> bool:
    """Whether a window that opened at ``window_start`` still counts at ``now``."""
    return window_start is not None and window_start <= now < window_start + window


def wait_time(failures: int, window_start: datetime | None, limit: int, window: timedelta, now: datetime) -> timedelta:
    """How long a key with ``failures`` wrong codes since ``window_start`` must wait before its next try (zero: none).

    ``limit`` <= 0 switches the limit off."""
    if limit <= 0 or failures < limit or not window_is_open(window_start, window, now):
        return timedelta(0)
    return window_start + window - now


def after_failure(
    failures: int, window_start: datetime | None, window: timedelta, now: datetime
) -> tuple[int, datetime]:
    """The key's counter after one more wrong code at ``now``: counted in the open window, or the first of a new one."""
    if window_is_open(window_start, window, now):
        return failures + 1, window_start
    return 1, now
