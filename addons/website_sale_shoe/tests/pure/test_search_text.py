import pytest

from odoo.addons.website_sale_shoe.lib.search_text import (
    MAX_TERMS,
    dictionary_words,
    distinct_words,
    expand_terms,
    is_one_typo_away,
    join_fields,
    normalize,
    parse_synonyms,
    search_terms,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Giày chạy bộ", "giay chay bo"),
        ("ĐẾ CAO SU", "de cao su"),
        ("Zapatíllas", "zapatillas"),
        ("Größe", "grosse"),
        ("Chaussure-été!", "chaussure ete"),
        ("  ", ""),
        (None, ""),
    ],
)
def test_normalize_folds_accents_case_and_punctuation(raw, expected):
    assert normalize(raw) == expected


@pytest.mark.parametrize("raw", ["%", "_", "\\", "'", '"', "%_\\'", ""])
def test_wildcards_and_quotes_leave_no_term(raw):
    assert search_terms(raw) == []


def test_terms_are_distinct_and_bounded():
    assert search_terms("run RUN rún 42") == ["run", "42"]
    assert len(search_terms("a" * 10_000)) == 1
    assert len(search_terms("a" * 10_000)[0]) == 200
    assert len(search_terms(" ".join(f"w{i}" for i in range(50)))) == MAX_TERMS
    assert search_terms("50%_off") == ["50", "off"]


def test_synonyms_expand_each_term_both_ways():
    groups = (parse_synonyms("Sneaker, trainer; basket"), parse_synonyms("boot, bốt"))
    assert groups[1] == ("boot", "bot")
    assert expand_terms(["trainer", "red"], groups) == [("trainer", "sneaker", "basket"), ("red",)]
    assert expand_terms(["sneaker"], groups) == [("sneaker", "trainer", "basket")]


def test_join_fields_skips_empty_and_repeated_labels():
    assert join_fields(["Giày", None, "giay", "Nike"]) == "giay | nike"


@pytest.mark.parametrize(
    ("typed", "word", "expected"),
    [
        ("snaeker", "sneaker", True),
        ("sneakr", "sneaker", True),
        ("sneakers", "sneaker", True),
        ("sbeaker", "sneaker", True),
        ("giya", "giay", True),
        ("sneaker", "sneaker", False),
        ("trainer", "trail", False),
        ("snkaeer", "sneaker", False),
        ("abcd", "abdcx", False),
    ],
)
def test_one_typo(typed, word, expected):
    assert is_one_typo_away(typed, word) is expected
    assert is_one_typo_away(word, typed) is expected


def test_dictionary_words_skip_codes_and_short_words():
    assert dictionary_words("trail runner | tr 42 | trail-42 | abc123 | giay") == {"trail", "runner", "giay"}


def test_distinct_words_keep_every_sku_word_once():
    codes = ["TRAIL-BLA-42", "TRAIL-BLA-43", "TRAIL-RED-42", None, "trail-8H5"]
    assert distinct_words(codes) == "trail bla 42 43 red 8h5"
    assert distinct_words([]) == ""
