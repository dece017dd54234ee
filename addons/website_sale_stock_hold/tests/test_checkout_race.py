from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tests import tagged
from odoo.tests.common import BaseCase, get_db_name
from odoo.tools import mute_logger

from .race import drop_shop, make_shop, race


@tagged("post_install", "-at_install")
class TestCheckoutRace(BaseCase):
    """Two customers pay for the last unit at the same moment, in two real, concurrent transactions."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            records = make_shop(env, stock_qty=1, n_carts=2, name="Last Pair Test")
            cls.record_ids = [(r._name, r.ids) for r in records]
        cls.addClassCleanup(cls._drop)

    @classmethod
    def _drop(cls):
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            drop_shop(env, *(env[model].browse(ids) for model, ids in cls.record_ids))

    @mute_logger("odoo.service.model", "odoo.sql_db")
    def test_exactly_one_of_two_simultaneous_checkouts_gets_the_last_unit(self):
        order_ids = self.record_ids[3][1]
        provider_id = self.record_ids[4][1][0]
        # Both customers click "Pay" at once: one cart holds the unit, the other is told before paying.
        outcome, replays = race(self.registry, order_ids, provider_id, confirm=False)
        winners = [order_id for order_id, message in outcome.items() if message is None]
        losers = [message for message in outcome.values() if message]
        self.assertEqual(len(winners), 1, outcome)
        self.assertEqual(len(losers), 1, outcome)
        self.assertIn("is available", losers[0])
        # Both read the stock before either wrote: the loser only saw the hold on its replay.
        self.assertEqual(replays, 1)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            orders = env["sale.order"].browse(order_ids)
            self.assertEqual(orders.filtered("stock_hold_until").ids, winners)

        # The payment of the winner goes through; the other customer, trying again, is still refused.
        outcome, _replays = race(self.registry, order_ids, provider_id)
        self.assertIsNone(outcome[winners[0]])
        self.assertIn("is available", next(m for m in outcome.values() if m))
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            orders = env["sale.order"].browse(order_ids)
            self.assertEqual(orders.filtered(lambda o: o.state == "sale").ids, winners)
            self.assertFalse(orders.filtered("stock_hold_until"), "the delivery reserves the unit: no hold is left")
            self.assertEqual(env["product.product"].browse(self.record_ids[0][1]).free_qty, 0)
