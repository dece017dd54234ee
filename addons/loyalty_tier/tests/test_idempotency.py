from unittest.mock import patch

from psycopg2.errors import UniqueViolation

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import DAY_1, DAY_2, LoyaltyPointsCommon


@tagged("post_install", "-at_install")
class TestLoyaltyIdempotency(LoyaltyPointsCommon):
    def test_awarding_again_changes_nothing(self):
        self.program.write({"frequency_bonus_nth": 1, "frequency_bonus_points": 5})
        order = self._confirm(self._order(), DAY_1)
        order._loyalty_award_points()
        order._loyalty_award_points()
        self.assertEqual(len(self._lines(order)), 2)
        self.assertEqual(self._card().points, 105.0)

    def test_the_database_refuses_a_second_earning_line_of_a_kind_for_an_order(self):
        order = self._confirm(self._order(), DAY_1)
        line = self._lines(order, "value")
        with self.assertRaises(UniqueViolation), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            self.env["loyalty.history"].create(
                {
                    "card_id": line.card_id.id,
                    "order_model": "sale.order",
                    "order_id": order.id,
                    "entry_kind": "value",
                    "description": "again",
                    "issued": 100.0,
                }
            )

    def test_an_award_that_loses_the_race_changes_nothing(self):
        order = self._confirm(self._order(), DAY_1)
        History = type(self.env["loyalty.history"])
        # This worker looked before the other one wrote: its check finds nothing, the unique index stops it.
        with patch.object(History, "search_count", return_value=0):
            order._loyalty_award_points()
        self.assertEqual(len(self._lines(order)), 1)
        self.assertEqual(self._card().points, 100.0)
        self.assertBalanceIsHistory(self._card())

    def test_paid_twice_by_invoice_and_transaction_awards_once(self):
        self.program.points_trigger = "paid"
        order = self._confirm(self._order(), DAY_1)
        self._pay(self._invoice(order), DAY_1)
        order.invoice_ids._invoice_paid_hook()
        self.assertEqual(len(self._lines(order, "value")), 1)
        self.assertEqual(self._card().points, 100.0)

    def test_an_order_confirmed_again_after_a_cancellation_earns_once_more(self):
        order = self._confirm(self._order(), DAY_1)
        order._action_cancel()
        order.action_draft()
        self._confirm(order, DAY_2)
        kinds = self._lines(order).sorted("id").mapped("entry_kind")
        self.assertEqual(kinds, ["value", "reversal", "value"])
        self.assertEqual(self._card().points, 100.0)
        self.assertBalanceIsHistory(self._card())
