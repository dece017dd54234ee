from datetime import datetime

from odoo import Command
from odoo.tests import new_test_user, tagged

from .customer_report_common import CustomerReportCase


@tagged("post_install", "-at_install")
class TestAgentUnassignedDocuments(CustomerReportCase):
    """Odoo's own-documents rules show a salesperson the documents nobody is assigned to; an agent keeps only those
    of the customers assigned to them. A plain salesperson, a manager, an administrator and a read-only user see what
    they saw before."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = new_test_user(
            cls.env, "insight_admin", groups="crm_customer_insight.group_customer_insight_admin"
        )
        cls.salesman = new_test_user(cls.env, "plain_salesman", groups="sales_team.group_sale_salesman")
        nobody = cls.env["res.users"]
        # Orders without a salesperson: one of a customer nobody is assigned to, one of agent A's customer.
        cls.nobodys_order = cls._order(cls.unassigned, datetime(2026, 2, 10, 9), 70.0, nobody)
        cls.ana_unassigned_order = cls._order(cls.ana, datetime(2026, 2, 11, 9), 40.0, nobody)
        cls.orders = (
            cls.ana_order_1 | cls.bert_order | cls.unassigned_order | cls.nobodys_order | cls.ana_unassigned_order
        )
        Lead = cls.env["crm.lead"]
        cls.lead_a = Lead.create({"name": "Ana wants 20 pairs", "partner_id": cls.ana.id,
                                  "user_id": cls.agent_a.id, "type": "opportunity"})
        cls.lead_b = Lead.create({"name": "Bert's team order", "partner_id": cls.bert.id,
                                  "user_id": cls.agent_b.id, "type": "opportunity"})
        cls.lead_nobody = Lead.create({"name": "Contact form: 30 pairs?", "user_id": False, "type": "lead"})
        cls.lead_ana_unassigned = Lead.create({"name": "Ana's shop reorder", "partner_id": cls.ana.id,
                                               "user_id": False, "type": "opportunity"})
        cls.leads = cls.lead_a | cls.lead_b | cls.lead_nobody | cls.lead_ana_unassigned
        for lead in cls.lead_b | cls.lead_nobody | cls.lead_ana_unassigned:
            lead.activity_schedule("mail.mail_activity_data_todo", user_id=cls.manager.id).action_done()
        cls.env.flush_all()
        cls.watched = {
            "sale.order": cls.orders,
            "crm.lead": cls.leads,
        }

    def _visible(self, user, model, records):
        return self.env[model].with_user(user).search([("id", "in", records.ids)])

    def _visible_report_orders(self, user):
        """The orders of the sales analysis rows the user sees."""
        rows = self.env["sale.report"].with_user(user).search([("partner_id", "in", self.customers.ids)])
        return set(rows.mapped("name")) & set(self.orders.mapped("name"))

    def _visible_activity_leads(self, user):
        rows = self.env["crm.activity.report"].with_user(user).search([("lead_id", "in", self.leads.ids)])
        return rows.lead_id

    def test_agent_sees_unassigned_orders_of_own_customers_only(self):
        self.assertEqual(self._visible(self.agent_a, "sale.order", self.orders),
                         self.ana_order_1 | self.ana_unassigned_order)
        self.assertEqual(self._visible(self.agent_b, "sale.order", self.orders), self.bert_order)
        self.assertEqual(self._visible(self.agent_a, "sale.order.line", self.orders.order_line),
                         (self.ana_order_1 | self.ana_unassigned_order).order_line)
        self.assertEqual(self._visible(self.agent_b, "sale.order.line", self.orders.order_line),
                         self.bert_order.order_line)
        self.assertEqual(self._visible_report_orders(self.agent_a),
                         {self.ana_order_1.name, self.ana_unassigned_order.name})
        self.assertEqual(self._visible_report_orders(self.agent_b), {self.bert_order.name})

    def test_agent_sees_unassigned_opportunities_of_own_customers_only(self):
        self.assertEqual(self._visible(self.agent_a, "crm.lead", self.leads), self.lead_a | self.lead_ana_unassigned)
        self.assertEqual(self._visible(self.agent_b, "crm.lead", self.leads), self.lead_b)
        self.assertEqual(self._visible_activity_leads(self.agent_a), self.lead_ana_unassigned)
        self.assertEqual(self._visible_activity_leads(self.agent_b), self.lead_b)

    def test_a_plain_salesperson_keeps_odoos_own_documents_rules(self):
        unassigned_orders = self.nobodys_order | self.ana_unassigned_order
        self.assertEqual(self._visible(self.salesman, "sale.order", self.orders), unassigned_orders)
        self.assertEqual(self._visible(self.salesman, "sale.order.line", self.orders.order_line),
                         unassigned_orders.order_line)
        self.assertEqual(self._visible_report_orders(self.salesman), set(unassigned_orders.mapped("name")))
        unassigned_leads = self.lead_nobody | self.lead_ana_unassigned
        self.assertEqual(self._visible(self.salesman, "crm.lead", self.leads), unassigned_leads)
        self.assertEqual(self._visible_activity_leads(self.salesman), unassigned_leads)

    def test_managers_administrators_and_readers_see_everything(self):
        for user in (self.manager, self.admin, self.readonly):
            self.assertEqual(self._visible(user, "sale.order", self.orders), self.orders, user.login)
            self.assertEqual(self._visible(user, "sale.order.line", self.orders.order_line), self.orders.order_line,
                             user.login)
            self.assertEqual(self._visible(user, "crm.lead", self.leads), self.leads, user.login)
        for user in (self.manager, self.admin):
            self.assertEqual(self._visible_report_orders(user), set(self.orders.mapped("name")), user.login)
            self.assertEqual(self._visible_activity_leads(user), self.lead_b | self.lead_nobody
                             | self.lead_ana_unassigned, user.login)

    def test_the_narrowing_follows_a_change_of_groups_at_once(self):
        # The rules' domains are cached per user: a promotion or a new role must not wait for a restart.
        self.assertNotIn(self.nobodys_order, self._visible(self.agent_b, "sale.order", self.orders))
        self.agent_b.group_ids = [Command.link(self.env.ref("crm_customer_insight.group_customer_insight_manager").id)]
        self.assertIn(self.nobodys_order, self._visible(self.agent_b, "sale.order", self.orders))
        self.assertIn(self.lead_nobody, self._visible(self.agent_b, "crm.lead", self.leads))
        self.assertIn(self.nobodys_order, self._visible(self.salesman, "sale.order", self.orders))
        self.salesman.group_ids = [Command.link(self.env.ref("crm_customer_insight.group_customer_insight_agent").id)]
        self.assertNotIn(self.nobodys_order, self._visible(self.salesman, "sale.order", self.orders))
        self.assertNotIn(self.lead_nobody, self._visible(self.salesman, "crm.lead", self.leads))

    def test_the_narrowing_costs_no_query(self):
        # The domain is computed once per user and cached with the other rules: a search stays one query.
        for user in (self.agent_a, self.salesman):
            for model, records in self.watched.items():
                self._visible(user, model, records)  # warm the rules' cache
                with self.assertQueryCount(1):
                    self._visible(user, model, records)
