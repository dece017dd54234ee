from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoLoyalty(TransactionCase):
    """The demo shop's loyalty club looks lived in: every tier has members, tiers moved over the year, a campaign
    runs with codes already used, and the demo customer has points about to expire."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.program = cls.env.ref("stride_demo.loyalty_program_club_demo")
        cls.customer = cls.env.ref("stride_demo.user_customer_demo").partner_id

    def test_members_in_every_tier(self):
        self.assertEqual(self.program.tier_ids.mapped("name"), ["Member", "Silver", "Gold", "Platinum"])
        members = dict(
            self.env["loyalty.card"]._read_group([("program_id", "=", self.program.id)], ["tier_id"], ["__count"])
        )
        for tier in self.program.tier_ids:
            self.assertTrue(members.get(tier), f"no member in {tier.name}")

    def test_tiers_moved_over_several_months(self):
        moves = self.env["loyalty.tier.history"]._read_group(
            [("program_id", "=", self.program.id)], ["date:month"], ["__count"]
        )
        self.assertGreater(len(moves), 3)

    def test_a_running_campaign_has_redemptions_and_revenue(self):
        campaign = self.env.ref("stride_demo.loyalty_campaign_thank_you_demo")
        self.assertEqual(campaign.state, "running")
        self.assertGreater(campaign.coupon_count, campaign.redeemed_count)
        self.assertGreater(campaign.redeemed_count, 0)
        self.assertGreater(campaign.revenue, 0)

    def test_the_customer_login_has_points_about_to_expire(self):
        card = self.env["loyalty.card"].search(
            [("program_id", "=", self.program.id), ("partner_id", "=", self.customer.id)]
        )
        today = fields.Date.context_today(self.env.user)
        self.assertGreater(card.points, 0)
        self.assertTrue(card.next_expiry_points)
        self.assertLessEqual(card.next_expiry_date, today + timedelta(days=self.program.expiry_reminder_days))
        history = card.history_ids
        self.assertAlmostEqual(card.points, sum(history.mapped("issued")) - sum(history.mapped("used")))

    def test_old_points_expired_on_a_dated_line(self):
        expired = self.env["loyalty.history"].search_count(
            [("card_id.program_id", "=", self.program.id), ("entry_kind", "=", "expiry")]
        )
        self.assertGreater(expired, 0)
