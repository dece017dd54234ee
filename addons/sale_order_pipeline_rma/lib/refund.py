"""The Refunded stage the returns bridge adds to the order pipeline, and its move rules.

Plain data and functions, no ORM: `sale.order._pipeline_refusal` calls them.
"""

from odoo.addons.sale_order_pipeline.lib import pipeline

REFUNDED = "refunded"

# A refund follows a return (the items came back) or replaces it (a refund without return), once the order shipped.
REFUNDABLE = frozenset({*pipeline.RETURNABLE, pipeline.RETURNED})


def refusal(old: str, new: str, has_reason: bool = False, refund_withdrawn: bool = False) -> str | None:
    """Why moving from `old` to `new` is refused (a code), or None when allowed; the pipeline's rules otherwise.

    Refunded closes the pipeline, unless the refund was withdrawn (`refund_withdrawn`: the credit notes of the
    order's returns were all reset or cancelled): then the order may go back, with a reason, to a stage it could
    have been refunded from.
    """
    if old == REFUNDED:
        if new == REFUNDED:
            return "same"
        if not refund_withdrawn or new not in REFUNDABLE:
            return "final_refunded"
        return None if has_reason else "back_without_reason"
    if new == REFUNDED:
        return None if old in REFUNDABLE else "not_refundable"
    return pipeline.refusal(old, new, has_reason)
