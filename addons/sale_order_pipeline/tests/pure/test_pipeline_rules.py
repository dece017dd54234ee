import pytest

from odoo.addons.sale_order_pipeline.lib.pipeline import (
    AWAITING,
    CANCELLED,
    CONFIRMED,
    CUSTOMER,
    DELIVERED,
    FEEDBACK,
    FORWARD,
    MANAGER,
    PACKAGING,
    RETURNED,
    SHIPPING,
    STAFF,
    STAGES,
    forward_path,
    initial_stage,
    next_stage,
    refusal,
    roles_allowed,
)


def test_main_line_order():
    assert FORWARD == (AWAITING, CONFIRMED, PACKAGING, SHIPPING, DELIVERED, FEEDBACK)


@pytest.mark.parametrize("old,new", list(zip(FORWARD, FORWARD[1:], strict=False)))
def test_one_step_forward_is_allowed(old, new):
    assert refusal(old, new) is None
    assert next_stage(old) == new


def test_no_next_stage_at_the_end_or_off_the_line():
    assert next_stage(FEEDBACK) is None
    assert next_stage(CANCELLED) is None
    assert next_stage("nonsense") is None


@pytest.mark.parametrize("old,new", [(AWAITING, PACKAGING), (CONFIRMED, DELIVERED), (PACKAGING, FEEDBACK)])
def test_skipping_a_stage_is_refused(old, new):
    assert refusal(old, new) == "skip"
    assert refusal(old, new, has_reason=True) == "skip"


def test_going_back_one_stage_needs_a_reason():
    assert refusal(SHIPPING, PACKAGING) == "back_without_reason"
    assert refusal(SHIPPING, PACKAGING, has_reason=True) is None


def test_going_back_further_is_refused_even_with_a_reason():
    assert refusal(DELIVERED, CONFIRMED, has_reason=True) == "back_too_far"


def test_same_stage_is_refused_as_a_repeat():
    for stage in STAGES:
        assert refusal(stage, stage) == "same"


def test_unknown_stage_is_refused():
    assert refusal(AWAITING, "teleported") == "unknown"
    assert refusal("teleported", AWAITING) == "unknown"


@pytest.mark.parametrize("stage", [AWAITING, CONFIRMED, PACKAGING])
def test_cancel_before_shipping(stage):
    assert refusal(stage, CANCELLED) is None


@pytest.mark.parametrize("stage", [SHIPPING, DELIVERED, FEEDBACK, RETURNED])
def test_no_cancel_once_shipped(stage):
    assert refusal(stage, CANCELLED) in {"not_cancellable", "final"}


@pytest.mark.parametrize("stage", [SHIPPING, DELIVERED, FEEDBACK])
def test_return_after_shipping(stage):
    assert refusal(stage, RETURNED) is None


@pytest.mark.parametrize("stage", [AWAITING, CONFIRMED, PACKAGING, CANCELLED])
def test_no_return_before_shipping(stage):
    assert refusal(stage, RETURNED) == "not_returnable"


def test_returned_is_final():
    for stage in STAGES:
        if stage != RETURNED:
            assert refusal(RETURNED, stage) == "final"


def test_cancelled_reopens_only_as_awaiting_with_a_reason():
    assert refusal(CANCELLED, AWAITING) == "back_without_reason"
    assert refusal(CANCELLED, AWAITING, has_reason=True) is None
    assert refusal(CANCELLED, CONFIRMED, has_reason=True) == "skip"


def test_roles_staff_advance_but_do_not_write_feedback():
    assert roles_allowed(CONFIRMED, PACKAGING) == {STAFF, MANAGER}
    assert STAFF not in roles_allowed(DELIVERED, FEEDBACK)
    assert CUSTOMER in roles_allowed(DELIVERED, FEEDBACK)


def test_roles_only_manager_goes_back_cancels_or_returns():
    assert roles_allowed(SHIPPING, PACKAGING) == {MANAGER}
    assert roles_allowed(CONFIRMED, CANCELLED) == {MANAGER}
    assert roles_allowed(DELIVERED, RETURNED) == {MANAGER}


def test_roles_customer_moves():
    assert CUSTOMER in roles_allowed(AWAITING, CONFIRMED)
    assert CUSTOMER in roles_allowed(SHIPPING, DELIVERED)
    assert CUSTOMER not in roles_allowed(CONFIRMED, PACKAGING)


def test_forward_path_walks_every_stage_in_between():
    assert forward_path(CONFIRMED, SHIPPING) == [PACKAGING, SHIPPING]
    assert forward_path(AWAITING, CONFIRMED) == [CONFIRMED]


def test_forward_path_never_goes_back_or_leaves_the_line():
    assert forward_path(SHIPPING, PACKAGING) == []
    assert forward_path(SHIPPING, SHIPPING) == []
    assert forward_path(CANCELLED, SHIPPING) == []
    assert forward_path(CONFIRMED, RETURNED) == []


@pytest.mark.parametrize(
    "state,delivery_status,stage",
    [
        ("draft", None, AWAITING),
        ("sent", None, AWAITING),
        ("cancel", "pending", CANCELLED),
        ("sale", "pending", CONFIRMED),
        ("sale", None, CONFIRMED),
        ("sale", "started", PACKAGING),
        ("sale", "partial", SHIPPING),
        ("sale", "full", DELIVERED),
    ],
)
def test_initial_stage_of_existing_orders(state, delivery_status, stage):
    assert initial_stage(state, delivery_status) == stage
