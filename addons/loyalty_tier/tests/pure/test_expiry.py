from datetime import date

from odoo.addons.loyalty_tier.lib.expiry import (
    Entry,
    Lot,
    consume,
    expired_lots,
    next_expiry,
    reminder_due,
    replay,
)

TODAY = date(2026, 6, 15)


def test_spending_takes_the_soonest_expiring_lot_first():
    lots = [Lot("b", 50, date(2026, 9, 1)), Lot("a", 30, date(2026, 7, 1)), Lot("c", 20, None)]
    taken, short = consume(lots, 60)
    assert taken == {"a": 30, "b": 30}
    assert short == 0.0
    assert [lot.remaining for lot in lots] == [20, 0, 20]


def test_lots_without_expiry_go_last():
    lots = [Lot("never", 10, None), Lot("soon", 10, date(2026, 7, 1))]
    taken, _short = consume(lots, 15)
    assert taken == {"soon": 10, "never": 5}


def test_named_lots_are_consumed_first():
    lots = [Lot("old", 10, date(2026, 7, 1)), Lot("order", 10, date(2026, 9, 1))]
    taken, _short = consume(lots, 12, first=["order"])
    assert taken == {"order": 10, "old": 2}


def test_shortfall_is_returned():
    lots = [Lot("a", 5, None)]
    taken, short = consume(lots, 8)
    assert taken == {"a": 5}
    assert short == 3


def test_replay_rebuilds_remaining_points():
    entries = [
        Entry(1, issued=100, expiry=date(2026, 7, 1)),
        Entry(2, issued=50, expiry=date(2026, 8, 1)),
        Entry(3, used=120),
    ]
    remaining, debt = replay(entries)
    assert remaining == {1: 0, 2: 30}
    assert debt == 0


def test_reversal_of_spent_points_leaves_a_debt_paid_by_the_next_lot():
    entries = [
        Entry(1, issued=100),
        Entry(2, used=80),
        Entry(3, used=100, consume_first=(1,)),
        Entry(4, issued=50),
    ]
    remaining, debt = replay(entries)
    assert remaining == {1: 0, 4: 0}
    assert debt == 30


def test_balance_is_remaining_less_debt():
    entries = [Entry(1, issued=40), Entry(2, used=10), Entry(3, issued=5, used=20)]
    remaining, debt = replay(entries)
    assert sum(remaining.values()) - debt == 40 - 10 + 5 - 20


def test_only_lots_past_their_date_with_points_expire():
    lots = [Lot("past", 10, date(2026, 6, 14)), Lot("today", 10, TODAY), Lot("spent", 0, date(2026, 1, 1))]
    assert [lot.key for lot in expired_lots(lots, TODAY)] == ["past"]


def test_reminder_is_due_within_the_days_before_expiry_once():
    assert reminder_due(date(2026, 6, 29), 14, TODAY, None)
    assert not reminder_due(date(2026, 6, 30), 14, TODAY, None)
    assert not reminder_due(date(2026, 6, 29), 14, TODAY, date(2026, 6, 15))
    assert not reminder_due(date(2026, 6, 14), 14, TODAY, None)
    assert not reminder_due(None, 14, TODAY, None)


def test_next_expiry_sums_the_lots_of_the_first_date():
    lots = [Lot(1, 10, date(2026, 7, 1)), Lot(2, 5, date(2026, 7, 1)), Lot(3, 7, date(2026, 8, 1)), Lot(4, 3, None)]
    assert next_expiry(lots, TODAY) == (date(2026, 7, 1), 15)
    assert next_expiry([], TODAY) == (None, 0.0)
