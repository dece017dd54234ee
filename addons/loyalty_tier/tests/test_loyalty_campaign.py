from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_campaign import LoyaltyCampaignCase


@tagged("post_install", "-at_install")
class TestLoyaltyCampaign(LoyaltyCampaignCase):
    def test_launch_issues_one_personal_long_coupon_per_targeted_member(self):
        campaign = self._campaign()
        self.assertEqual(campaign.target_count, 2, "Gold members with an email address")
        campaign.action_launch()
        self.assertEqual(campaign.state, "running")
        self.assertEqual(campaign.coupon_ids.partner_id, self.gold_fr | self.gold_en)
        self.assertEqual(campaign.coupon_ids.program_id, self.coupons_program)
        for coupon in campaign.coupon_ids:
            self.assertRegex(coupon.code, r"^[A-HJKMNP-Z2-9]{4}(-[A-HJKMNP-Z2-9]{4}){3}$")
            self.assertEqual(coupon.points, 1)
        self.assertEqual(campaign.coupon_count, 2)
        # Launched again (e.g. "send to new targets"): nobody gets a second coupon.
        campaign.action_launch()
        self.assertEqual(len(campaign.coupon_ids), 2)
        self.assertEqual(campaign.target_count, 0)

    def test_new_members_of_the_tier_get_theirs_when_sent_again(self):
        campaign = self._campaign()
        campaign.action_launch()
        self.cards[2].tier_id = self.gold
        self.assertEqual(campaign.target_count, 1)
        campaign.action_launch()
        self.assertEqual(campaign.coupon_ids.partner_id, self.gold_fr | self.gold_en | self.silver_en)

    def test_partner_domain_targets_any_customers(self):
        belgium = self.env.ref("base.be")
        self.silver_en.country_id = belgium
        campaign = self._campaign(
            loyalty_program_id=False, tier_ids=False, partner_domain=f"[('country_id', '=', {belgium.id})]"
        )
        campaign.action_launch()
        self.assertEqual(campaign.coupon_ids.partner_id, self.silver_en)

    def test_a_customer_filter_that_is_not_a_domain_is_refused(self):
        for hostile in ("[('no_such_field', '=', 1)]", "__import__('os').system('true')", "[(", "'²'"):
            with self.assertRaisesRegex(ValidationError, "customer filter of Gold spring offer is not valid"):
                self._campaign(partner_domain=hostile)

    def test_campaign_without_target_is_refused(self):
        campaign = self._campaign(loyalty_program_id=False, tier_ids=False)
        with self.assertRaisesRegex(UserError, "Choose the members of a loyalty program or a customer filter"):
            campaign.action_launch()
        self.assertEqual(campaign.state, "draft")
        self.assertFalse(campaign.coupon_ids)

    def test_coupons_are_mailed_through_the_queue_in_each_customers_language(self):
        template = self.env.ref("loyalty_tier.mail_template_loyalty_campaign")
        template.update_field_translations("subject", {"fr_FR": "{{ object.campaign_id.name }} : votre code personnel"})
        campaign = self._campaign()
        campaign.action_launch()
        mails = self.env["mail.mail"].search(
            [("model", "=", "loyalty.card"), ("res_id", "in", campaign.coupon_ids.ids)]
        )
        self.assertEqual(len(mails), 2, "one mail per coupon, none for the program's own template")
        self.assertEqual(set(mails.mapped("state")), {"outgoing"}, "queued, sent by Odoo's mail queue")
        for coupon in campaign.coupon_ids:
            mail = mails.filtered(lambda mail, coupon=coupon: mail.res_id == coupon.id)
            self.assertEqual(mail.recipient_ids, coupon.partner_id)
            self.assertIn(coupon.code, mail.body_html)
            expected = (
                "Gold spring offer : votre code personnel"
                if coupon.partner_id == self.gold_fr
                else "Gold spring offer: your personal code"
            )
            self.assertEqual(mail.subject, expected)

    def test_redemptions_and_revenue_count_confirmed_orders_only(self):
        campaign = self._campaign()
        campaign.action_launch()
        coupon = campaign.coupon_ids.filtered(lambda card: card.partner_id == self.gold_en)
        order = self._order(self.gold_en)
        self._redeem(order, coupon)
        self.assertEqual(campaign.redeemed_count, 0, "a quotation is not a redemption")
        order.action_confirm()
        self.assertEqual(campaign.redeemed_count, 1)
        self.assertEqual(campaign.redemption_rate, 50.0)
        self.assertTrue(order.amount_untaxed)
        self.assertAlmostEqual(campaign.revenue, order.amount_untaxed, msg="untaxed, after the coupon's discount")
        results = self.env["loyalty.campaign.report"]._read_group(
            [("campaign_id", "=", campaign.id)],
            [],
            ["__count", "redeemed_count:sum", "redemption_rate:avg", "revenue:sum"],
        )
        self.assertEqual(results, [(2, 1, 50.0, order.amount_untaxed)])
        order._action_cancel()
        self.assertEqual(campaign.redeemed_count, 0)
        self.assertEqual(campaign.revenue, 0.0)

    def test_done_campaign_issues_nothing_more(self):
        campaign = self._campaign()
        campaign.action_launch()
        campaign.action_done()
        with self.assertRaisesRegex(UserError, "is done"):
            campaign.action_launch()

    def test_only_sales_managers_run_campaigns(self):
        campaign = self._campaign()
        for user in (self.salesman_all, self.salesman_own, self.stock_user, self.portal):
            with self.assertRaises(AccessError):
                campaign.with_user(user).action_launch()
        self.assertFalse(campaign.coupon_ids)
        campaign.with_user(self.manager).action_launch()
        self.assertEqual(len(campaign.coupon_ids), 2)
        self.assertEqual(campaign.with_user(self.salesman_all).coupon_count, 2, "readable by all-documents sales")
        with self.assertRaises(AccessError):
            campaign.with_user(self.salesman_own).read(["name"])
