"""Normalisation of shop search text: accent- and case-insensitive words, safe for SQL LIKE patterns."""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass

# Letters that Unicode does not decompose into a base letter plus an accent.
_SPECIAL_LETTERS = str.maketrans({"đ": "d", "ð": "d", "ø": "o", "ł": "l", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i"})
_NON_WORD = re.compile(r"[\W_]+")
_LETTER_RUN = re.compile(r"[^\W\d_]{3,}")
_ASCII_WORD = re.compile(r"[a-z]{3,}")

MAX_QUERY_CHARS = 200
MAX_TERMS = 8
MIN_TYPO_TERM_LENGTH = 4
# From this length on, a searched word may hold two typos ("bellwheter" for "bellwether"); shorter words one.
TWO_TYPOS_TERM_LENGTH = 8
# Inflections (plural, gender) of a catalogue word share its first letters: at least this many, and this share of the
# longer word.
MIN_STEM_LENGTH = 5
STEM_SHARE = 0.6
# Words saying "shoe" in the shop's languages (folded): every product of a shoe shop is one, so a search need not
# find them ("running shoes" is "running"); a search made of them only lists the shoes.
GENERIC_WORDS = frozenset(
    {"shoe", "shoes", "footwear", "giay", "zapato", "zapatos", "calzado", "chaussure", "chaussures", "schuh", "schuhe"}
    | {"鞋", "鞋子", "鞋类"}
)
# Words that carry no product meaning beside others: small words ("chaussures pour femme") and words for sports shoes
# in general ("zapatillas de running", "baskets de course"). Alone, they are searched.
WEAK_WORDS = frozenset(
    {"zapatilla", "zapatillas", "basket", "baskets"}
    | {"a", "an", "and", "for", "in", "of", "the", "with", "cho", "va", "cua", "loai", "doi"}
    | {"de", "del", "el", "la", "las", "los", "para", "con", "y", "en", "un", "una"}
    | {"au", "aux", "des", "du", "et", "le", "les", "pour", "avec", "une"}
    | {"der", "die", "das", "den", "fur", "mit", "und", "ein", "eine"}
    | {"的", "双"}
)
# Words naming who a shoe is for (folded, the six shop languages): they filter on the shoe's gender rather than
# match text, where "men" would be found inside "women".
GENDER_WORDS = {
    "men": {"men", "man", "mens", "male", "nam", "hombre", "hombres", "caballero", "caballeros"}
    | {"homme", "hommes", "herren", "herrenschuhe", "mann", "manner", "男", "男士", "男款", "男鞋"},
    "women": {"women", "woman", "womens", "ladies", "lady", "female", "nu", "phu nu", "mujer", "mujeres", "dama"}
    | {"damas", "femme", "femmes", "damen", "damenschuhe", "frau", "frauen", "女", "女士", "女款", "女鞋"},
    "kids": {"kids", "kid", "children", "child", "boys", "girls", "tre em", "be", "nino", "ninos", "nina", "ninas"}
    | {"infantil", "enfant", "enfants", "kinder", "kinderschuhe", "儿童", "童鞋", "孩子"},
}
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_MAX_PHRASE_WORDS = 4


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


@dataclass(frozen=True)
class SearchPlan:
    """What a query asks for: terms every product found must hold, genders it names, whether it only said "shoe"."""

    terms: tuple[str, ...] = ()
    genders: tuple[str, ...] = ()
    generic_only: bool = False


def plan_terms(query: str | None, synonym_groups: tuple[tuple[str, ...], ...]) -> SearchPlan:
    """The search plan of a query.

    Chinese runs are cut into the known words they hold ("男士跑鞋" -> "男士", "跑鞋"), known multi-word words stay one
    term ("chay bo", "tre em"), words naming a gender become a gender, single Latin letters ("women's" -> "women s"),
    generic shoe words and (beside other words) stop words are left out.
    """
    genders = {word: gender for gender, words in GENDER_WORDS.items() for word in words}
    vocabulary = {member for group in synonym_groups for member in group} | GENERIC_WORDS | set(genders)
    words = []
    for word in search_terms(query):
        words += split_cjk(word, vocabulary) if _CJK.search(word) else [word]
    terms = [term for term in group_phrases(words, vocabulary) if not (len(term) == 1 and term.isascii())]
    named = tuple(dict.fromkeys(genders[term] for term in terms if term in genders))
    kept = [term for term in dict.fromkeys(terms) if term not in GENERIC_WORDS and term not in genders]
    meaningful = [term for term in kept if term not in WEAK_WORDS]
    return SearchPlan(tuple(meaningful or ([] if named else kept)), named, bool(terms) and not kept and not named)


def split_cjk(word: str, vocabulary: set[str]) -> list[str]:
    """A word holding Chinese cut into the longest known words, left to right; unknown runs stay whole."""
    pieces, unknown, i = [], "", 0
    longest = max((len(known) for known in vocabulary), default=1)
    while i < len(word):
        match = next(
            (
                word[i : i + size]
                for size in range(min(longest, len(word) - i), 0, -1)
                if word[i : i + size] in vocabulary
            ),
            None,
        )
        if match:
            pieces += [unknown] if unknown else []
            pieces.append(match)
            unknown = ""
            i += len(match)
        else:
            unknown += word[i]
            i += 1
    return [*pieces, unknown] if unknown else pieces


def group_phrases(words: list[str], vocabulary: set[str]) -> list[str]:
    """Words with the known multi-word phrases among them joined into one term, longest phrase first."""
    terms, i = [], 0
    while i < len(words):
        for size in range(min(_MAX_PHRASE_WORDS, len(words) - i), 1, -1):
            phrase = " ".join(words[i : i + size])
            if phrase in vocabulary:
                terms.append(phrase)
                i += size
                break
        else:
            terms.append(words[i])
            i += 1
    return terms


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


def typo_distance(typed: str, word: str, limit: int) -> int:
    """Edits (insertion, deletion, substitution, swap of neighbours) from one word to the other, capped at limit+1."""
    if abs(len(typed) - len(word)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(word) + 1))
    for i, a in enumerate(typed, 1):
        current = [i]
        for j, b in enumerate(word, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b))
            if i > 1 and j > 1 and a == word[j - 2] and typed[i - 2] == b:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


def is_typo_of(typed: str, word: str) -> bool:
    """Whether a searched word is a typo of a catalogue word (one edit away, two for long words), or another form of
    it: the same first five letters and most of the longer word ("blanches" / "blanc", "blancas" / "blanco")."""
    if typed == word:
        return False
    limit = 2 if len(typed) >= TWO_TYPOS_TERM_LENGTH else 1
    if typo_distance(typed, word, limit) <= limit:
        return True
    stem = len(os.path.commonprefix([typed, word]))
    return stem >= MIN_STEM_LENGTH and stem >= STEM_SHARE * max(len(typed), len(word))


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


def fewest_alternatives(words: tuple[str, ...]) -> tuple[str, ...]:
    """The alternatives of a term without those holding another one: any text holding 'chay bo' holds 'chay', so
    LIKE '%chay%' OR LIKE '%chay bo%' is LIKE '%chay%' (the same products, one scan of each text less)."""
    kept = [word for word in dict.fromkeys(words) if not any(other != word and other in word for other in words)]
    return tuple(kept)
