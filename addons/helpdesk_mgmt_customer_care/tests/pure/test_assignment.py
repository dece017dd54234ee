from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.helpdesk_mgmt_customer_care.lib.assignment import (
    BALANCED,
    ROUND_ROBIN,
    assignees,
    least_loaded,
    next_in_turn,
)

member_ids = st.lists(st.integers(min_value=1, max_value=500), min_size=1, max_size=8, unique=True)


def test_next_in_turn_follows_the_last_assignee_and_wraps():
    assert next_in_turn([7, 3, 5], None) == 3
    assert next_in_turn([7, 3, 5], 3) == 5
    assert next_in_turn([7, 3, 5], 7) == 3


def test_next_in_turn_when_the_last_assignee_left_the_team():
    assert next_in_turn([3, 7], 5) == 7
    assert next_in_turn([3, 7], 9) == 3


def test_nobody_to_assign():
    assert next_in_turn([], 4) is None
    assert least_loaded([], {}, None) is None
    assert assignees(ROUND_ROBIN, [], {}, None, 2) == [None, None]


def test_least_loaded_takes_the_fewest_open_cases_then_the_turn():
    assert least_loaded([1, 2, 3], {1: 4, 2: 1, 3: 1}, None) == 2
    assert least_loaded([1, 2, 3], {1: 4, 2: 1, 3: 1}, 2) == 3
    assert least_loaded([1, 2, 3], {1: 0}, 1) == 2


def test_a_batch_counts_the_cases_given_before():
    assert assignees(BALANCED, [1, 2], {1: 2}, None, 3) == [2, 2, 1]
    assert assignees(ROUND_ROBIN, [1, 2, 3], {1: 9}, 2, 4) == [3, 1, 2, 3]


@given(member_ids, st.integers(min_value=0, max_value=40), st.one_of(st.none(), st.integers(0, 600)))
def test_round_robin_shares_evenly(members, count, last):
    given_cases = Counter(assignees(ROUND_ROBIN, members, {}, last, count))
    assert max(given_cases.values(), default=0) - min((given_cases[m] for m in members), default=0) <= 1


@given(member_ids, st.data())
def test_balanced_levels_the_open_cases(members, data):
    counts = {member: data.draw(st.integers(0, 6)) for member in members}
    new_cases = data.draw(st.integers(0, 40))
    after = Counter(counts) + Counter(assignees(BALANCED, members, counts, None, new_cases))
    loads = [after[member] for member in members]
    # Nobody is given a case while someone else has fewer: the spread shrinks to one, or only the busy stay ahead.
    assert max(loads) - min(loads) <= max(1, max(counts.values()) - min(counts.values()))
    assert sum(loads) == sum(counts.values()) + new_cases
