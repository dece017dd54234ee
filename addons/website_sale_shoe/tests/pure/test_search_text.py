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
    prunable_words,
    prune_alternatives,
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


def test_dictionary_words_are_letter_runs_of_three_or_more():
    assert dictionary_words("trail runner | tr 42 | trail-42 | abc123 | giay") == {"trail", "runner", "abc", "giay"}
    assert dictionary_words("giày42x 中文字") == {"giày", "中文字"}


def test_prunable_words_are_plain_ascii_words():
    alternatives = [("snaeker", "sneaker", "giay the thao"), ("c42", "ab", "中文字", "trail")]
    assert prunable_words(alternatives) == ["giay", "snaeker", "sneaker", "thao", "the", "trail"]


def test_prune_alternatives_drops_impossible_ones_and_keeps_a_term():
    alternatives = [("snaeker", "sneaker", "trainer", "giay the thao"), ("xyzzy",), ("c42",)]
    absent = {"snaeker", "trainer", "thao", "xyzzy"}
    assert prune_alternatives(alternatives, absent) == [("sneaker",), ("xyzzy",), ("c42",)]


def test_distinct_words_keep_every_sku_word_once():
    codes = ["TRAIL-BLA-42", "TRAIL-BLA-43", "TRAIL-RED-42", None, "trail-8H5"]
    assert distinct_words(codes) == "trail bla 42 43 red 8h5"
    assert distinct_words([]) == ""
