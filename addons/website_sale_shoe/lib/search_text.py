"""Normalisation of shop search text: accent- and case-insensitive words, safe for SQL LIKE patterns."""

from __future__ import annotations

import re
import unicodedata

# Letters that Unicode does not decompose into a base letter plus an accent.
_SPECIAL_LETTERS = str.maketrans({"đ": "d", "ð": "d", "ø": "o", "ł": "l", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i"})
_NON_WORD = re.compile(r"[\W_]+")
_LETTER_RUN = re.compile(r"[^\W\d_]{3,}")
_ASCII_WORD = re.compile(r"[a-z]{3,}")

MAX_QUERY_CHARS = 200
MAX_TERMS = 8
MIN_TYPO_TERM_LENGTH = 4


def normalize(text: str | None) -> str:
    """Lower-case ASCII-folded words separated by single spaces: 'Giày Chạy-Bộ!' -> 'giay chay bo'."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKD", text.lower().translate(_SPECIAL_LETTERS))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", folded).strip()


def search_terms(query: str | None) -> list[str]:
    """Distinct normalised words of a query, bounded in length and number; no LIKE wildcard can survive."""
    words = normalize((query or "")[:MAX_QUERY_CHARS]).split()
    return list(dict.fromkeys(words))[:MAX_TERMS]


def parse_synonyms(line: str | None) -> tuple[str, ...]:
    """Normalised members of a synonym line such as 'Sneaker, trainer; basket'."""
    members = (normalize(part) for part in re.split(r"[,;\n]", line or ""))
    return tuple(dict.fromkeys(member for member in members if member))


def expand_terms(terms: list[str], synonym_groups: tuple[tuple[str, ...], ...]) -> list[tuple[str, ...]]:
    """For each term, the alternatives that may match it: itself first, then its synonyms."""
    expanded = []
    for term in terms:
        alternatives = [term]
        for group in synonym_groups:
            if term in group:
                alternatives.extend(member for member in group if member not in alternatives)
        expanded.append(tuple(alternatives))
    return expanded


def join_fields(values: list[str | None]) -> str:
    """One searchable text from several labels, each normalised, without repeats, separated by ' | '."""
    parts = (normalize(value) for value in values)
    return " | ".join(dict.fromkeys(part for part in parts if part))


def distinct_words(values: list[str | None]) -> str:
    """Normalised words of several labels, each once in first-seen order: 'A-1', 'A-2' -> 'a 1 2'."""
    return " ".join(dict.fromkeys(word for value in values for word in normalize(value).split()))


def is_one_typo_away(typed: str, word: str) -> bool:
    """Whether two different words differ by one insertion, deletion, substitution or swap of neighbours."""
    if typed == word or abs(len(typed) - len(word)) > 1:
        return False
    if len(typed) == len(word):
        diffs = [i for i, (a, b) in enumerate(zip(typed, word, strict=True)) if a != b]
        if len(diffs) == 1:
            return True
        i = diffs[0]
        return len(diffs) == 2 and diffs[1] == i + 1 and typed[i] == word[i + 1] and typed[i + 1] == word[i]
    shorter, longer = sorted((typed, word), key=len)
    i = next((i for i, (a, b) in enumerate(zip(shorter, longer, strict=False)) if a != b), len(shorter))
    return shorter[i:] == longer[i + 1 :]


def dictionary_words(text: str) -> set[str]:
    """Runs of three or more letters of a folded search text: 'trail-42 abc123' -> {'trail', 'abc'}."""
    return set(_LETTER_RUN.findall(text))


def prunable_words(alternatives: list[tuple[str, ...]]) -> list[str]:
    """Words of the alternatives whose absence from the dictionary proves the alternative matches nothing.

    Only plain ASCII words of three or more letters qualify: any occurrence of one in a folded text lies inside a run of
    letters that the dictionary holds.
    """
    words = (word for group in alternatives for alternative in group for word in alternative.split())
    return sorted({word for word in words if _ASCII_WORD.fullmatch(word)})


def prune_alternatives(alternatives: list[tuple[str, ...]], absent: set[str]) -> list[tuple[str, ...]]:
    """Alternatives without those holding a word found in no catalogue word; a term keeps its first if none is left."""
    return [
        tuple(alternative for alternative in group if absent.isdisjoint(alternative.split())) or group[:1]
        for group in alternatives
    ]
