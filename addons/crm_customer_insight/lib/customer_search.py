"""Normalisation of what staff type to find a customer: names without accents, phones in any format.

Stored search columns and search terms go through the same functions, so a plain (trigram-indexed) substring match
on the stored column finds the customer whatever the spelling of the term.
"""

import re
import unicodedata

# Letters that carry no combining mark to strip (NFKD leaves them alone) but that people type without it.
_LETTER_FOLDS = str.maketrans({"đ": "d", "ð": "d", "ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i"})
_SPACES = re.compile(r"\s+")
# What a phone term may hold besides digits: a term with letters ("SO0042", "Nguyen 2") is no phone number.
_PHONE_PUNCTUATION = set(" +-.()/\u00a0")
# Fewer digits match too many numbers to be worth a search, and trigram indexes need three characters anyway.
MIN_PHONE_DIGITS = 4
# Shortest national number left after removing a country calling code from a term.
MIN_NATIONAL_DIGITS = 6
# Numbers written without "+" or "00" are taken as international when they are this long (E.164 with its code).
MIN_INTERNATIONAL_DIGITS = 11


def fold_text(value: str | None) -> str:
    """Lower case, accents removed ("Nguyễn Đức" -> "nguyen duc"), spaces collapsed; '' for nothing."""
    if not value:
        return ""
    text = unicodedata.normalize("NFKD", value.casefold())
    text = "".join(char for char in text if not unicodedata.combining(char)).translate(_LETTER_FOLDS)
    return _SPACES.sub(" ", text).strip()


def ascii_digits(value: str | None) -> str:
    """The decimal digits of a text, in ASCII ("٠٩١٢" -> "0912"); other characters, "²" included, are dropped."""
    if not value:
        return ""
    return "".join(str(unicodedata.decimal(char)) for char in value if unicodedata.decimal(char, None) is not None)


def _split_calling_code(digits: str, calling_codes: frozenset[str]) -> tuple[str, str] | None:
    """(calling code, national number) of an international number, by its longest known calling code."""
    for length in (3, 2, 1):
        code = digits[:length]
        if code in calling_codes and len(digits) - length >= MIN_NATIONAL_DIGITS:
            return code, digits[length:]
    return None


def _international_prefix(value: str) -> str | None:
    """The digits after "+" or "00", or None when the number is written without an international prefix."""
    stripped = value.lstrip(" (\u00a0")
    if stripped.startswith("+"):
        return ascii_digits(stripped)
    digits = ascii_digits(stripped)
    if digits.startswith("00"):
        return digits[2:]
    return None


def phone_keys(phone: str | None, country_code: str | None, calling_codes: frozenset[str]) -> list[str]:
    """The forms a stored phone is found by: its national number (without trunk 0) and its international digits.

    ``country_code`` is the calling code of the customer's country ("84"), used for numbers written nationally
    ("0912 345 678" -> ["912345678", "84912345678"]).
    """
    digits = ascii_digits(phone)
    if len(digits) < MIN_PHONE_DIGITS:
        return []
    international = _international_prefix(phone)
    if international is not None:
        split = _split_calling_code(international, calling_codes)
        return [split[1], international] if split else [international]
    national = digits[1:] if digits.startswith("0") else digits
    keys = [national]
    if country_code and not national.startswith(country_code):
        keys.append(country_code + national)
    return keys


def phone_search_terms(term: str | None, calling_codes: frozenset[str]) -> list[str]:
    """The substrings to look for in the stored phone keys, or [] when the term is not a phone number."""
    if not term or any(not char.isdigit() and char not in _PHONE_PUNCTUATION for char in term):
        return []
    digits = ascii_digits(term)
    if len(digits) < MIN_PHONE_DIGITS:
        return []
    international = _international_prefix(term)
    if international is None and len(digits) >= MIN_INTERNATIONAL_DIGITS and not digits.startswith("0"):
        international = digits
    if international is not None:
        split = _split_calling_code(international, calling_codes)
        return [international, split[1]] if split else [international]
    return [digits[1:] if digits.startswith("0") else digits]
