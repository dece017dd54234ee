"""Validation of a personalised text: NFC normalisation, length, allowed characters, no control or bidi tricks."""

import string
import unicodedata

# Explicit direction marks, embeddings, overrides and isolates: they reorder what the engraver reads
# ("Trojan Source"), so a text carrying one is refused rather than silently cleaned.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Joiners some scripts (Persian, Indic) need between letters.
JOINERS = frozenset("\u200c\u200d")
ASCII_DIGITS = frozenset(string.digits)
CHARSETS = ("latin", "letters", "digits")


def normalize_text(value: str | None) -> str:
    """The text as stored and engraved: NFC-normalised, outer whitespace removed ('' for None)."""
    return unicodedata.normalize("NFC", value or "").strip()


def _is_punctuation_or_space(char: str) -> bool:
    return char == " " or unicodedata.category(char)[0] == "P"


def _allowed(char: str, charset: str) -> bool:
    if charset == "digits":
        return char in ASCII_DIGITS or char == " "
    # A "<script>" payload is acceptable text: it is escaped wherever it is shown, never refused as a symbol.
    if _is_punctuation_or_space(char) or char in string.punctuation or char in "€£¥₫":
        return True
    category = unicodedata.category(char)
    if charset == "latin":
        if char in ASCII_DIGITS:
            return True
        return category[0] in "LM" and unicodedata.name(char, "").startswith(("LATIN", "COMBINING"))
    # letters of any language: letters, their combining marks, digits of any script, joiners
    return category[0] in "LM" or category == "Nd" or char in JOINERS


def text_error(value: str, max_length: int, charset: str) -> tuple[str, str] | None:
    """Why a normalised text is refused, as (reason, offending character or ''); None when it is acceptable.

    Reasons: 'control' (control or invisible format character), 'bidi' (direction override), 'length' (longer
    than max_length characters, when max_length > 0), 'charset' (a character outside the allowed class).
    """
    if charset not in CHARSETS:
        raise ValueError(f"unknown charset {charset!r}")
    for char in value:
        if char in BIDI_CONTROLS:
            return ("bidi", char)
        category = unicodedata.category(char)
        if category in ("Cc", "Cs", "Co", "Cn") or (category == "Cf" and char not in JOINERS):
            return ("control", char)
    if max_length > 0 and len(value) > max_length:
        return ("length", "")
    for char in value:
        if not _allowed(char, charset):
            return ("charset", char)
    return None
