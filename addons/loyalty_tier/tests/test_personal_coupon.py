from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_campaign import LoyaltyCampaignCase


@tagged("post_install", "-at_install")
class TestPersonalCoupon(LoyaltyCampaignCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        campaign = cls._campaign()
        campaign.action_launch()
        cls.coupon_fr = campaign.coupon_ids.filtered(lambda card: card.partner_id == cls.gold_fr)

    def test_another_customer_cannot_use_a_personal_code(self):
        order = self._order(self.gold_en)
        lines_before, amount_before = order.order_line, order.amount_untaxed
        status = order._try_apply_code(self.coupon_fr.code)
        self.assertEqual(status, {"error": "This code is personal: only the customer it was sent to can use it."})
        self.assertEqual(order.order_line, lines_before)
        self.assertFalse(order.applied_coupon_ids)
        self.assertEqual(order.amount_untaxed, amount_before)
        self.assertEqual(self.coupon_fr.points, 1)

    def test_the_customer_it_was_issued_to_can_use_it(self):
        order = self._order(self.gold_fr)
        amount_before = order.amount_untaxed
        self._redeem(order, self.coupon_fr)
        self.assertAlmostEqual(order.amount_untaxed, amount_before * 0.9)

    def test_a_contact_of_the_company_it_was_issued_to_can_use_it(self):
        company = self.env["res.partner"].create({"name": "Gold Shoes Ltd", "is_company": True})
        coupon = self.coupons_program.coupon_ids.create(
            {"program_id": self.coupons_program.id, "partner_id": company.id, "points": 1}
        )
        buyer = self.env["res.partner"].create({"name": "Buyer", "parent_id": company.id})
        colleague_elsewhere = self.env["res.partner"].create({"name": "Someone else"})
        self.assertIn("error", self._order(colleague_elsewhere)._try_apply_code(coupon.code))
        self._redeem(self._order(buyer), coupon)

    def test_anonymous_coupons_and_gift_cards_stay_transferable(self):
        anonymous = self.env["loyalty.card"].create({"program_id": self.coupons_program.id, "points": 1})
        self._redeem(self._order(self.gold_en), anonymous)

    def test_a_quotation_moved_to_another_customer_cannot_be_confirmed_with_the_code(self):
        order = self._order(self.gold_fr)
        self._redeem(order, self.coupon_fr)
        order.partner_id = self.gold_en
        with self.assertRaisesRegex(UserError, "only the customer it was sent to can use it"):
            order.action_confirm()
        self.assertEqual(order.state, "draft")
