"""MoMo's request and callback signatures: HMAC-SHA256 over a fixed "key=value&..." string (no ORM here).

MoMo signs the raw values, unescaped, in the alphabetical key order its documentation fixes for each message; the
signature is the lowercase hex digest with the merchant's secret key.
"""

import hashlib
import hmac

# The keys each message signs, in MoMo's order (API v2, "captureWallet").
CREATE_KEYS = (
    "accessKey", "amount", "extraData", "ipnUrl", "orderId", "orderInfo",
    "partnerCode", "redirectUrl", "requestId", "requestType",
)
# The IPN callback and the redirect back to the shop carry the same signed result.
RESULT_KEYS = (
    "accessKey", "amount", "extraData", "message", "orderId", "orderInfo", "orderType",
    "partnerCode", "payType", "requestId", "responseTime", "resultCode", "transId",
)
QUERY_KEYS = ("accessKey", "orderId", "partnerCode", "requestId")
# MoMo's integers (amounts, transaction ids, times in ms) are Java longs: 18 digits is plenty and bounds the work.
MAX_DIGITS = 18

REFUND_KEYS = ("accessKey", "amount", "description", "orderId", "partnerCode", "requestId", "transId")


def raw_signature(keys: tuple[str, ...], values: dict) -> str:
    """The string MoMo signs: ``key=value`` for each key, in the given order, joined by ``&``."""
    return "&".join(f"{key}={_text(values.get(key))}" for key in keys)


def sign(secret_key: str, raw: str) -> str:
    """HMAC-SHA256 of the raw string with the secret key, as lowercase hex."""
    return hmac.new(secret_key.encode(), raw.encode(), hashlib.sha256).hexdigest()


def sign_message(secret_key: str, keys: tuple[str, ...], values: dict) -> str:
    """The signature of a message: ``sign`` over its ``raw_signature``."""
    return sign(secret_key, raw_signature(keys, values))


def is_valid_signature(secret_key: str, keys: tuple[str, ...], values: dict, signature: object) -> bool:
    """Whether ``signature`` is the message's signature, compared in constant time; False for any other type."""
    if not secret_key or not isinstance(signature, str):
        return False
    expected = sign_message(secret_key, keys, values)
    # Bytes, so that a non-ASCII signature is simply unequal instead of a TypeError from compare_digest.
    return hmac.compare_digest(expected.encode(), signature.encode("utf-8", "surrogatepass"))


def result_values(data: object) -> dict[str, str] | None:
    """The signed fields of a payment result (IPN body or return query) as text, or None if one is missing or is
    not a string or an integer (MoMo sends nothing else: a float, a list or a boolean is not MoMo's) or holds a NUL."""
    if not isinstance(data, dict):
        return None
    values = {}
    for key in RESULT_KEYS[1:]:  # accessKey is ours, never in the message
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, str | int):
            return None
        values[key] = str(value)
        if "\x00" in values[key]:  # never MoMo's, and PostgreSQL refuses it in text (a search would fail)
            return None
    return values


def parse_integer(value: object) -> int | None:
    """A non-negative integer (amount in VND, result code) as MoMo writes it: an integer, or ASCII digits; else None.

    ``int()`` would read ``"٣٠٠٠"`` or ``"²"`` as digits; MoMo never sends them, so they are refused here.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= MAX_DIGITS:
        value = int(value)
    if isinstance(value, int) and 0 <= value < 10**MAX_DIGITS:
        return value
    return None


def _text(value: object) -> str:
    return "" if value is None else str(value)
