from odoo.addons.website_sale_stock_hold.lib.stock_hold import is_short, sellable_qty


def test_sellable_is_free_less_held():
    assert sellable_qty(5, 2) == 3


def test_sellable_never_negative():
    assert sellable_qty(1, 4) == 0


def test_last_unit_held_by_another_cart_is_short():
    assert is_short(1, free_qty=1, held_by_other_carts=1)


def test_last_unit_free_is_not_short():
    assert not is_short(1, free_qty=1, held_by_other_carts=0)
