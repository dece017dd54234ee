from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import CareCaseCommon


@tagged("post_install", "-at_install")
class TestCaseAssignment(CareCaseCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._care_setup()

    def test_round_robin_gives_each_member_a_turn(self):
        first, second, third = (self._case(name=f"Case {number}") for number in range(3))
        self.assertEqual(first.user_id, self.agent_1)
        self.assertEqual(second.user_id, self.agent_2)
        self.assertEqual(third.user_id, self.agent_1)
        self.assertTrue(first.assigned_date)

    def test_cases_arriving_together_take_turns(self):
        cases = self.env["helpdesk.ticket"].create([
            {"name": f"Case {number}", "description": "<p>?</p>", "team_id": self.team.id} for number in range(4)
        ])
        self.assertEqual(cases.mapped("user_id"), self.agent_1 | self.agent_2)
        self.assertEqual([case.user_id for case in cases], [self.agent_1, self.agent_2] * 2)

    def test_balanced_goes_to_the_member_with_fewest_open_cases(self):
        self.team.assign_method = "balanced"
        for _number in range(2):
            self._case(user_id=self.agent_1.id)
        self._case(user_id=self.agent_2.id, stage_id=self.stage_done.id)  # closed: no load
        self.assertEqual(self._case().user_id, self.agent_2)
        self.assertEqual(self._case().user_id, self.agent_2)
        self.assertEqual(self._case().user_id, self.agent_1, "equal loads take turns")

    def test_a_chosen_assignee_is_kept(self):
        self.assertEqual(self._case(user_id=self.agent_2.id).user_id, self.agent_2)
        self.assertEqual(self._case().user_id, self.agent_1, "the turn after the last assignee")

    def test_manual_team_leaves_the_case_unassigned(self):
        self.team.assign_method = "manual"
        self.assertFalse(self.env["helpdesk.ticket"].sudo().create(
            {"name": "Case", "description": "<p>?</p>", "team_id": self.team.id, "user_id": False}
        ).user_id)

    def test_portal_members_never_get_cases(self):
        self.team.user_ids = self.customer | self.agent_2
        self.assertEqual(self._case().user_id, self.agent_2)
        self.team.assign_method = "balanced"
        self.assertEqual(self._case().user_id, self.agent_2)
        self.team.user_ids = self.customer
        self.assertFalse(self._case(user_id=False).user_id, "no staff member in the team: nobody takes it")

    def test_a_case_cannot_be_assigned_to_a_portal_user(self):
        self.team.user_ids |= self.customer
        with self.assertRaisesRegex(ValidationError, "portal user"), self.env.cr.savepoint():
            self._case(user_id=self.customer.id)
        case = self._case()
        with self.assertRaisesRegex(ValidationError, "portal user"), self.env.cr.savepoint():
            case.user_id = self.customer
        wizard = self.env["helpdesk.ticket.assign"].with_user(self.agent_1).create(
            {"ticket_ids": case.ids, "user_id": self.customer.id}
        )
        with self.assertRaisesRegex(ValidationError, "portal user"), self.env.cr.savepoint():
            wizard.action_assign()
        self.assertEqual(case.user_id, self.agent_1)

    def test_assign_wizard_assigns_in_one_step_to_team_members_only(self):
        cases = self._case() | self._case()
        wizard = self.env["helpdesk.ticket.assign"].with_user(self.agent_1).with_context(
            active_model="helpdesk.ticket", active_ids=cases.ids,
        ).create({"user_id": self.agent_2.id})
        wizard.action_assign()
        self.assertEqual(cases.user_id, self.agent_2)
        outsider = self._care_agent("care_test_outsider", "Out Sider")
        wizard = self.env["helpdesk.ticket.assign"].with_user(self.agent_1).create(
            {"ticket_ids": cases.ids, "user_id": outsider.id}
        )
        with self.assertRaisesRegex(Exception, "not a member of the team"):
            wizard.action_assign()

    def test_only_care_staff_allowed_on_the_case_assign_it(self):
        case = self._case()
        own_only = new_test_user(self.env, login="care_test_own", groups="helpdesk_mgmt.group_helpdesk_user_own")
        self.team.user_ids |= own_only
        with self.assertRaises(AccessError):
            self.env["helpdesk.ticket.assign"].with_user(self.customer).create(
                {"ticket_ids": case.ids, "user_id": self.agent_2.id}
            )
        with self.assertRaises(AccessError, msg="someone else's case, for a user of their own cases only"):
            self.env["helpdesk.ticket.assign"].with_user(own_only).create(
                {"ticket_ids": case.ids, "user_id": own_only.id}
            ).action_assign()
        self.assertEqual(case.user_id, self.agent_1)

    def test_choosing_assignees_costs_the_same_for_one_case_or_many(self):
        self.team.assign_method = "balanced"
        self._case()
        self.team._care_assignees(1)  # warms what the registry caches once (fields to read, access rules)
        for count in (1, 10):
            self.env.invalidate_all()
            with self.assertQueryCount(6):
                self.assertEqual(len(self.team._care_assignees(count)), count)
