from odoo.addons.sale_gift_personalization.lib.conditions import applicable_fields, field_applies, missing_required


def test_field_without_condition_always_applies():
    assert field_applies([], [])
    assert field_applies([], [1, 2])


def test_field_applies_when_one_condition_value_is_chosen():
    assert field_applies([5, 6], [1, 6])
    assert not field_applies([5, 6], [1, 2])
    assert not field_applies([5], [])


def test_applicable_fields_keep_order():
    fields = [
        {"line_id": 1, "condition_value_ids": []},
        {"line_id": 2, "condition_value_ids": [10]},
        {"line_id": 3, "condition_value_ids": [11]},
    ]
    assert [f["line_id"] for f in applicable_fields(fields, [11])] == [1, 3]


def test_missing_required_skips_filled_optional_and_inapplicable():
    fields = [
        {"line_id": 1, "required": True},
        {"line_id": 2, "required": True, "condition_value_ids": [10]},
        {"line_id": 3, "required": False},
        {"line_id": 4, "required": True},
    ]
    assert [f["line_id"] for f in missing_required(fields, [], [4])] == [1]
    assert [f["line_id"] for f in missing_required(fields, [10], [])] == [1, 2, 4]
