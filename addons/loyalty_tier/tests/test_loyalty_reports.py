from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_campaign import LoyaltyCampaignCase


@tagged("post_install", "-at_install")
class TestLoyaltyReports(LoyaltyCampaignCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.loyalty.point_value = 0.05

    def test_members_per_tier(self):
        groups = self.env["loyalty.member.report"]._read_group(
            [("program_id", "=", self.loyalty.id)], ["tier_id"], ["__count"]
        )
        self.assertEqual(dict(groups), {self.gold: 3, self.silver: 1})

    def test_points_liability_is_outstanding_points_times_point_value(self):
        [(points, liability)] = self.env["loyalty.member.report"]._read_group(
            [("program_id", "=", self.loyalty.id)], [], ["points:sum", "liability:sum"]
        )
        self.assertEqual(points, 470)
        self.assertAlmostEqual(liability, 23.5)

    def test_point_value_defaults_to_what_a_point_buys(self):
        self.assertFalse(self.loyalty.reward_ids.filtered(lambda reward: reward.discount_mode == "per_point"))
        self.loyalty.reward_ids = [
            (0, 0, {"reward_type": "discount", "discount_mode": "per_point", "discount": 0.02, "required_points": 1})
        ]
        self.assertAlmostEqual(self.loyalty.point_value, 0.02)

    def test_earned_and_redeemed_points_come_from_the_history(self):
        card = self.cards[0]
        self.env["loyalty.history"].create(
            [
                {"card_id": card.id, "description": "Order", "issued": 300},
                {"card_id": card.id, "description": "Reward", "used": 100},
            ]
        )
        row = self.env["loyalty.member.report"].search([("card_id", "=", card.id)])
        self.assertEqual((row.points_earned, row.points_redeemed), (300, 100))

    def test_reports_per_role(self):
        for user in (self.manager, self.salesman_all):
            for model in ("loyalty.member.report", "loyalty.campaign.report"):
                self.env[model].with_user(user).search_count([])
        for user in (self.salesman_own, self.stock_user, self.portal):
            for model in ("loyalty.member.report", "loyalty.campaign.report"):
                with self.assertRaises(AccessError, msg=f"{user.login} on {model}"):
                    self.env[model].with_user(user).search_count([])
