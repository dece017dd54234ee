"""Carrier in-transit updates: how one update is told apart from a retry of it, how a carrier signs its calls, and
what a well-formed call carries."""

import hashlib
import hmac
import json
import re
from datetime import UTC, datetime
from urllib.parse import urlsplit

SIGNATURE_PREFIX = "sha256="
# A signed call is accepted this long after (or before, for clocks running ahead) the time it carries.
MAX_CLOCK_SKEW = 300
# Far more than any update needs; the callback refuses a larger body without reading it.
MAX_BODY_BYTES = 16 * 1024
MAX_FIELD_LENGTH = 512

REQUIRED_FIELDS = ("tracking_ref", "status")
OPTIONAL_FIELDS = ("location", "time", "event_id", "note")

# ASCII only: int() would also read "٣" or "²", which no carrier sends.
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_SIGNATURE = re.compile(SIGNATURE_PREFIX + r"[0-9a-f]{64}")


def event_key(status: str, event_time: str, location: str | None = None, carrier_ref: str | None = None) -> str:
    """The identity of one carrier update: its own reference when the carrier gives one, else what it says."""
    if carrier_ref and carrier_ref.strip():
        return f"ref:{carrier_ref.strip()}"
    return f"at:{status}|{event_time}|{(location or '').strip().lower()}"


def callback_event_ref(event_id: str | None, body: bytes) -> str:
    """The reference of an update pushed to the callback: the carrier's event id, else a digest of the body.

    A replayed or retried call carries the same body, so it names the same update even without an event id.
    """
    if event_id and event_id.strip():
        return event_id.strip()
    return "sha256:" + hashlib.sha256(body).hexdigest()


def sign(secret: str, timestamp: int | str, body: bytes) -> str:
    """The signature header value for `body` sent at `timestamp` (Unix seconds): HMAC-SHA256 of "timestamp.body"."""
    message = str(timestamp).encode() + b"." + body
    return SIGNATURE_PREFIX + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_refusal(secret: str, body: bytes, timestamp: str | None, signature: str | None, now: float) -> str | None:
    """Why a call is refused (a code), or None when `signature` signs `timestamp` and `body` within the time window.

    Codes: "no_timestamp", "bad_timestamp", "stale", "no_signature", "bad_signature_format", "bad_signature".
    The comparison is constant-time, and only ASCII values are compared.
    """
    if not timestamp:
        return "no_timestamp"
    if not _TIMESTAMP.fullmatch(timestamp.strip()):
        return "bad_timestamp"
    if abs(now - int(timestamp)) > MAX_CLOCK_SKEW:
        return "stale"
    if not signature:
        return "no_signature"
    signature = signature.strip()
    if not _SIGNATURE.fullmatch(signature):
        return "bad_signature_format"
    if not secret or not hmac.compare_digest(sign(secret, timestamp.strip(), body), signature):
        return "bad_signature"
    return None


def parse_update(body: bytes) -> tuple[dict[str, str | None], str | None]:
    """The fields of a carrier update from a JSON body, and None; or an empty dict and what is wrong with it."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return {}, "The body is not JSON."
    if not isinstance(data, dict):
        return {}, "The body must be a JSON object."
    update: dict[str, str | None] = {}
    for name in REQUIRED_FIELDS + OPTIONAL_FIELDS:
        value = data.get(name)
        if name in OPTIONAL_FIELDS and (value is None or (isinstance(value, str) and not value.strip())):
            update[name] = None
            continue
        if not isinstance(value, str) or not value.strip():
            return {}, f"{name} must be a non-empty string."
        if len(value) > MAX_FIELD_LENGTH or not value.isprintable():
            return {}, f"{name} must be printable text of at most {MAX_FIELD_LENGTH} characters."
        update[name] = value.strip()
    return update, None


def is_web_url(url: str | None) -> bool:
    """Whether `url` is an absolute http(s) link with a host, fit to show as a link to a customer."""
    if not url or url != url.strip() or any(char.isspace() or not char.isprintable() for char in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def parse_event_time(value: str) -> datetime:
    """A carrier's ISO 8601 time as naive UTC (how Odoo stores datetimes); ValueError when it is not one."""
    moment = datetime.fromisoformat(value.strip())
    if moment.tzinfo:
        try:
            moment = moment.astimezone(UTC).replace(tzinfo=None)
        except OverflowError as exc:
            raise ValueError(f"{value} is out of range") from exc
    return moment.replace(microsecond=0)
