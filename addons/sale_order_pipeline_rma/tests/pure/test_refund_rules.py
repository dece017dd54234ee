"""Pure tests of lib/refund.py: where the Refunded stage may be reached from, and that it closes the pipeline."""

import pytest

from odoo.addons.sale_order_pipeline.lib import pipeline
from odoo.addons.sale_order_pipeline_rma.lib.refund import REFUNDED, refusal


@pytest.mark.parametrize("old", [pipeline.SHIPPING, pipeline.DELIVERED, pipeline.FEEDBACK, pipeline.RETURNED])
def test_a_shipped_or_returned_order_can_be_refunded(old):
    assert refusal(old, REFUNDED) is None


@pytest.mark.parametrize("old", [pipeline.AWAITING, pipeline.CONFIRMED, pipeline.PACKAGING, pipeline.CANCELLED])
def test_an_order_not_shipped_cannot_be_refunded(old):
    assert refusal(old, REFUNDED) == "not_refundable"


@pytest.mark.parametrize("new", [*pipeline.STAGES])
def test_refunded_closes_the_pipeline(new):
    assert refusal(REFUNDED, new) == "final_refunded"


def test_refunded_again_is_the_same_stage():
    assert refusal(REFUNDED, REFUNDED) == "same"


def test_the_other_moves_keep_the_pipeline_rules():
    for old in pipeline.STAGES:
        for new in pipeline.STAGES:
            assert refusal(old, new) == pipeline.refusal(old, new)
            assert refusal(old, new, True) == pipeline.refusal(old, new, True)


@pytest.mark.parametrize("new", sorted(pipeline.RETURNABLE | {pipeline.RETURNED}))
def test_a_withdrawn_refund_lets_the_order_go_back_with_a_reason(new):
    assert refusal(REFUNDED, new, has_reason=True, refund_withdrawn=True) is None
    assert refusal(REFUNDED, new, has_reason=False, refund_withdrawn=True) == "back_without_reason"


@pytest.mark.parametrize("new", [pipeline.AWAITING, pipeline.CONFIRMED, pipeline.PACKAGING, pipeline.CANCELLED])
def test_a_withdrawn_refund_never_reopens_an_order_before_shipping(new):
    assert refusal(REFUNDED, new, has_reason=True, refund_withdrawn=True) == "final_refunded"


@pytest.mark.parametrize("new", sorted(pipeline.RETURNABLE | {pipeline.RETURNED}))
def test_a_standing_refund_keeps_the_pipeline_closed_even_with_a_reason(new):
    assert refusal(REFUNDED, new, has_reason=True) == "final_refunded"
    assert refusal(REFUNDED, new, has_reason=True, refund_withdrawn=False) == "final_refunded"
