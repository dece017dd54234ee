from datetime import timedelta

from odoo.fields import Command
from odoo.tests import tagged

from .common import DAY_1, DAY_2, LoyaltyPointsCommon


@tagged("post_install", "-at_install")
class TestTierSpendIsTheLoyaltyValue(LoyaltyPointsCommon):
    """The review's batched 12-month spend is the sum of ``sale.order._loyalty_value_in`` (what earning counts) over
    the counted orders, in several currencies at each order date's rate."""

    def test_batched_spend_equals_the_sum_of_the_per_order_values(self):
        self.program.tier_ids = [Command.create({"name": "Member", "min_spend": 0})]
        gift_card = self.env["product.product"].create({"name": "Gift card", "type": "service"})
        self.env["loyalty.program"].create(
            {
                "name": "Gift cards",
                "program_type": "gift_card",
                "trigger": "auto",
                "applies_on": "future",
                "rule_ids": [
                    Command.create(
                        {
                            "product_ids": [Command.link(gift_card.id)],
                            "reward_point_mode": "money",
                            "reward_point_amount": 1,
                        }
                    )
                ],
                "reward_ids": [
                    Command.create({"reward_type": "discount", "discount_mode": "per_point", "discount": 1})
                ],
            }
        )
        in_eur = self._order(120.0)
        in_usd = self._order(250.0, qty=2, currency=self.usd)
        in_usd.order_line.discount = 10.0
        in_vnd = self._order(3_000_000.0, currency=self.vnd)
        in_vnd.order_line = [Command.create({"product_id": gift_card.id, "price_unit": 50_000.0})]
        self._confirm(in_eur, DAY_1)
        self._confirm(in_usd, DAY_2)
        self._confirm(in_vnd, DAY_2)
        cancelled = self._confirm(self._order(999.0), DAY_2)
        cancelled._action_cancel()

        card = self._card()
        spend, orders = card._tier_activity(self.program, DAY_2 + timedelta(days=30))[self.customer.id]

        expected = sum(order._loyalty_value_in(self.program.currency_id) for order in in_eur | in_usd | in_vnd)
        self.assertEqual(orders, 3)
        self.assertAlmostEqual(spend, expected, places=2)
        self.assertAlmostEqual(spend, 120.0 + 450.0 / 1.25 + 3_000_000.0 / 28_000.0, places=2)
