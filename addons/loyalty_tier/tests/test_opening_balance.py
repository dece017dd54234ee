from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.loyalty_tier import post_init_hook

from .common import DAY_1, DAY_2, LoyaltyPointsCommon


@tagged("post_install", "-at_install")
class TestOpeningBalance(LoyaltyPointsCommon):
    """Cards holding points before the addon was installed (Odoo's loyalty writes a card's points without a history
    line when it is created with them) get an opening line, so the balance is the sum of the history."""

    def _odoo_card(self, points, name="Early Eve"):
        partner = self.env["res.partner"].create({"name": name})
        return self.env["loyalty.card"].create(
            {"program_id": self.program.id, "partner_id": partner.id, "points": points}
        )

    def _opening(self, card):
        return card.history_ids.filtered(lambda line: line.entry_kind == "opening")

    def test_install_hook_opens_the_balance_of_cards_without_history(self):
        card = self._odoo_card(80.0)
        self.assertFalse(card.history_ids)
        with freeze_time(DAY_1):
            post_init_hook(self.env)
        opening = self._opening(card)
        self.assertEqual(len(opening), 1)
        self.assertRecordValues(
            opening,
            [
                {
                    "issued": 80.0,
                    "used": 0.0,
                    "points_remaining": 80.0,
                    "entry_date": DAY_1,
                    "expiry_date": DAY_1 + timedelta(days=365),  # valid as long as points earned that day
                }
            ],
        )
        self.assertIn("Opening balance", opening.description)
        self.assertEqual(card.points, 80.0)
        self.assertBalanceIsHistory(card)
        post_init_hook(self.env)  # run again: the balance is the history, nothing more is written
        self.assertEqual(len(card.history_ids), 1)

    def test_install_hook_leaves_cards_whose_history_is_the_balance(self):
        card = self._odoo_card(0.0)
        self.env["loyalty.card.update.balance"].create(
            {"card_id": card.id, "new_balance": 30.0, "description": "Welcome gift"}
        ).action_update_card_point()
        self.assertEqual(card.points, 30.0)
        post_init_hook(self.env)
        self.assertFalse(self._opening(card))

    def test_install_hook_records_a_balance_below_the_history_as_used(self):
        card = self._odoo_card(0.0)
        self.env["loyalty.history"].create({"card_id": card.id, "description": "Imported", "issued": 50.0})
        card.points = 20.0  # written without a line, as an import would
        post_init_hook(self.env)
        self.assertRecordValues(self._opening(card), [{"issued": 0.0, "used": 30.0}])
        self.assertBalanceIsHistory(card)

    def test_first_earning_opens_the_balance_first(self):
        card = self._odoo_card(50.0, name="Loyal before")
        order = self._order(partner=card.partner_id)
        self._confirm(order, DAY_1)
        self.assertEqual(card.points, 150.0)
        self.assertEqual(self._opening(card).issued, 50.0)
        self.assertLess(self._opening(card).id, self._lines(order, "value").id)
        self.assertBalanceIsHistory(card)

    def test_expiry_run_opens_the_balance_first_and_the_opening_points_expire_like_earned_ones(self):
        card = self._odoo_card(40.0)
        with freeze_time(DAY_1):
            self.env["loyalty.program"]._cron_expire_points(today=DAY_1)
        opening = self._opening(card)
        self.assertEqual(opening.expiry_date, DAY_1 + timedelta(days=365))
        self.assertEqual(card.points, 40.0)
        self.env["loyalty.program"]._cron_expire_points(today=DAY_2 + timedelta(days=365))
        card.invalidate_recordset()
        self.assertEqual(card.points, 0.0)
        self.assertBalanceIsHistory(card)
