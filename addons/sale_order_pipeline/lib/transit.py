"""Carrier in-transit updates: how one update is told apart from a retry of it, and how a carrier signs its calls."""

import hashlib
import hmac
from datetime import UTC, datetime

SIGNATURE_PREFIX = "sha256="


def event_key(status: str, event_time: str, location: str | None = None, carrier_ref: str | None = None) -> str:
    """The identity of one carrier update: its own reference when the carrier gives one, else what it says."""
    if carrier_ref and carrier_ref.strip():
        return f"ref:{carrier_ref.strip()}"
    return f"at:{status}|{event_time}|{(location or '').strip().lower()}"


def sign(secret: str, body: bytes) -> str:
    """The signature header value a carrier sends with `body`: HMAC-SHA256 of the raw body, hex encoded."""
    return SIGNATURE_PREFIX + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def is_signed(secret: str, body: bytes, signature: str | None) -> bool:
    """Whether `signature` is the right one for `body` (constant-time comparison; no secret means refused)."""
    if not secret or not signature:
        return False
    return hmac.compare_digest(sign(secret, body), signature.strip())


def parse_event_time(value: str) -> datetime:
    """A carrier's ISO 8601 time as naive UTC (how Odoo stores datetimes); ValueError when it is not one."""
    moment = datetime.fromisoformat(value.strip())
    if moment.tzinfo:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.replace(microsecond=0)
