from datetime import datetime

from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user, tagged

NOW = datetime(2026, 6, 15, 9, 0)


@tagged("post_install", "-at_install")
class TestLoyaltyTierSuggestion(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, loyalty_no_mail=True))
        cls.env["loyalty.program"].search([]).write({"active": False})
        cls.agent = new_test_user(cls.env, "tier_agent", groups="crm_customer_insight.group_customer_insight_agent")
        cls.program = cls.env["loyalty.program"].create(
            {
                "name": "Stride Club",
                "program_type": "loyalty",
                "trigger": "auto",
                "applies_on": "both",
                "tier_ids": [
                    Command.create({"name": "Silver", "sequence": 1, "qualify_by": "spend", "min_spend": 500}),
                    Command.create({"name": "Gold", "sequence": 2, "qualify_by": "spend", "min_spend": 1000}),
                ],
            }
        )
        cls.silver, cls.gold = cls.program.tier_ids.sorted("sequence")
        cls.close, cls.close_card = cls._member("Clara Close", cls.silver, 900.0, user_id=cls.agent.id)
        cls.far, cls.far_card = cls._member("Finn Far", cls.silver, 600.0)
        cls.top, cls.top_card = cls._member("Tess Top", cls.gold, 1500.0)

    @classmethod
    def _member(cls, name, tier, spend, **partner_values):
        partner = cls.env["res.partner"].create({"name": name, "customer_rank": 1, **partner_values})
        return partner, cls._card(partner, tier, spend)

    @classmethod
    def _card(cls, partner, tier, spend):
        return cls.env["loyalty.card"].create(
            {
                "program_id": cls.program.id,
                "partner_id": partner.id,
                "points": 120,
                "tier_id": tier.id,
                "tier_spend_12m": spend,
                "tier_orders_12m": 4,
            }
        )

    def _suggestions(self):
        suggestions = self.env["crm.customer.suggestion"]
        suggestions._generate_suggestions(now=NOW)
        # Only this test's members: a database with a demo shop has its own club members close to a tier.
        members = self.close | self.far | self.top
        return suggestions.search([("kind", "=", "loyalty_tier"), ("partner_id", "in", members.ids)])

    def test_a_member_close_to_the_next_tier_gets_a_suggestion(self):
        suggestion = self._suggestions()
        self.assertEqual(suggestion.partner_id, self.close)
        self.assertEqual(suggestion.reference, f"{self.close_card.id}:{self.gold.id}")
        self.assertIn("100.00", suggestion.reason)
        self.assertIn("reaches Gold (now", suggestion.reason)
        self.assertIn("900.00", suggestion.reason)
        self.assertIn("4 orders", suggestion.reason)

    def test_a_read_only_user_reads_the_reason(self):
        """The reason is written when read: a read-only user (no access to loyalty tiers) still reads it."""
        suggestion = self._suggestions()
        reader = new_test_user(
            self.env, "tier_reader", groups="crm_customer_insight.group_customer_insight_readonly"
        )
        self.assertIn("reaches Gold (now", suggestion.with_user(reader).reason)

    def test_the_reason_is_still_read_once_its_tier_is_deleted(self):
        """A tier may be deleted (its cards fall back to none): the suggestions naming it still open."""
        suggestion = self._suggestions()
        self.gold.unlink()
        suggestion.invalidate_recordset(["reason"])
        self.assertIn("900.00", suggestion.reason)

    def test_a_card_of_a_company_contact_proposes_the_company_usual_products(self):
        # Metrics and suggestions live on the commercial partner: a card held by a company's contact must propose
        # what the company usually orders, not nothing.
        company = self.env["res.partner"].create({"name": "Acme Shoes", "is_company": True, "customer_rank": 1})
        buyer = self.env["res.partner"].create({"name": "Ada at Acme", "parent_id": company.id, "type": "contact"})
        boots = self.env["product.product"].create({"name": "Acme Boots", "type": "consu", "list_price": 90.0})
        order = self.env["sale.order"].create(
            {"partner_id": buyer.id, "order_line": [Command.create({"product_id": boots.id})]}
        )
        order.action_confirm()
        self._card(buyer, self.silver, 950.0)
        self.env["crm.customer.suggestion"]._generate_suggestions(now=NOW)
        suggestion = self.env["crm.customer.suggestion"].search(
            [("kind", "=", "loyalty_tier"), ("partner_id", "=", company.id)]
        )
        self.assertEqual(suggestion.product_ids, boots)

    def test_the_suggestion_stays_dismissed_and_goes_when_the_tier_is_reached(self):
        suggestion = self._suggestions()
        suggestion.action_dismiss()
        self.assertEqual(self._suggestions(), suggestion)
        self.far_card.tier_spend_12m = 950.0
        self.assertEqual(self._suggestions().partner_id, self.close | self.far)

    def test_an_open_suggestion_is_removed_once_the_member_reaches_the_tier(self):
        suggestion = self._suggestions()
        self.close_card.write({"tier_id": self.gold.id, "tier_spend_12m": 1010.0})
        self._suggestions()
        self.assertFalse(suggestion.exists())

    def test_the_agent_sees_the_suggestion_of_their_customer_and_turns_it_into_an_opportunity(self):
        self._suggestions()
        suggestion = self.env["crm.customer.suggestion"].with_user(self.agent).search([("kind", "=", "loyalty_tier")])
        self.assertEqual(suggestion.partner_id, self.close)
        suggestion.action_create_opportunity()
        self.assertEqual(suggestion.lead_id.name, "Close to the next loyalty tier: Clara Close")
