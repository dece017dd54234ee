from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCustomerCasesPhoneTour(HttpCase):
    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        care = new_test_user(
            cls.env, login="insight_care_phone", password="insight_care_phone", name="Cora Care",
            groups="helpdesk_mgmt.group_helpdesk_user,crm_customer_insight.group_customer_insight_readonly",
        )
        colleague = new_test_user(
            cls.env, login="insight_care_phone_colleague", name="Colette Colleague",
            groups="helpdesk_mgmt.group_helpdesk_user",
        )
        team = cls.env["helpdesk.ticket.team"].create(
            {"name": "Phone Care Team", "user_ids": [Command.set((care | colleague).ids)]}
        )
        cls.customer = cls.env["res.partner"].create({"name": "Pia Phone", "customer_rank": 1})
        done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        Ticket = cls.env["helpdesk.ticket"]
        cls.case = Ticket.create({
            "name": "Laces missing", "description": "<p>?</p>", "partner_id": cls.customer.id, "team_id": team.id,
            "user_id": care.id,
        })
        Ticket.create({
            "name": "Invoice copy", "description": "<p>?</p>", "partner_id": cls.customer.id, "team_id": team.id,
            "stage_id": done.id,
        })
        cls.colleague = colleague

    def test_care_executive_assigns_a_customers_case_on_a_phone(self):
        self.start_tour(f"/odoo/res.partner/{self.customer.id}", "crm_customer_insight_helpdesk_phone",
                        login="insight_care_phone")
        self.assertEqual(self.case.user_id, self.colleague)
