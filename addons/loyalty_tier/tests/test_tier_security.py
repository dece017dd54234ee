from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .tier_common import LoyaltyTierCase


@tagged("post_install", "-at_install")
class TestTierSecurity(LoyaltyTierCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner, cls.card = cls._customer("Rita Roles", cls.gold)
        cls.history = cls.env["loyalty.tier.history"].create(
            {
                "card_id": cls.card.id,
                "new_tier_id": cls.gold.id,
                "direction": "up",
                "reason": "Test",
            }
        )
        cls.manager = new_test_user(cls.env, "tier_manager", groups="sales_team.group_sale_manager")
        cls.salesman_all = new_test_user(
            cls.env, "tier_salesman_all", groups="sales_team.group_sale_salesman_all_leads"
        )
        cls.salesman_own = new_test_user(cls.env, "tier_salesman_own", groups="sales_team.group_sale_salesman")
        cls.stock_user = new_test_user(cls.env, "tier_stock_user", groups="base.group_user")
        cls.portal = new_test_user(cls.env, "tier_portal", groups="base.group_portal")
        cls.public = cls.env.ref("base.public_user")

    def test_manager_configures_tiers(self):
        tier = self.gold.with_user(self.manager)
        tier.points_multiplier = 3
        self.assertEqual(tier.points_multiplier, 3)
        self.assertEqual(self.history.with_user(self.manager).reason, "Test")

    def test_nobody_deletes_tier_history_not_even_the_sales_manager(self):
        # The history is the customer's record of why their tier changed: a manager could erase an unfair downgrade.
        for user in (self.manager, self.salesman_all, self.salesman_own):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.history.with_user(user).unlink()
        self.assertTrue(self.history.exists())

    def test_salespeople_read_tiers_and_history_but_cannot_change_them(self):
        for user in (self.salesman_all, self.salesman_own):
            with self.subTest(user=user.login):
                self.assertEqual(self.gold.with_user(user).name, "Gold")
                self.assertEqual(self.card.with_user(user).tier_id, self.gold)
                self.assertEqual(self.history.with_user(user).reason, "Test")
                with self.assertRaises(AccessError):
                    self.gold.with_user(user).points_multiplier = 5
                with self.assertRaises(AccessError):
                    self.history.with_user(user).reason = "Forged"
                with self.assertRaises(AccessError):
                    self.env["loyalty.tier.history"].with_user(user).create(
                        {"card_id": self.card.id, "direction": "up", "reason": "Forged"}
                    )

    def test_other_roles_see_nothing(self):
        for user in (self.stock_user, self.portal, self.public):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.gold.with_user(user).read(["name"])
                with self.assertRaises(AccessError):
                    self.history.with_user(user).read(["reason"])
                with self.assertRaises(AccessError):
                    self.env["loyalty.tier"].with_user(user).create({"program_id": self.program.id, "name": "Mine"})

    def test_tiers_of_another_company_are_hidden(self):
        other_company = self.env["res.company"].create({"name": "Other Shop"})
        other_program = self.env["loyalty.program"].create(
            {
                "name": "Other club",
                "program_type": "loyalty",
                "company_id": other_company.id,
                "tier_ids": [(0, 0, {"name": "Elsewhere Gold"})],
            }
        )
        tiers = self.env["loyalty.tier"].with_user(self.manager).search([])
        self.assertIn(self.gold, tiers)
        self.assertNotIn(other_program.tier_ids, tiers)
