from datetime import timedelta

from odoo.fields import Command
from odoo.tests import tagged

from .common import LoyaltyPointsCommon
from .tier_common import LoyaltyTierCase


@tagged("post_install", "-at_install")
class TestCachedEarningFacts(LoyaltyPointsCommon):
    """The programs' money rules and the loyalty programs are registry caches (read once per worker, not per page):
    every change that matters clears them, so a page never shows what the rules said before."""

    def _points(self):
        return self.program._points_for_value(100.0, self.eur)

    def test_points_for_a_price_are_cached_and_follow_every_change_of_the_rules(self):
        rule = self.program.rule_ids
        self.assertEqual(self._points(), 100.0)
        with self.assertQueryCount(0):  # the rules come from the cache
            self.assertEqual(self._points(), 100.0)
        rule.reward_point_amount = 2.0
        self.assertEqual(self._points(), 200.0)
        rule.minimum_amount = 150.0
        self.assertEqual(self._points(), 0.0, "below the rule's minimum purchase")
        second = self.env["loyalty.rule"].create(
            {"program_id": self.program.id, "reward_point_mode": "money", "reward_point_amount": 0.5}
        )
        self.assertEqual(self._points(), 50.0)
        second.code = "CLUBCODE"  # a rule that needs a code gives nothing to a product page
        self.assertEqual(self._points(), 0.0)
        second.code = False
        second.active = False
        self.assertEqual(self._points(), 0.0)
        second.active = True
        second.reward_point_mode = "order"
        self.assertEqual(self._points(), 0.0, "points per order are no points for a price")
        second.unlink()
        rule.minimum_amount = 0.0
        self.assertEqual(self._points(), 200.0)
        rule.unlink()
        self.assertEqual(self._points(), 0.0)

    def test_an_archived_rule_gives_no_points_whoever_fills_the_cache(self):
        # The cache is shared by every caller: the first one after a change may carry active_test=False (a backend
        # list showing archived records), and what it caches is what the product page shows to everyone.
        self.env["loyalty.rule"].create(
            {"program_id": self.program.id, "reward_point_mode": "money", "reward_point_amount": 5.0, "active": False}
        )
        self.assertEqual(self.program.with_context(active_test=False)._points_for_value(100.0, self.eur), 100.0)
        self.assertEqual(self._points(), 100.0)

    def test_a_program_deleted_or_turned_into_a_promotion_earns_nothing_any_more(self):
        order = self._order()
        self.assertIn(self.program, order._loyalty_points_preview())
        other = self.program.copy({"name": "Second club"})
        self.assertEqual(set(order._loyalty_points_preview()), {self.program, other})
        self.assertEqual(other._points_for_value(100.0, self.eur), 100.0)
        other.program_type = "promotion"
        self.assertEqual(set(order._loyalty_points_preview()), {self.program})
        self.assertEqual(other._points_for_value(100.0, self.eur), 0.0)
        other.program_type = "loyalty"
        self.assertEqual(set(order._loyalty_points_preview()), {self.program, other})
        other.action_archive()  # loyalty refuses to delete an active program
        self.assertEqual(set(order._loyalty_points_preview()), {self.program})
        other.unlink()
        self.assertEqual(set(order._loyalty_points_preview()), {self.program})

    def test_an_archived_program_earns_again_once_unarchived(self):
        # The cached programs are the active ones (a cart does not read archived ones): archiving clears the cache.
        order = self._order()
        self.program.action_archive()
        self.assertEqual(order._loyalty_points_preview(), {})
        self.program.action_unarchive()
        self.assertIn(self.program, order._loyalty_points_preview())

    def test_an_archived_program_stays_out_whoever_fills_the_cache(self):
        # The first caller after archiving may carry active_test=False (a backend list showing archived records).
        self.program.action_archive()
        Program = self.env["loyalty.program"].with_context(active_test=False)
        self.assertNotIn(self.program.id, Program._loyalty_card_program_ids())
        self.assertNotIn(self.program, self._order()._loyalty_points_preview())

    def test_resequencing_the_promotions_keeps_the_cached_facts(self):
        # The programs list writes the sequence of every program it reorders: a promotion is in no cache, and clearing
        # the registry cache would clear Odoo's own (access rules, record rules, menus) in every worker.
        promotion = self.env["loyalty.program"].create({"name": "Spring Sale", "program_type": "promotion"})
        Program = self.env["loyalty.program"]
        cached = (
            Program._loyalty_card_program_ids,
            Program._loyalty_money_rates,
            Program._tier_perk_facts,
            Program._loyalty_stored_value_product_ids,
        )
        for method in cached:
            method()
        promotion.write({"sequence": promotion.sequence + 10})
        with self.assertQueryCount(0):
            for method in cached:
                method()
        self.program.write({"sequence": self.program.sequence + 10})  # a loyalty program's order is cached
        with self.assertQueryCount(1):
            Program._loyalty_card_program_ids()

    def test_the_preview_sees_a_card_given_taken_or_archived_in_the_same_transaction(self):
        gold = self.env["loyalty.tier"].create(
            {"program_id": self.program.id, "name": "Gold", "points_multiplier": 2.0}
        )
        order = self._order()
        self.assertEqual(order._loyalty_points_preview()[self.program]["value"], 100.0)
        card = self.env["loyalty.card"].create(
            {"program_id": self.program.id, "partner_id": self.customer.id, "points": 0}
        )
        card.tier_id = gold
        self.assertEqual(order._loyalty_points_preview()[self.program]["value"], 200.0)
        self.assertEqual(order._loyalty_partner_tiers(), gold)
        card.action_archive()
        self.assertEqual(order._loyalty_points_preview()[self.program]["value"], 100.0)
        card.action_unarchive()
        card.partner_id = self.env["res.partner"].create({"name": "Someone else"})
        self.assertEqual(order._loyalty_points_preview()[self.program]["value"], 100.0)
        self.assertFalse(order._loyalty_partner_tiers())
        card.partner_id = self.customer
        self.assertEqual(order._loyalty_points_preview()[self.program]["value"], 200.0)
        card.sudo().unlink()
        self.assertEqual(order._loyalty_points_preview()[self.program]["value"], 100.0)


@tagged("post_install", "-at_install")
class TestCachedPerkFacts(LoyaltyTierCase):
    """Which programs are perks, and for which tiers, is a registry cache too: a program's perk fields, a new perk
    program, a deleted tier or program each clear it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.silver_partner, cls.silver_card = cls._customer("Sam Silver", cls.silver)
        cls.promotion = cls.env["loyalty.program"].create(
            {
                "name": "Spring 5%",
                "program_type": "promotion",
                "trigger": "auto",
                "applies_on": "current",
                "rule_ids": [Command.create({"minimum_amount": 0})],
                "reward_ids": [
                    Command.create(
                        {
                            "reward_type": "discount",
                            "discount": 5,
                            "discount_mode": "percent",
                            "discount_applicability": "order",
                        }
                    )
                ],
            }
        )

    def _refusal(self):
        return self._order(self.silver_partner, 100.0, confirm=False)._loyalty_tier_refusal(self.promotion)

    def test_perk_checks_follow_the_programs_perk_fields(self):
        self.assertFalse(self.promotion._tier_is_perk())
        self.assertIsNone(self._refusal())
        self.promotion.required_tier_ids = self.gold
        self.assertEqual(self._refusal(), "Spring 5% is reserved for members of Gold.")
        with self.assertQueryCount(0):  # the perk facts come from the cache
            self.assertEqual(self.promotion._tier_perk_tier_ids(), (frozenset(self.gold.ids), frozenset()))
        self.promotion.required_tier_ids = self.silver | self.gold
        self.assertIsNone(self._refusal())
        self.promotion.required_tier_ids = False
        self.promotion.birthday_month_only = True
        self.assertIn("birthday offer", self._refusal())
        self.promotion.birthday_month_only = False
        self.assertFalse(self.promotion._tier_is_perk())
        self.promotion.write(
            {
                "date_from": self.today + timedelta(days=5),
                "early_access_date": self.today,
                "early_access_tier_ids": [Command.set(self.gold.ids)],
            }
        )
        self.assertTrue(self.env["loyalty.program"]._tier_early_access_in_use())
        self.assertIn("members of Gold have early access", self._refusal())

    def test_a_new_perk_program_and_a_deleted_one_are_seen_at_once(self):
        Program = self.env["loyalty.program"]
        self.assertNotIn(self.promotion.id, Program._tier_perk_facts())
        perk = self.promotion.copy({"name": "Gold 10%", "required_tier_ids": [Command.set(self.gold.ids)]})
        self.assertEqual(perk._tier_perk_tier_ids(), (frozenset(self.gold.ids), frozenset()))
        perk_id = perk.id
        perk.action_archive()  # loyalty refuses to delete an active program
        self.assertEqual(perk._tier_perk_tier_ids(), (frozenset(self.gold.ids), frozenset()), "archived: still known")
        perk.unlink()
        self.assertNotIn(perk_id, Program._tier_perk_facts())

    def test_a_deleted_tier_no_longer_keeps_a_program(self):
        self.promotion.required_tier_ids = self.gold
        self.assertTrue(self.promotion._tier_is_perk())
        self.gold.unlink()
        self.assertFalse(self.promotion._tier_is_perk())
        self.assertIsNone(self._refusal())
