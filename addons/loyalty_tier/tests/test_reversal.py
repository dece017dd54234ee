from freezegun import freeze_time

from odoo.tests import tagged

from .common import DAY_1, DAY_2, LoyaltyPointsCommon


@tagged("post_install", "-at_install")
class TestLoyaltyReversal(LoyaltyPointsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.program.write({"frequency_bonus_nth": 1, "frequency_bonus_points": 20})

    def test_cancelling_reverses_every_earning_line(self):
        order = self._confirm(self._order(), DAY_1)
        order._action_cancel()
        reversals = self._lines(order, "reversal")
        self.assertEqual(sorted(reversals.mapped("used")), [20.0, 100.0])
        self.assertEqual(reversals.source_line_id, self._lines(order).filtered(lambda line: line.issued))
        self.assertEqual(self._card().points, 0.0)
        self.assertBalanceIsHistory(self._card())

    def test_full_refund_reverses_value_and_bonuses(self):
        order = self._confirm(self._order(qty=4), DAY_1)
        self._refund(self._invoice(order))
        self.assertEqual(sum(self._lines(order, "reversal").mapped("used")), 420.0)
        self.assertEqual(self._card().points, 0.0)
        self.assertBalanceIsHistory(self._card())

    def test_partial_refund_reverses_its_share_of_the_value_only(self):
        order = self._confirm(self._order(qty=4), DAY_1)
        invoice = self._invoice(order)
        refund = self._refund(invoice, qty=1)
        self.assertEqual(self._lines(order, "reversal").used, 100.0)
        self.assertEqual(self._lines(order, "reversal").refund_move_id, refund)
        self._refund(invoice, qty=1)
        self.assertEqual(sum(self._lines(order, "reversal").mapped("used")), 200.0)
        self.assertEqual(self._card().points, 420.0 - 200.0)
        order._loyalty_reverse_points()  # a retry of the hook changes nothing
        self.assertEqual(sum(self._lines(order, "reversal").mapped("used")), 200.0)
        self.assertBalanceIsHistory(self._card())

    def test_cancelling_an_order_whose_points_were_spent_leaves_a_negative_balance(self):
        self.program.frequency_bonus_nth = 0
        order = self._confirm(self._order(), DAY_1)
        card = self._card()
        self.program.points_trigger = "paid"  # the order spending the points earns nothing yet
        spend = self._order(price=100.0)
        spend._update_programs_and_rewards()
        spend._apply_program_reward(self.program.reward_ids, card)
        self._confirm(spend, DAY_1)
        self.assertEqual(card.points, 0.0)
        order._action_cancel()
        self.assertEqual(card.points, -100.0)
        self.assertBalanceIsHistory(card)
        # The next order pays the debt back first.
        self.program.points_trigger = "confirm"
        next_order = self._order(price=150.0)
        next_order._update_programs_and_rewards()  # what the cart and the Reward button do: the card joins the order
        self._confirm(next_order, DAY_2)
        self.assertEqual(card.points, 50.0)
        self.assertEqual(sum(card.history_ids.mapped("points_remaining")), 50.0)
        self.assertBalanceIsHistory(card)

    def test_credit_note_reset_to_draft_gives_the_points_back_once(self):
        order = self._confirm(self._order(qty=4), DAY_1)
        card = self._card()
        refund = self._refund(self._invoice(order), qty=1)
        self.assertEqual(card.points, 420.0 - 100.0)
        # Reset, post, reset, post: the points come back and go again, never twice either way.
        for action, expected in (("button_draft", 420.0), ("action_post", 320.0)) * 2:
            with freeze_time(DAY_2):
                getattr(refund, action)()
            self.assertEqual(card.points, expected)
            self.assertBalanceIsHistory(card)
            order._loyalty_reverse_points()  # a retry of the hook changes nothing
            self.assertEqual(card.points, expected)
        restores = self._lines(order, "restore")
        self.assertEqual(restores.mapped("issued"), [100.0, 100.0])
        self.assertEqual(restores.refund_move_id, refund)
        self.assertEqual(restores.mapped("expiry_date"), self._lines(order, "value").mapped("expiry_date") * 2)

    def test_full_credit_note_reset_to_draft_gives_the_bonuses_back_too(self):
        order = self._confirm(self._order(qty=4), DAY_1)
        card = self._card()
        refund = self._refund(self._invoice(order))
        self.assertEqual(card.points, 0.0)
        refund.button_draft()
        self.assertEqual(card.points, 420.0)
        self.assertEqual(sum(card.history_ids.mapped("points_remaining")), 420.0)
        self.assertBalanceIsHistory(card)
        refund.action_post()
        self.assertEqual(card.points, 0.0)
        self.assertBalanceIsHistory(card)
