from odoo import Command
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCustomerCases(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.care = new_test_user(
            cls.env, login="insight_care_test", name="Cora Care",
            groups="helpdesk_mgmt.group_helpdesk_user,crm_customer_insight.group_customer_insight_readonly",
        )
        cls.colleague = new_test_user(
            cls.env, login="insight_care_colleague", groups="helpdesk_mgmt.group_helpdesk_user",
        )
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {"name": "Insight Care Team", "user_ids": [Command.set((cls.care | cls.colleague).ids)]}
        )
        cls.company = cls.env["res.partner"].create({"name": "Trail Club", "is_company": True, "customer_rank": 1})
        cls.member = cls.env["res.partner"].create({"name": "Tam Runner", "parent_id": cls.company.id})
        cls.stranger = cls.env["res.partner"].create({"name": "Someone Else", "customer_rank": 1})
        cls.done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.open_case = cls._case(cls.member, "Laces missing")
        cls.closed_case = cls._case(cls.company, "Invoice copy", stage_id=cls.done.id)
        cls._case(cls.stranger, "Not theirs")

    @classmethod
    def _case(cls, partner, name, **values):
        return cls.env["helpdesk.ticket"].create(
            {"name": name, "description": "<p>?</p>", "partner_id": partner.id, "team_id": cls.team.id, **values}
        )

    def test_the_customer_page_lists_the_cases_of_the_company_and_its_contacts(self):
        for partner in (self.company, self.member):
            partner = partner.with_user(self.care)
            self.assertEqual(partner.insight_case_ids, self.open_case | self.closed_case)
            self.assertEqual(partner.insight_open_case_count, 1)
        self.assertEqual(self.stranger.insight_open_case_count, 1)

    def test_the_care_executive_sees_the_cases_page_and_assigns_from_it(self):
        arch = self.env["res.partner"].with_user(self.care).get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="insight_cases"', arch)
        assign = self.env.ref("helpdesk_mgmt_customer_care.helpdesk_ticket_assign_action")
        self.assertIn(f'name="{assign.id}"', arch)
        wizard = self.env["helpdesk.ticket.assign"].with_user(self.care).with_context(
            active_model="helpdesk.ticket", active_ids=self.open_case.ids,
        ).create({"user_id": self.colleague.id})
        wizard.action_assign()
        self.assertEqual(self.open_case.user_id, self.colleague)

    def test_a_contact_being_created_has_no_cases_yet(self):
        Partner = self.env["res.partner"]
        self.assertEqual(Partner.new({"name": "Brand New Customer"}).insight_open_case_count, 0)
        contact = Partner.new({"name": "New Contact", "parent_id": self.company.id})
        self.assertEqual(contact.insight_open_case_count, 1, "a new contact of a company shows the company's cases")
        self.assertEqual(contact.insight_case_ids._origin, self.open_case | self.closed_case)

    def test_users_outside_care_do_not_get_the_page(self):
        seller = new_test_user(self.env, login="insight_care_seller", groups="sales_team.group_sale_salesman")
        arch = self.env["res.partner"].with_user(seller).get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertNotIn('name="insight_cases"', arch)

    def test_counting_the_cases_of_many_customers_costs_one_search(self):
        partners = self.env["res.partner"].create([{"name": f"Customer {n}", "customer_rank": 1} for n in range(20)])
        for partner in partners[:5]:
            self._case(partner, f"Case of {partner.name}")
        for batch in (partners[:2], partners):
            batch.invalidate_recordset()
            self.env["helpdesk.ticket"].invalidate_model()
            with self.assertQueryCount(3):
                batch.mapped("insight_open_case_count")
