"""RFM scoring: recency, frequency and monetary scores from 1 to 5 by quintiles, and the named segment they give.

No ORM here: the nightly refresh (``res.partner._insight_refresh_segments``) feeds these functions the rows it read.
"""

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

CHAMPIONS = "champions"
LOYAL = "loyal"
PROMISING = "promising"
AT_RISK = "at_risk"
HIBERNATING = "hibernating"
NEW = "new"


def quintile_scores(values: Sequence[float]) -> list[int]:
    """Score each value 1 (lowest fifth) to 5 (highest fifth) by its mid-rank percentile among all the values.

    A value's percentile is ``(values below it + half of the values equal to it) / count``, and its score
    ``floor(5 * percentile) + 1``. Equal values therefore always share a score (ties never split across quintiles,
    unlike SQL's ``ntile``), five or more distinct values spread evenly over 1-5, and few customers land near the
    middle: a lone customer, or customers who all look alike, score 3 rather than an arbitrary 1 or 5."""
    count = len(values)
    ordered = sorted(values)
    score_of = {}
    for value in set(values):
        below = bisect_left(ordered, value)
        equal = bisect_right(ordered, value) - below
        # Integer arithmetic: floor(5 * (below + equal / 2) / count) without rounding surprises.
        score_of[value] = min(5, (5 * (2 * below + equal)) // (2 * count) + 1)
    return [score_of[value] for value in values]


def segment_for(recency: int, frequency: int, monetary: int, order_count: int) -> str:
    """The named segment of a customer from their RFM scores (1-5) and number of orders.

    Frequency and monetary are read together as their average, rounded half up (``fm``):

    - new: a single order, and a recent one (recency 4-5);
    - champions: recent (recency 4-5) and buying much (fm 4-5);
    - loyal: fairly recent (recency 3-5) and buying a fair amount (fm 3, or fm 4-5 at recency 3);
    - promising: fairly recent (recency 3-5) but buying little so far (fm 1-2);
    - at risk: not recent (recency 1-2) although they used to buy much (fm 3-5);
    - hibernating: not recent and buying little (recency 1-2, fm 1-2)."""
    fm = (frequency + monetary + 1) // 2
    if recency >= 4:
        if order_count <= 1:
            return NEW
        if fm >= 4:
            return CHAMPIONS
        return LOYAL if fm == 3 else PROMISING
    if recency == 3:
        return LOYAL if fm >= 3 else PROMISING
    return AT_RISK if fm >= 3 else HIBERNATING
