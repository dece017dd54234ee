from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.sale_order_pipeline.lib.feedback import COMMENT_MAX_LENGTH, clean_comment, parse_rating


def test_scores_from_the_form_and_the_api():
    assert [parse_rating(str(n)) for n in range(1, 6)] == [1, 2, 3, 4, 5]
    assert parse_rating(" 4 ") == 4
    assert parse_rating(3) == 3


def test_anything_else_is_refused_not_guessed():
    for value in (
        "²",
        "٣",
        "５",
        "5.0",
        "-1",
        "+3",
        "0",
        "6",
        "99",
        "",
        " ",
        "3_0",
        [5],
        ["5"],
        {"5": 1},
        None,
        True,
        False,
        4.0,
        4.5,
        b"4",
    ):
        assert parse_rating(value) is None, value


@given(st.text())
def test_a_string_parses_only_to_a_score_in_range(text):
    score = parse_rating(text)
    assert score is None or (1 <= score <= 5 and text.strip() == str(score))


def test_comments_are_trimmed_and_only_text():
    assert clean_comment("  Fits well \n") == "Fits well"
    assert clean_comment(None) == clean_comment(False) == clean_comment(["x"]) == ""
    assert COMMENT_MAX_LENGTH == 2000
