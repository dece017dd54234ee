import threading

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api
from odoo.fields import Command
from odoo.modules.registry import Registry
from odoo.tests import tagged
from odoo.tests.common import BaseCase, get_db_name
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestLoyaltyAwardRace(BaseCase):
    """Two workers award the points of the same order at the same moment (e.g. the payment's return and the invoice
    being paid), in two real, concurrent transactions: the customer earns once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            program = env["loyalty.program"].create(
                {
                    "name": "Race Club",
                    "program_type": "loyalty",
                    "trigger": "auto",
                    "applies_on": "both",
                    "rule_ids": [Command.create({"reward_point_mode": "money", "reward_point_amount": 1.0})],
                    "reward_ids": [Command.create({"reward_type": "discount", "discount": 5, "required_points": 500})],
                }
            )
            partner = env["res.partner"].create({"name": "Racing Rosa"})
            product = env["product.product"].create({"name": "Race Flat 40", "list_price": 100.0})
            order = env["sale.order"].create(
                {
                    "partner_id": partner.id,
                    "order_line": [Command.create({"product_id": product.id, "price_unit": 100.0, "tax_ids": []})],
                }
            )
            # Counted, but not awarded yet: the race is on the award itself.
            order.write({"state": "sale"})
            cls.ids = {"program": program.id, "partner": partner.id, "product": product.id, "order": order.id}
        cls.addClassCleanup(cls._drop)

    @classmethod
    def _drop(cls):
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["loyalty.card"].search([("partner_id", "=", cls.ids["partner"])]).unlink()
            order = env["sale.order"].browse(cls.ids["order"])
            order.write({"state": "cancel"})
            order.unlink()
            program = env["loyalty.program"].browse(cls.ids["program"])
            program.active = False
            program.unlink()
            env["product.product"].browse(cls.ids["product"]).unlink()
            env["res.partner"].browse(cls.ids["partner"]).unlink()

    def _race(self, workers=2):
        barrier = threading.Barrier(workers)
        outcome = []
        envs = [api.Environment(self.registry.cursor(), SUPERUSER_ID, {}) for _ in range(workers)]

        def award(env):
            order = env["sale.order"].browse(self.ids["order"])
            order.read(["state"])  # both take their snapshot before either writes
            barrier.wait(timeout=30)
            try:
                order._loyalty_award_points()
                env.cr.commit()
                outcome.append("done")
            except SerializationFailure:
                env.cr.rollback()
                outcome.append("replay")

        threads = [threading.Thread(target=award, args=(env,)) for env in envs]
        try:
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=120)
        finally:
            for env in envs:
                env.cr.close()
        return outcome

    @mute_logger("odoo.sql_db")
    def test_two_simultaneous_awards_of_one_order_award_once(self):
        outcome = self._race()
        self.assertEqual(outcome, ["done", "done"], "the second award is skipped, not failed")
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            cards = env["loyalty.card"].search([("program_id", "=", self.ids["program"])])
            self.assertEqual(len(cards), 1, "the loser's new card was rolled back with its award")
            self.assertEqual(cards.points, 100.0)
            self.assertEqual(cards.history_ids.mapped("entry_kind"), ["value"])
        # A retry later (the next payment notification) changes nothing either.
        self.assertEqual(self._race(), ["done", "done"])
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.assertEqual(env["loyalty.card"].search([("program_id", "=", self.ids["program"])]).points, 100.0)
