from datetime import datetime, timedelta

from odoo.addons.website_sale_stock_hold.lib.stock_hold import hold_until, sellable_qty

T0 = datetime(2026, 11, 30, 10, 0)


def test_sellable_is_free_less_held():
    assert sellable_qty(5, 2) == 3


def test_sellable_never_negative():
    assert sellable_qty(1, 4) == 0


def test_first_hold_lasts_the_hold_minutes():
    assert hold_until(T0, None, 10, 30) == T0 + timedelta(minutes=10)


def test_renewal_is_cut_at_the_longest_hold():
    assert hold_until(T0 + timedelta(minutes=25), T0, 10, 30) == T0 + timedelta(minutes=30)


def test_no_hold_once_the_longest_hold_is_over():
    assert hold_until(T0 + timedelta(minutes=30), T0, 10, 30) is None
    assert hold_until(T0 + timedelta(days=2), T0, 10, 30) is None


def test_longest_hold_shorter_than_one_hold_wins():
    assert hold_until(T0, None, 10, 5) == T0 + timedelta(minutes=5)
