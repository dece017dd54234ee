import base64
import json
import re

from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import SQL


@tagged("post_install", "-at_install")
class TestLoyaltyPrivacy(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, loyalty_no_mail=True))
        cls.admin = new_test_user(
            cls.env, login="loyalty_privacy_admin", groups="crm_customer_insight.group_customer_insight_admin"
        )
        cls.agent = new_test_user(
            cls.env, login="loyalty_privacy_agent", groups="crm_customer_insight.group_customer_insight_agent"
        )
        cls.program = cls.env["loyalty.program"].create(
            {
                "name": "Stride Club",
                "program_type": "loyalty",
                "tier_ids": [Command.create({"name": "Gold", "sequence": 1, "qualify_by": "spend", "min_spend": 0})],
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Lan Loyal", "email": "lan@loyal.example", "user_id": cls.agent.id, "birthdate_date": "1990-05-17"}
        )
        cls.card = cls.env["loyalty.card"].create({"program_id": cls.program.id, "partner_id": cls.customer.id})
        cls.env["loyalty.history"].create({"card_id": cls.card.id, "description": "Welcome gift", "issued": 50.0})
        cls.env["loyalty.tier.history"].create(
            {
                "card_id": cls.card.id,
                "new_tier_id": cls.program.tier_ids.id,
                "direction": "up",
                "reason": "12-month spend reached Gold's",
            }
        )

    def test_timeline_shows_points_and_tier_changes_to_the_customers_agent(self):
        action = self.customer.with_user(self.agent).action_insight_open_timeline()
        events = self.env["crm.customer.timeline.event"].with_user(self.agent).search(action["domain"])
        points = events.filtered(lambda event: event.kind == "loyalty")
        self.assertEqual((points.title, points.detail, points.amount), ("Stride Club", "Welcome gift", 50.0))
        tier = events.filtered(lambda event: event.kind == "tier")
        self.assertEqual((tier.title, tier.detail), ("Gold", "12-month spend reached Gold's"))
        self.assertEqual((tier.res_model, tier.res_id), ("loyalty.card", self.card.id))

    def test_loyalty_parts_of_one_customer_timeline_read_through_indexes(self):
        timeline = self.env["crm.customer.timeline.event"].with_user(self.agent)
        query = timeline._search([("partner_id", "=", self.customer.id)])
        self.env.flush_all()
        self.cr.execute("SET enable_seqscan = off")
        try:
            self.cr.execute(SQL("EXPLAIN %s", query.select()))
            plan = "\n".join(row[0] for row in self.cr.fetchall())
        finally:
            self.cr.execute("RESET enable_seqscan")
        self.assertEqual(re.findall(r"Seq Scan on (\w+)", plan), [], plan)

    def test_export_carries_the_loyalty_cards_points_and_tiers(self):
        action = self.customer.with_user(self.admin)._insight_privacy_export("json")
        attachment = self.env["ir.attachment"].browse(int(action["url"].split("/web/content/")[1].split("?")[0]))
        data = json.loads(base64.b64decode(attachment.datas))
        self.assertEqual([row["program_id"] for row in data["loyalty_cards"]], ["Stride Club"])
        self.assertEqual(
            [(row["description"], row["issued"]) for row in data["loyalty_history"]], [("Welcome gift", 50.0)]
        )
        self.assertEqual([row["new_tier_id"] for row in data["loyalty_tiers"]], ["Gold"])

    def test_erasure_clears_the_birth_date(self):
        self.customer.with_user(self.admin)._insight_privacy_erase()
        self.assertFalse(self.customer.birthdate_date)
        self.assertTrue(self.customer.insight_privacy_erased)
        self.assertEqual(
            self.card.partner_id, self.customer, "the card and its points stay, with the anonymous customer"
        )
