"""The e-mailed one-time code of a signup confirmation: 6 digits, kept only as a keyed hash, short-lived, few tries."""

import hashlib
import hmac
import re
import secrets
import unicodedata
from datetime import datetime, timedelta

CODE_LENGTH = 6
CODE_VALIDITY = timedelta(minutes=15)
MAX_ATTEMPTS = 5  # wrong codes before the code is spent and a new one must be sent
RESEND_COOLDOWN = timedelta(seconds=60)
MAX_SENDS = 5  # codes mailed for one signup: with MAX_ATTEMPTS, at most 25 guesses out of a million

OK = "ok"
MALFORMED = "malformed"
WRONG = "wrong"
EXPIRED = "expired"
LOCKED = "locked"


def generate_code() -> str:
    """A fresh code: CODE_LENGTH decimal digits from the system's CSPRNG, leading zeros kept."""
    return f"{secrets.randbelow(10**CODE_LENGTH):0{CODE_LENGTH}d}"


def normalize_code(raw: str | None) -> str | None:
    """The code as ASCII digits, or None when it is not exactly CODE_LENGTH decimal digits.

    Spaces and dashes a reader may type between digit groups are dropped, and decimal digits of other scripts
    (Arabic-Indic ``٣``, full-width ``３``) count as their ASCII value; other digit-like characters (``²``, ``①``)
    are not decimal digits and make the code malformed.
    """
    if not isinstance(raw, str) or len(raw) > 64:
        return None
    compact = re.sub(r"[\s\-]", "", raw)
    if len(compact) != CODE_LENGTH:
        return None
    digits = []
    for char in compact:
        value = unicodedata.decimal(char, None)
        if value is None:
            return None
        digits.append(str(value))
    return "".join(digits)


def hash_code(code: str, key: bytes) -> str:
    """Keyed hash (HMAC-SHA256, hex) of a normalized code: what is stored instead of the code."""
    return hmac.new(key, code.encode("ascii"), hashlib.sha256).hexdigest()


def check_code(
    submitted: str | None,
    stored_hash: str | None,
    key: bytes,
    expires_at: datetime | None | bool,
    attempts: int,
    now: datetime,
) -> str:
    """Verdict on a submitted code: OK, MALFORMED, WRONG, EXPIRED or LOCKED (too many wrong tries, or no code)."""
    if not stored_hash or attempts >= MAX_ATTEMPTS:
        return LOCKED
    if not expires_at or now >= expires_at:
        return EXPIRED
    code = normalize_code(submitted)
    if code is None:
        return MALFORMED
    return OK if hmac.compare_digest(hash_code(code, key), stored_hash) else WRONG


def resend_wait(last_sent_at: datetime | None | bool, sends: int, now: datetime) -> timedelta | None:
    """How long before another code may be mailed: zero when now, None when this signup may get no more codes."""
    if sends >= MAX_SENDS:
        return None
    if not last_sent_at:  # None, or the ORM's False for an empty date
        return timedelta(0)
    return max(timedelta(0), last_sent_at + RESEND_COOLDOWN - now)
