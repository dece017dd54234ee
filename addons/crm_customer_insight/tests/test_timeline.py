import re

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from odoo.addons.sale_order_pipeline.models.sale_order import replaying_history

from .privacy_common import PrivacyCommon
from .query_plan import plan_at_scale


@tagged("post_install", "-at_install")
class TestTimeline(PrivacyCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_privacy_records()
        cls.order.action_confirm()
        with replaying_history():
            cls.order._pipeline_move("packaging")
        cls._privacy_history()
        cls.other_order.action_confirm()
        cls.other_customer.message_post(body="Other customer's note", subtype_xmlid="mail.mt_note")

    def _events(self, user="admin", partner=None):
        # The action is the form's button; an agent cannot open another agent's customer, so the action is built
        # as superuser and only the timeline is read as the user.
        action = (partner or self.contact).action_insight_open_timeline()
        return self.env[action["res_model"]].with_user(self.users[user]).search(action["domain"])

    def test_timeline_gathers_orders_stages_mails_notes_activities_and_feedback_of_the_customer(self):
        events = self._events()
        self.assertEqual(set(events.partner_id.ids), {self.customer.id})
        by_kind = {}
        for event in events:
            by_kind.setdefault(event.kind, []).append(event)
        self.assertEqual({"order", "stage", "mail", "note", "activity", "feedback"} - set(by_kind), set())
        order_event = by_kind["order"][0]
        self.assertEqual(
            (order_event.title, order_event.amount, order_event.order_id), (self.order.name, 80.0, self.order)
        )
        self.assertIn("packaging", [event.pipeline_stage for event in by_kind["stage"]])
        self.assertIn("Can you gift-wrap the order?", [event.detail for event in by_kind["mail"]])
        self.assertIn("Called back, all good", [event.detail for event in by_kind["note"]])
        self.assertEqual([event.title for event in by_kind["activity"]], ["Call about the engraving"])
        self.assertEqual([(event.rating, event.detail) for event in by_kind["feedback"]], [(5, "Lovely wrapping")])
        self.assertNotIn("Other customer's note", events.mapped("detail"))
        # Newest first, and every event opens its source record.
        self.assertEqual(events.mapped("date"), sorted(events.mapped("date"), reverse=True))
        action = by_kind["feedback"][0].action_open_source()
        self.assertEqual((action["res_model"], action["res_id"]), ("sale.order", self.order.id))

    def test_ids_are_unique_across_parts(self):
        events = self.env["crm.customer.timeline.event"].search([])
        self.assertEqual(len(events.ids), len(set(events.ids)))

    def test_agent_sees_the_timeline_of_their_customers_only(self):
        self.assertTrue(self._events(user="agent"))
        self.assertFalse(self._events(user="agent", partner=self.other_customer))
        agent = self.users["agent"]
        seen = self.env["crm.customer.timeline.event"].with_user(agent).search([]).partner_id
        self.assertIn(self.customer, seen)
        self.assertNotIn(self.other_customer, seen)
        # Besides their customer, only partners the agent may open (a database with demo data has colleagues and
        # non-customer contacts with a history, which the res.partner agent rule shows them).
        openable = self.env["res.partner"].with_user(agent).search([("id", "in", seen.ids)])
        self.assertEqual(seen - openable, seen.browse())

    def test_agent_sees_the_timeline_of_every_customer_the_partner_rule_shows_them(self):
        """The timeline rule reads the res.partner agent rule's branches on the customer: an unassigned customer the
        agent created and a contact nobody buys from are theirs to see, with their history."""
        agent = self.users["agent"]
        walk_in = self.env["res.partner"].with_user(agent).create({"name": "Walk-in Vy", "customer_rank": 1})
        supplier_contact = self.env["res.partner"].create({"name": "Courier Desk"})
        for partner in (walk_in, supplier_contact):
            partner.message_post(
                body=f"Met {partner.name} at the shop", message_type="comment", subtype_xmlid="mail.mt_note"
            )
        Partner = self.env["res.partner"].with_user(agent)
        for partner in (walk_in, supplier_contact, self.other_customer):
            with self.subTest(partner=partner.name):
                visible = bool(Partner.search([("id", "=", partner.id)]))
                self.assertEqual(bool(self._events(user="agent", partner=partner)), visible)
        self.assertTrue(self._events(user="agent", partner=walk_in))
        self.assertTrue(self._events(user="agent", partner=supplier_contact))
        self.assertFalse(self._events(user="agent", partner=self.other_customer))

    def test_manager_admin_and_readonly_see_every_customer(self):
        for role in ("manager", "admin", "readonly"):
            with self.subTest(role=role):
                self.assertTrue(self._events(user=role, partner=self.other_customer))
                self.assertTrue(self._events(user=role))

    def test_portal_users_have_no_timeline(self):
        with self.assertRaises(AccessError):
            self.env["crm.customer.timeline.event"].with_user(self.users["portal"]).search([])

    def test_partner_timeline_reads_in_a_constant_number_of_queries(self):
        action = self.contact.action_insight_open_timeline()
        timeline = self.env["crm.customer.timeline.event"].with_user(self.users["agent"])
        fields = ["date", "kind", "title", "detail", "pipeline_stage", "rating", "amount", "user_id"]

        def queries_to_read():
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            rows = timeline.search_read(action["domain"], fields)
            return self.cr.sql_log_count - before, len(rows)

        queries_to_read()  # warm the caches of the record rules and of the model's metadata
        few_queries, few_rows = queries_to_read()
        for _i in range(3):
            order = self._privacy_order(self.customer)
            order.message_post(body="One more", message_type="comment", subtype_xmlid="mail.mt_note")
        many_queries, many_rows = queries_to_read()
        self.assertEqual(many_rows, few_rows + 6)
        # One query for the events (the rule and the customer filter inside it), one for the users' names.
        self.assertLessEqual(few_queries, 3)
        self.assertEqual(many_queries, few_queries)
        self.assertEqual(few_queries, 3, "measured: the budget above, exactly")

    def test_one_customer_timeline_reaches_every_part_through_an_index(self):
        """The customer filter and the agent's rule reach every UNION ALL part (Postgres pushes them down), so that
        with sequential scans priced out no part of one customer's timeline reads a whole table."""
        timeline = self.env["crm.customer.timeline.event"].with_user(self.users["agent"])
        query = timeline._search([("partner_id", "=", self.customer.id)], order="date desc, id desc")
        plan = plan_at_scale(self.env, query)
        self.assertEqual(re.findall(r"Seq Scan on (\w+)", plan), [], plan)

    def test_the_stages_are_the_orders_own_with_those_other_addons_add(self):
        # sale_order_pipeline_rma adds Refunded to the order's stages: the timeline shows its label, not "refunded".
        def stages(model):
            return dict(self.env[model]._fields["pipeline_stage"]._description_selection(self.env))

        self.assertEqual(stages("crm.customer.timeline.event"), stages("sale.order"))
