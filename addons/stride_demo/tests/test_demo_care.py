from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoCare(TransactionCase):
    """The demo shop's care team: the support login takes cases about demo orders; one case is done and rated."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls.env.ref("stride_demo.helpdesk_ticket_team_care_demo")
        cls.support = cls.env.ref("stride_demo.user_support_demo")
        cls.cases = cls.env["helpdesk.ticket"].browse([
            cls.env.ref(f"stride_demo.helpdesk_ticket_care_{number}_demo").id for number in range(1, 5)
        ])

    def test_the_care_team_assigns_open_cases_about_the_customers_own_orders(self):
        self.assertIn(self.support, self.team.user_ids)
        self.assertEqual(self.team.assign_method, "balanced")
        open_cases = self.cases.filtered(lambda case: not case.closed)
        self.assertEqual(len(open_cases), 3)
        for case in self.cases:
            self.assertIn(case.user_id, self.team.user_ids, case.name)
            self.assertEqual(case.sale_order_ids.partner_id, case.partner_id, case.name)
            self.assertIn(case.partner_id, case.message_partner_ids, "the customer follows their case")
        self.assertTrue(all(open_cases.mapped("sla_deadline")), "the team's SLA dates every open case")
        portal_customer = self.env.ref("stride_demo.user_customer_demo").partner_id
        self.assertIn(portal_customer, self.cases.partner_id)

    def test_one_case_is_done_and_rated(self):
        done = self.cases.filtered("closed")
        self.assertEqual(done.rating_ids.rating, 5)
        self.assertEqual(done.positive_rate_percentage, 100)

    def test_the_support_login_reads_a_customers_cases_on_their_page(self):
        customer = self.cases[0].partner_id.with_user(self.support)
        self.assertIn(self.cases[0], customer.insight_case_ids)
        self.assertGreaterEqual(customer.insight_open_case_count, 1)
        self.cases.with_user(self.support).check_access("write")  # raises when refused
