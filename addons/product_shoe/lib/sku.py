"""Readable SKUs and EAN-13 barcodes for the variants of a size run."""

from __future__ import annotations

import re
import unicodedata


def sku_token(text: str, length: int = 3) -> str:
    """Upper-case ASCII token of a label: 'Noir Mat' -> 'NOI', 'Đỏ' -> 'DO'."""
    ascii_text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = "".join(c for c in ascii_text if c.isascii() and c.isalnum())
    return ascii_text[:length].upper()


def build_sku(prefix: str, size: str, colour: str | None = None) -> str:
    """SKU from the pattern PREFIX[-COLOUR]-SIZE, e.g. 'TRAIL-BLA-42'."""
    parts = [re.sub(r"[^A-Za-z0-9]+", "-", prefix).strip("-").upper() or "SHOE"]
    if colour:
        parts.append(sku_token(colour))
    parts.append(size.replace(".", "H").replace(",", "H"))
    return "-".join(parts)


def ean13_check_digit(first12: str) -> str:
    """Check digit of the 12 first digits of an EAN-13."""
    if len(first12) != 12 or not first12.isdigit():
        raise ValueError(f"An EAN-13 needs 12 digits before its check digit, got {first12!r}")
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return str((10 - total % 10) % 10)


def internal_ean13(number: int) -> str:
    """EAN-13 in the in-store prefix range 200-299 (never clashes with GS1 codes) for a record number."""
    if number < 0 or number >= 10**9:
        raise ValueError(f"Cannot encode {number} in an internal EAN-13")
    body = f"200{number:09d}"
    return body + ean13_check_digit(body)
