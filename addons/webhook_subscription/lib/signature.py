"""Signing of webhook deliveries: `X-Stride-Signature: t=<unix time>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`."""

import hashlib
import hmac
from collections.abc import Iterable

SCHEME = "v1"
TOLERANCE_SECONDS = 300


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """Hex HMAC-SHA256 of `<timestamp>.<body>` with `secret`."""
    return hmac.new(secret.encode(), b"%d." % timestamp + body, hashlib.sha256).hexdigest()


def signature_header(secrets: Iterable[str], timestamp: int, body: bytes) -> str:
    """The header value: one `v1=` per secret, so that a receiver still holding the previous secret verifies during a
    rotation's grace period."""
    return ",".join([f"t={timestamp}"] + [f"{SCHEME}={sign(secret, timestamp, body)}" for secret in secrets if secret])


def verify(header: str, body: bytes, secret: str, now: int, tolerance: int = TOLERANCE_SECONDS) -> bool:
    """Whether `header` carries a valid signature of `body` by `secret`, made within `tolerance` seconds of `now`."""
    timestamp, signatures = None, []
    for item in (header or "").split(","):
        key, _sep, value = item.strip().partition("=")
        if key == "t" and value.isascii() and value.isdigit():
            timestamp = int(value)
        elif key == SCHEME:
            signatures.append(value)
    if timestamp is None or abs(now - timestamp) > tolerance:
        return False
    expected = sign(secret, timestamp, body)
    return any(value.isascii() and hmac.compare_digest(expected, value) for value in signatures)
