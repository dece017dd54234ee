from datetime import date, timedelta

from freezegun import freeze_time
from psycopg2.errors import CheckViolation

from odoo.exceptions import ValidationError
from odoo.fields import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from .tier_common import LoyaltyTierCase


@tagged("post_install", "-at_install")
class TestTierEvaluation(LoyaltyTierCase):
    def test_a_review_dates_each_program_by_its_own_company_timezone(self):
        # 20:00 UTC on 15 June is already 16 June at Kiritimati (UTC+14), where the program's company is; the review
        # runs under another company (UTC), as a multi-company cron may.
        company = self.program.company_id or self.env.company
        self.program.company_id = company
        company.partner_id.tz = "Pacific/Kiritimati"
        elsewhere = self.env["res.company"].create({"name": "Stride Elsewhere"})
        _partner, card = self._customer("Kai Islands")
        with freeze_time("2026-06-15 20:00:00"):
            card.with_company(elsewhere)._tier_review()
        self.assertEqual((card.tier_id, card.tier_since), (self.member, date(2026, 6, 16)))
        self.assertEqual(card.tier_history_ids.date, date(2026, 6, 16))

    def test_spend_reaching_gold_upgrades_at_once_before_the_review(self):
        partner, card = self._customer("Ada Silver", self.silver)
        review_date = card.tier_review_date
        self._order(partner, 1240.0)
        self.assertGreater(review_date, self.today)

        card._tier_upgrade_check()

        self.assertEqual(card.tier_id, self.gold)
        self.assertEqual(card.tier_since, self.today)
        self.assertEqual(card.tier_review_date, self.today + timedelta(days=365))
        self.assertEqual(card.tier_spend_12m, 1240.0)
        history = card.tier_history_ids
        self.assertEqual(len(history), 1)
        self.assertEqual((history.old_tier_id, history.new_tier_id, history.direction), (self.silver, self.gold, "up"))
        self.assertIn("12-month spend", history.reason)
        self.assertIn("reached Gold's", history.reason)
        self.assertIn("1,240.00", history.reason)
        self.assertIn("1,000.00", history.reason)

    def test_number_of_orders_reaches_silver_with_the_reason(self):
        partner, card = self._customer("Bao Frequent")
        for days_ago in (3, 40, 100):
            self._order(partner, 20.0, days_ago=days_ago)

        card._tier_upgrade_check()

        self.assertEqual(card.tier_id, self.silver)
        self.assertEqual(card.tier_orders_12m, 3)
        self.assertIn("3 orders in 12 months reached Silver's 3", card.tier_history_ids.reason)

    def test_upgrade_check_never_downgrades(self):
        partner, card = self._customer(
            "Chloe Quiet",
            self.gold,
            tier_review_date=self.today - timedelta(days=1),
            tier_below_since=self.today - timedelta(days=90),
        )
        card._tier_upgrade_check()
        self.assertEqual(card.tier_id, self.gold)
        self.assertFalse(card.tier_history_ids)

    def test_only_confirmed_orders_of_the_last_365_days_count(self):
        partner, card = self._customer("Dara Counted")
        self._order(partner, 100.0, days_ago=364)
        self._order(partner, 5000.0, days_ago=366)
        self._order(partner, 5000.0, confirm=False)
        self._order(partner, 5000.0)._action_cancel()

        card._tier_upgrade_check()

        self.assertEqual((card.tier_spend_12m, card.tier_orders_12m), (100.0, 1))
        self.assertEqual(card.tier_id, self.member)

    def test_no_downgrade_before_the_review_date(self):
        partner, card = self._customer("Emil Lapsed", self.gold)
        self._order(partner, 50.0, days_ago=5)

        counts = self.program._cron_review_tiers()

        self.assertEqual(counts["downgrades"], 0)
        self.assertEqual(card.tier_id, self.gold)
        self.assertEqual(card.tier_below_since, self.today, "the fall is remembered for the grace")
        self.assertFalse(card.tier_history_ids)

    def test_downgrade_only_at_the_review_after_the_grace(self):
        partner, card = self._customer("Farah Fading", self.gold, tier_review_date=self.today)
        self._order(partner, 600.0, days_ago=10)

        self.program._cron_review_tiers()
        self.assertEqual(card.tier_id, self.gold, "the grace starts at the review that finds the member below")
        self.assertEqual(card.tier_review_date, self.today + timedelta(days=30))

        self.program._cron_review_tiers(today=self.today + timedelta(days=29))
        self.assertEqual(card.tier_id, self.gold)

        counts = self.program._cron_review_tiers(today=self.today + timedelta(days=30))
        self.assertEqual(counts["downgrades"], 1)
        self.assertEqual(card.tier_id, self.silver, "down to the tier still reached, not to the bottom")
        history = card.tier_history_ids
        self.assertEqual(
            (history.old_tier_id, history.new_tier_id, history.direction), (self.gold, self.silver, "down")
        )
        self.assertIn("no longer reach Gold", history.reason)
        self.assertIn("New tier: Silver", history.reason)

    def test_member_qualifying_again_within_the_grace_keeps_the_tier(self):
        partner, card = self._customer("Gus Back", self.gold, tier_review_date=self.today)
        self.program._cron_review_tiers()
        self.assertEqual(card.tier_below_since, self.today)
        self._order(partner, 1500.0)

        self.program._cron_review_tiers(today=self.today + timedelta(days=30))

        self.assertEqual(card.tier_id, self.gold)
        self.assertFalse(card.tier_below_since)
        self.assertFalse(card.tier_history_ids)

    def test_order_in_another_currency_counts_at_the_order_date_rate(self):
        foreign = self.env["res.currency"].create({"name": "TSC", "symbol": "T", "rounding": 0.01})
        self.env["res.currency.rate"].create(
            [
                {"currency_id": foreign.id, "name": self.today - timedelta(days=20), "rate": 4.0},
                {"currency_id": foreign.id, "name": self.today - timedelta(days=5), "rate": 2.0},
            ]
        )
        partner, card = self._customer("Hana Abroad")
        self._order(partner, 2000.0, days_ago=10, currency=foreign)

        card._tier_upgrade_check()

        self.assertEqual(card.tier_spend_12m, 500.0, "2,000 at the rate of 4 of the order's date, not today's 2")
        self.assertEqual(card.tier_id, self.silver)

    def test_delivery_and_gift_card_purchases_are_not_spend(self):
        partner, card = self._customer("Ines Gifts")
        order = self._order(partner, 300.0, confirm=False)
        gift_card_product = self.env["product.product"].create({"name": "Gift card 500", "type": "service"})
        self.env["loyalty.program"].create(
            {
                "name": "Gift cards",
                "program_type": "gift_card",
                "trigger": "auto",
                "applies_on": "future",
                "rule_ids": [
                    Command.create(
                        {
                            "product_ids": [Command.link(gift_card_product.id)],
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
        carrier = self.env["delivery.carrier"].create(
            {
                "name": "Courier",
                "fixed_price": 15.0,
                "product_id": self.env["product.product"].create({"name": "Courier", "type": "service"}).id,
            }
        )
        order.write(
            {
                "order_line": [
                    Command.create(
                        {
                            "product_id": gift_card_product.id,
                            "product_uom_qty": 1,
                            "price_unit": 500.0,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ]
            }
        )
        order.set_delivery_line(carrier, 15.0)
        order.action_confirm()

        card._tier_upgrade_check()

        self.assertEqual(card.tier_spend_12m, 300.0)

    def test_cron_reviews_every_card_in_batches_and_returns_counts(self):
        cards = self.env["loyalty.card"]
        for index in range(5):
            partner, card = self._customer(f"Batch {index}")
            self._order(partner, 1200.0 if index % 2 else 50.0)
            cards |= card

        counts = self.program._cron_review_tiers(batch_size=2)

        self.assertEqual(counts, {"cards": 5, "upgrades": 5, "downgrades": 0, "batches": 3})
        self.assertEqual([card.tier_id.name for card in cards], ["Member", "Gold", "Member", "Gold", "Member"])
        self.assertEqual(self.program._cron_review_tiers(batch_size=2)["upgrades"], 0, "a second run changes nothing")

    def test_review_query_count_does_not_grow_with_the_cards(self):
        """The review of 50 cards costs exactly the queries of 5: one aggregate of the orders per batch, the card
        reads, one flush of the writes and one insert of the history, whatever the batch size."""
        warm_up, small, large = (self._cards_with_orders(count) for count in (1, 5, 50))
        warm_up._tier_review()
        self.env.invalidate_all()
        with self.assertQueryCount(11):
            small._tier_review()
        self.env.invalidate_all()
        with self.assertQueryCount(11):
            large._tier_review()
        self.assertEqual(set(large.mapped("tier_id.name")), {"Member", "Silver", "Gold"})

    def _cards_with_orders(self, count):
        partners = self.env["res.partner"].create([{"name": f"Bulk {count}-{index}"} for index in range(count)])
        cards = self.env["loyalty.card"].create(
            [{"program_id": self.program.id, "partner_id": partner.id} for partner in partners]
        )
        orders = self.env["sale.order"].create(
            [
                {
                    "partner_id": partner.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.product.id,
                                "price_unit": (100.0, 600.0, 1100.0)[index % 3],
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
                for index, partner in enumerate(partners)
            ]
        )
        # The review reads confirmed orders only; sale_loyalty's confirmation flow is not what is measured here.
        orders.write({"state": "sale"})
        self.env.flush_all()
        return cards

    def test_progress_towards_the_next_tier(self):
        partner, card = self._customer("Jun Climbing")
        self._order(partner, 250.0)
        card._tier_upgrade_check()

        progress = card._tier_progress()

        self.assertEqual(progress["tier"], self.member)
        self.assertEqual(progress["next_tier"], self.silver)
        self.assertEqual((progress["spend"], progress["orders"]), (250.0, 1))
        self.assertEqual(progress["missing_spend"], 250.0)
        self.assertEqual(progress["missing_orders"], 0, "either criterion is enough: the closer one is shown")
        self.assertAlmostEqual(progress["ratio"], 0.5)

    def test_progress_at_the_top_tier_is_complete(self):
        partner, card = self._customer("Kai Top", self.gold)
        progress = card._tier_progress()
        self.assertFalse(progress["next_tier"])
        self.assertEqual(progress["ratio"], 1.0)

    def test_thresholds_must_grow_with_rank(self):
        with self.assertRaisesRegex(ValidationError, "Tier Gold"):
            self.gold.min_spend = 400.0

    @mute_logger("odoo.sql_db")
    def test_thresholds_cannot_be_negative(self):
        with self.assertRaises(CheckViolation):
            self.env["loyalty.tier"].create(
                {"program_id": self.program.id, "name": "Negative", "sequence": 99, "min_spend": -1}
            )
