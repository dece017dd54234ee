"""Who takes a case that arrives unassigned: the team's members in turn, or the one with the fewest open cases."""

from collections.abc import Mapping, Sequence

ROUND_ROBIN = "round_robin"
BALANCED = "balanced"


def next_in_turn(members: Sequence[int], last: int | None) -> int | None:
    """The first member (by id) after ``last``, wrapping round; the first member when ``last`` is None or no one
    comes after it. ``last`` need not be a member any more: whoever followed them takes the turn."""
    ordered = sorted(members)
    if not ordered:
        return None
    if last is None:
        return ordered[0]
    return next((member for member in ordered if member > last), ordered[0])


def least_loaded(members: Sequence[int], open_counts: Mapping[int, int], last: int | None) -> int | None:
    """The member with the fewest open cases; among equals, the next in turn after ``last``."""
    if not members:
        return None
    fewest = min(open_counts.get(member, 0) for member in members)
    return next_in_turn([member for member in members if open_counts.get(member, 0) == fewest], last)


def assignees(method: str, members: Sequence[int], open_counts: Mapping[int, int], last: int | None,
              count: int) -> list[int | None]:
    """The members who take ``count`` cases arriving together, each choice counting the cases given before it."""
    counts, chosen = dict(open_counts), []
    for _case in range(count):
        member = least_loaded(members, counts, last) if method == BALANCED else next_in_turn(members, last)
        chosen.append(member)
        if member is not None:
            counts[member] = counts.get(member, 0) + 1
            last = member
    return chosen
