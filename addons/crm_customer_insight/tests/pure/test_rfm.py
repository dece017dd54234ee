from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.crm_customer_insight.lib.rfm import (
    AT_RISK,
    CHAMPIONS,
    HIBERNATING,
    LOYAL,
    NEW,
    PROMISING,
    quintile_scores,
    segment_for,
)


def test_five_distinct_values_score_one_to_five():
    assert quintile_scores([50, 10, 40, 20, 30]) == [5, 1, 4, 2, 3]


def test_ten_distinct_values_make_five_pairs():
    assert quintile_scores(list(range(10))) == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]


def test_ties_share_one_score():
    # 1 below, 3 equal: (1 + 1.5) / 5 = 0.5 -> 3 for all three.
    assert quintile_scores([1, 7, 7, 7, 9]) == [1, 3, 3, 3, 5]


def test_a_lone_customer_and_identical_customers_score_three():
    assert quintile_scores([120.0]) == [3]
    assert quintile_scores([4, 4, 4, 4]) == [3, 3, 3, 3]


def test_two_customers_score_two_and_four():
    assert quintile_scores([300.0, 100.0]) == [4, 2]


def test_no_customer_no_score():
    assert quintile_scores([]) == []


@given(st.lists(st.integers(min_value=-1000, max_value=1000), max_size=200))
def test_scores_are_one_to_five_and_follow_the_values(values):
    scores = quintile_scores(values)
    assert all(1 <= score <= 5 for score in scores)
    pairs = sorted(zip(values, scores))
    for (value_a, score_a), (value_b, score_b) in zip(pairs, pairs[1:]):
        assert score_a <= score_b
        if value_a == value_b:
            assert score_a == score_b


@given(st.integers(min_value=1, max_value=60))
def test_distinct_values_fill_each_quintile_equally(fifth):
    scores = quintile_scores(list(range(5 * fifth)))
    assert [scores.count(score) for score in range(1, 6)] == [fifth] * 5


def test_segments_follow_the_documented_rule():
    assert segment_for(5, 1, 2, order_count=1) == NEW
    assert segment_for(4, 5, 4, order_count=8) == CHAMPIONS
    assert segment_for(5, 3, 3, order_count=3) == LOYAL
    assert segment_for(3, 5, 5, order_count=9) == LOYAL
    assert segment_for(5, 2, 2, order_count=2) == PROMISING
    assert segment_for(3, 1, 1, order_count=1) == PROMISING
    assert segment_for(2, 4, 5, order_count=7) == AT_RISK
    assert segment_for(1, 1, 2, order_count=1) == HIBERNATING


def test_frequency_and_monetary_average_rounds_half_up():
    assert segment_for(4, 3, 4, order_count=4) == CHAMPIONS  # fm 3.5 -> 4
    assert segment_for(2, 2, 3, order_count=2) == AT_RISK  # fm 2.5 -> 3


@given(
    st.integers(min_value=1, max_value=5),
    st.integers(min_value=1, max_value=5),
    st.integers(min_value=1, max_value=5),
    st.integers(min_value=1, max_value=50),
)
def test_every_score_combination_has_a_segment(recency, frequency, monetary, order_count):
    assert segment_for(recency, frequency, monetary, order_count) in {
        CHAMPIONS,
        LOYAL,
        PROMISING,
        AT_RISK,
        HIBERNATING,
        NEW,
    }
