"""Pure tests of lib/return_request.py: what the portal's return form accepts."""

from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.rma_sale_portal_return.lib.return_request import form_rows, parse_id, parse_quantity


def test_plain_quantities_are_read():
    assert parse_quantity("2") == 2.0
    assert parse_quantity(" 1.5 ") == 1.5
    assert parse_quantity("") == 0.0
    assert parse_quantity(None) == 0.0


def test_unicode_digits_signs_and_notations_are_refused():
    # float() reads "٣" as 3 and "1e3" as 1000: the form must not.
    for text in ("²", "٣", "３", "-1", "+1", "1e3", "nan", "inf", "0x10", "1,5", "1.", ".5", "1 000", "9999999"):
        assert parse_quantity(text) is None, text


@given(st.text(max_size=12))
def test_any_text_is_either_a_plain_quantity_or_refused(text):
    quantity = parse_quantity(text)
    if quantity is not None and text.strip():
        assert text.strip().isascii() and 0 <= quantity < 1_000_000


def test_ids_are_positive_ascii_integers():
    assert parse_id("42") == 42
    for text in ("0", "-3", "٣", "²", "4.0", "", None, "12345678901"):
        assert parse_id(text) is None, text


def test_rows_keep_only_the_known_fields_of_numbered_rows():
    form = {
        "0-quantity": "1",
        "0-operation_id": "3",
        "0-description": "Too small",
        "1-quantity": "2",
        "0-rma_id": "7",
        "x-quantity": "1",
        "٣-quantity": "1",
        "csrf_token": "t",
        "partner_shipping_id": "5",
        "comment": "<script>",
    }
    assert form_rows(form) == {
        "0": {"quantity": "1", "operation_id": "3", "description": "Too small"},
        "1": {"quantity": "2"},
    }
