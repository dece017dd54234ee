from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCustomerSuggestionPhoneTour(HttpCase):
    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(
            cls.env, "suggestion_agent", groups="crm_customer_insight.group_customer_insight_agent", name="Agnes Agent"
        )
        Product = cls.env["product.product"]
        boots = Product.create({"name": "Trail Boots", "list_price": 120.0})
        socks = Product.create({"name": "Wool Socks", "list_price": 10.0})
        laces = Product.create({"name": "Spare Laces", "list_price": 3.0})
        Partner = cls.env["res.partner"]
        dora = Partner.create({"name": "Dora Due", "user_id": cls.agent.id, "insight_lifetime_value": 800.0})
        carl = Partner.create({"name": "Carl Calm", "user_id": cls.agent.id, "insight_lifetime_value": 300.0})
        Suggestion = cls.env["crm.customer.suggestion"]
        cls.dora_suggestion, cls.carl_suggestion = Suggestion.create([
            {
                "partner_id": dora.id,
                "kind": "repurchase",
                "reference": "2026-05-21",
                "reason_facts": {"rhythm": 30, "last": "2026-05-21", "expected": "2026-06-20"},
                "product_ids": [Command.set((socks | boots).ids)],
            },
            {
                "partner_id": carl.id,
                "kind": "repurchase",
                "reference": "2026-06-10",
                "reason_facts": {"rhythm": 40, "last": "2026-06-10", "expected": "2026-07-20"},
                "product_ids": [Command.set(laces.ids)],
            },
        ])

    def test_agent_works_the_suggestions_on_a_phone(self):
        self.start_tour(
            "/odoo/action-crm_customer_insight.crm_customer_suggestion_action",
            "crm_customer_suggestion_phone",
            login="suggestion_agent",
        )
        self.env.invalidate_all()
        self.assertEqual(self.dora_suggestion.state, "done")
        self.assertEqual(self.dora_suggestion.lead_id.user_id, self.agent)
        self.assertIn("Wool Socks", self.dora_suggestion.lead_id.description)
        self.assertEqual(self.carl_suggestion.state, "dismissed")
        self.assertFalse(self.carl_suggestion.lead_id)
