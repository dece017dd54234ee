from odoo.addons.sale_gift_personalization.lib.conditions import field_applies, opted_out


def test_field_without_condition_always_applies():
    assert field_applies([], [])
    assert field_applies([], [1, 2])


def test_field_applies_when_one_condition_value_is_chosen():
    assert field_applies([5, 6], [1, 6])
    assert not field_applies([5, 6], [1, 2])
    assert not field_applies([5], [])


def test_choosing_a_value_without_text_opts_out_of_a_text_field():
    # Greeting card: 1 = "No card", 2 = "With a message" (custom)
    assert opted_out("text", [1], [2])
    assert not opted_out("text", [2], [2])
    assert not opted_out("text", [], [2])
    assert opted_out("image", [1], [2])


def test_options_never_opt_out():
    assert not opted_out("option", [1], [])
    assert not opted_out("font", [1], [])
