"""Fulfilment stages of a sales order and the rules for moving between them.

Plain data and functions, no ORM: the models call them and translate the refusal codes into messages.
"""

AWAITING = "awaiting"
CONFIRMED = "confirmed"
PACKAGING = "packaging"
SHIPPING = "shipping"
DELIVERED = "delivered"
FEEDBACK = "feedback"
CANCELLED = "cancelled"
RETURNED = "returned"

FORWARD = (AWAITING, CONFIRMED, PACKAGING, SHIPPING, DELIVERED, FEEDBACK)
STAGES = (*FORWARD, CANCELLED, RETURNED)

CUSTOMER = "customer"
STAFF = "staff"
MANAGER = "manager"

# Side exits: where an order may leave the main line.
CANCELLABLE = frozenset({AWAITING, CONFIRMED, PACKAGING})
RETURNABLE = frozenset({SHIPPING, DELIVERED, FEEDBACK})

# What a customer may do themselves: confirm the order, confirm receipt, leave feedback.
CUSTOMER_MOVES = frozenset({(AWAITING, CONFIRMED), (SHIPPING, DELIVERED), (DELIVERED, FEEDBACK)})


def next_stage(stage: str) -> str | None:
    """The stage that follows `stage` on the main line, or None at its end or off it."""
    if stage not in FORWARD or stage == FORWARD[-1]:
        return None
    return FORWARD[FORWARD.index(stage) + 1]


def refusal(old: str, new: str, has_reason: bool = False) -> str | None:
    """Why moving from `old` to `new` is refused (a code), or None when the move is allowed."""
    if old not in STAGES or new not in STAGES:
        return "unknown"
    if old == new:
        return "same"
    if old == RETURNED:
        return "final"
    if new == CANCELLED:
        return None if old in CANCELLABLE else "not_cancellable"
    if new == RETURNED:
        return None if old in RETURNABLE else "not_returnable"
    if old == CANCELLED:
        # A cancelled order can only be reopened as a new quotation, and that needs a word of explanation.
        if new != AWAITING:
            return "skip"
        return None if has_reason else "back_without_reason"
    step = FORWARD.index(new) - FORWARD.index(old)
    if step == 1:
        return None
    if step > 1:
        return "skip"
    if step == -1:
        return None if has_reason else "back_without_reason"
    return "back_too_far"


def roles_allowed(old: str, new: str) -> frozenset[str]:
    """The roles that may make the move from `old` to `new` by hand (the move itself must also be allowed)."""
    roles = {MANAGER}
    forward_step = old in FORWARD and new in FORWARD and FORWARD.index(new) == FORWARD.index(old) + 1
    if forward_step and new != FEEDBACK:
        roles.add(STAFF)
    if (old, new) in CUSTOMER_MOVES:
        roles.add(CUSTOMER)
    return frozenset(roles)


def forward_path(old: str, target: str) -> list[str]:
    """The stages to pass through, in order, to follow Odoo from `old` up to `target`; empty when not ahead."""
    if old not in FORWARD or target not in FORWARD:
        return []
    start, end = FORWARD.index(old), FORWARD.index(target)
    return list(FORWARD[start + 1 : end + 1])


def initial_stage(state: str, delivery_status: str | None) -> str:
    """The stage of an order that existed before the pipeline, from its sale state and delivery status."""
    if state == "cancel":
        return CANCELLED
    if state != "sale":
        return AWAITING
    # Orders fully delivered before the pipeline existed are taken as received: nobody will confirm them now.
    return {"full": DELIVERED, "partial": SHIPPING, "started": PACKAGING}.get(delivery_status or "", CONFIRMED)
