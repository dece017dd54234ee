import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.website_sale_shoe.lib.search_text import (
    GENERIC_WORDS,
    MAX_TERMS,
    dictionary_words,
    distinct_words,
    expand_terms,
    fewest_alternatives,
    group_phrases,
    is_typo_of,
    join_fields,
    normalize,
    parse_synonyms,
    plan_terms,
    prunable_words,
    prune_alternatives,
    search_terms,
    split_cjk,
    typo_distance,
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
        ("bellwheter", "bellwether", True),
        ("belwehter", "bellwether", True),
        ("bellwxyter", "bellwether", False),
        ("blanches", "blanc", True),
        ("blancas", "blanco", True),
        ("running", "runner", False),
    ],
)
def test_typos_and_other_forms(typed, word, expected):
    """One typo, two in a long word (the brand "bellwheter"), or another form sharing the first letters."""
    assert is_typo_of(typed, word) is expected


def test_typo_distance_counts_swaps_as_one_edit_and_stops_at_the_limit():
    assert typo_distance("snaeker", "sneaker", 2) == 1
    assert typo_distance("bellwheter", "bellwether", 2) == 2
    assert typo_distance("abc", "xyz", 1) == 2
    assert typo_distance("a", "abcdef", 1) == 2


def test_plan_drops_generic_words_and_keeps_kinds_of_shoe():
    groups = (("running", "chay bo", "跑鞋"), ("formal", "oxford", "de vestir"))
    assert plan_terms("running shoes", groups).terms == ("running",)
    assert plan_terms("Oxford Shoes", groups).terms == ("oxford",)
    assert plan_terms("giày chạy bộ", groups).terms == ("chay bo",), "a known phrase stays one term"
    assert plan_terms("zapatos de vestir", groups).terms == ("de vestir",)
    assert plan_terms("zapatillas de running", groups).terms == ("running",), "small and sports words beside others"
    assert plan_terms("zapatillas", groups).terms == ("zapatillas",), "alone, they are searched"
    only_shoes = plan_terms("Shoes", groups)
    assert (only_shoes.terms, only_shoes.generic_only) == ((), True)
    assert not plan_terms("", groups).generic_only
    assert all(word == word.lower() for word in GENERIC_WORDS)


def test_plan_turns_gender_words_into_genders():
    plan = plan_terms("Women's running shoes", (("running",),))
    assert (plan.terms, plan.genders) == (("running",), ("women",))
    plan = plan_terms("giày chạy bộ trẻ em", (("running", "chay bo"),))
    assert (plan.terms, plan.genders) == (("chay bo",), ("kids",))
    plan = plan_terms("chaussures pour femme", ())
    assert (plan.terms, plan.genders, plan.generic_only) == ((), ("women",), False)


def test_chinese_is_cut_into_known_words():
    vocabulary = {"跑鞋", "男士", "鞋"}
    assert split_cjk("男士跑鞋", vocabulary) == ["男士", "跑鞋"]
    assert split_cjk("白色跑鞋", vocabulary) == ["白色", "跑鞋"]
    assert split_cjk("白色", vocabulary) == ["白色"]
    plan = plan_terms("男士跑鞋", (("running", "跑鞋"),))
    assert (plan.terms, plan.genders) == (("跑鞋",), ("men",))


def test_phrases_join_longest_first():
    vocabulary = {"chay bo", "di bo duong dai", "bo"}
    assert group_phrases(["giay", "di", "bo", "duong", "dai"], vocabulary) == ["giay", "di bo duong dai"]
    assert group_phrases(["chay", "bo", "nu"], vocabulary) == ["chay bo", "nu"]


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


def test_fewest_alternatives_drop_those_holding_another():
    running = ("chay bo", "running", "chay", "course", "course a pied", "laufschuh", "laufschuhe", "跑步", "跑步鞋")
    assert fewest_alternatives(running) == ("running", "chay", "course", "laufschuh", "跑步")
    assert fewest_alternatives(("sneaker", "sneaker", "trainer")) == ("sneaker", "trainer")


@given(st.lists(st.text("abc ", min_size=1, max_size=4), min_size=1, max_size=6), st.text("abc ", max_size=30))
def test_fewest_alternatives_match_the_same_texts(words, text):
    assert any(word in text for word in words) == any(word in text for word in fewest_alternatives(tuple(words)))
