from odoo import Command
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestRequiredGroups(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.group_system = cls.env.ref("base.group_system")
        cls.group_user = cls.env.ref("base.group_user")
        cls.group_system.totp_required = True
        cls.group_user.totp_required = False
        cls.admin = new_test_user(cls.env, "totp_role_admin", groups="base.group_user,base.group_system")
        cls.employee = new_test_user(cls.env, "totp_role_employee", groups="base.group_user")
        cls.customer = new_test_user(cls.env, "totp_role_customer", groups="base.group_portal")

    def test_admin_must_set_up_totp(self):
        self.assertTrue(self.admin._is_totp_required())
        self.assertTrue(self.admin._is_totp_setup_pending())

    def test_admin_with_totp_has_nothing_pending(self):
        self.admin.sudo().totp_secret = "JBSWY3DPEHPK3PXP"
        self.assertTrue(self.admin._is_totp_required())
        self.assertFalse(self.admin._is_totp_setup_pending())

    def test_employee_outside_the_groups_is_not_forced(self):
        self.assertFalse(self.employee._is_totp_setup_pending())

    def test_the_check_of_each_signed_in_request_reads_nothing_once_warm(self):
        # Asked on every request of a signed-in user: the registry's caches of groups answer it.
        for user in (self.employee, self.admin):
            user._is_totp_setup_pending()
        self.env.invalidate_all()
        with self.assertQueryCount(0):
            self.assertFalse(self.employee._is_totp_setup_pending())
        with self.assertQueryCount(1):  # whether the administrator has set it up
            self.assertTrue(self.admin._is_totp_setup_pending())

    def test_portal_customer_is_never_forced(self):
        self.env.ref("base.group_portal").totp_required = True
        self.assertFalse(self.customer._is_totp_setup_pending())

    def test_required_users_use_api_keys_for_rpc(self):
        # what Odoo does for users with two-factor authentication: a password alone no longer opens RPC
        self.assertTrue(self.admin._rpc_api_keys_only())
        self.assertFalse(self.employee._rpc_api_keys_only())

    def test_settings_choose_the_groups(self):
        settings = self.env["res.config.settings"].create({})
        self.assertIn(self.group_system, settings.totp_required_group_ids)
        chosen = [Command.set(self.group_user.ids)]
        self.env["res.config.settings"].create({"totp_required_group_ids": chosen}).execute()
        self.assertTrue(self.group_user.totp_required)
        self.assertFalse(self.group_system.totp_required)
        # the cached list of groups follows the change
        self.assertTrue(self.employee._is_totp_setup_pending())
        self.assertTrue(self.admin._is_totp_setup_pending())  # an administrator is an employee too

    def test_one_click_requires_it_of_administrators_and_managers(self):
        self.env["res.groups"].search([("totp_required", "=", True)]).totp_required = False
        self.env["res.config.settings"].create({}).action_totp_require_administrators_and_managers()
        self.assertTrue(self.env.ref("base.group_system").totp_required)
        sales_managers = self.env.ref("sales_team.group_sale_manager", raise_if_not_found=False)
        if sales_managers:  # when sales is installed
            self.assertTrue(sales_managers.totp_required)
        self.assertFalse(self.env.ref("base.group_user").totp_required)

    def test_start_scripts_require_it_of_administrators_and_managers(self):
        # what scripts/serve and the Docker start call on a new database: the managers' and admins' groups, no other
        self.env["res.groups"].search([("totp_required", "=", True)]).totp_required = False
        required = self.env["res.groups"]._require_totp_of_administrators_and_managers()
        self.assertIn(self.group_system, required)
        self.assertNotIn(self.group_user, required)
        self.assertEqual(required, self.env["res.groups"].search([("totp_required", "=", True)]))
        self.assertTrue(self.admin._is_totp_setup_pending())
        self.assertFalse(self.employee._is_totp_setup_pending())
        # calling it again changes nothing
        self.assertEqual(self.env["res.groups"]._require_totp_of_administrators_and_managers(), required)
