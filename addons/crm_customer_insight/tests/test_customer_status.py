from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestBlockedCustomer(TransactionCase):
    """A blocked customer's order is confirmed by a Customer Insight manager, by no one else."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        groups = "crm_customer_insight.group_customer_insight_"
        cls.agent = new_test_user(cls.env, "insight_agent", groups=groups + "agent")
        cls.manager = new_test_user(cls.env, "insight_manager", groups=groups + "manager")
        cls.salesman = new_test_user(cls.env, "all_docs_salesman", groups="sales_team.group_sale_salesman_all_leads")
        cls.portal = new_test_user(cls.env, "blocked_portal", groups="base.group_portal")
        cls.company = cls.env["res.partner"].create({"name": "Hanoi Shoes Ltd", "is_company": True})
        cls.customer = cls.env["res.partner"].create(
            {"name": "Lan Buyer", "parent_id": cls.company.id, "user_id": cls.agent.id}
        )
        cls.portal.partner_id.write({"user_id": cls.agent.id})
        cls.product = cls.env["product.product"].create({"name": "Trail Runner 42", "list_price": 90.0})

    def _order(self, partner=None):
        return self.env["sale.order"].create(
            {
                "partner_id": (partner or self.customer).id,
                "user_id": self.agent.id,
                "order_line": [Command.create({"product_id": self.product.id})],
            }
        )

    def test_blocking_the_company_blocks_its_contacts_orders_for_agent_and_salesman(self):
        self.company.customer_status = "blocked"
        order = self._order()
        for user in (self.agent, self.salesman):
            with self.subTest(user=user.login), self.assertRaises(UserError) as refusal:
                order.with_user(user).action_confirm()
            self.assertIn("Hanoi Shoes Ltd", str(refusal.exception))
            self.assertIn("blocked", str(refusal.exception))
        self.assertEqual(order.state, "draft")

    def test_manager_confirms_a_blocked_customers_order(self):
        self.company.customer_status = "blocked"
        order = self._order()
        order.with_user(self.manager).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_sudo_does_not_lift_the_block_of_the_websites_confirmation(self):
        # What the shop does for a free cart or a paid transaction: the portal user's cart, confirmed under sudo.
        self.portal.partner_id.customer_status = "blocked"
        order = self._order(self.portal.partner_id)
        with self.assertRaises(UserError):
            order.with_user(self.portal).sudo().action_confirm()
        public = self.env.ref("base.public_user")
        with self.assertRaises(UserError):
            order.with_user(public).sudo()._validate_order()
        self.assertEqual(order.state, "draft")

    def test_other_statuses_confirm_as_usual(self):
        for status in ("active", "inactive", "vip"):
            with self.subTest(status=status):
                self.company.customer_status = status
                order = self._order()
                order.with_user(self.agent).action_confirm()
                self.assertEqual(order.state, "sale")

    def test_only_a_manager_blocks_or_unblocks(self):
        company = self.company.with_user(self.agent)
        company.write({"customer_status": "vip", "comment": "Buys every spring"})  # agents edit their customers
        with self.assertRaises(AccessError):
            company.customer_status = "blocked"
        self.company.with_user(self.manager).customer_status = "blocked"
        with self.assertRaises(AccessError):
            company.customer_status = "active"
        self.assertEqual(self.company.customer_status, "blocked")
        self.company.with_user(self.manager).customer_status = "active"
        self.assertEqual(self.company.customer_status, "active")

    def test_an_agent_does_not_create_a_blocked_customer(self):
        partners = self.env["res.partner"].with_user(self.agent)
        with self.assertRaises(AccessError):
            partners.create({"name": "Born blocked", "user_id": self.agent.id, "customer_status": "blocked"})
        with self.assertRaises(AccessError):
            partners.with_context(default_customer_status="blocked").create({"name": "Blocked by default"})
        self.customer.with_user(self.manager).customer_status = "blocked"
        with self.assertRaises(AccessError):
            self.customer.with_user(self.agent).copy()
        self.assertEqual(partners.create({"name": "Walk-in"}).customer_status, "active")
        managers = self.env["res.partner"].with_user(self.manager)
        blocked = managers.create({"name": "Known", "customer_status": "blocked"})
        self.assertEqual(blocked.customer_status, "blocked")


@tagged("post_install", "-at_install")
class TestCustomerStatusTracking(TransactionCase):
    """A status change shows in the customer's chatter: who changed it, from what, to what."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env, "tracking_manager", groups="crm_customer_insight.group_customer_insight_manager"
        )
        cls.customer = cls.env["res.partner"].create({"name": "Tracked Customer", "customer_rank": 1})
        # Odoo skips tracking in the transaction that created the record; end that step as a commit would.
        cls.env.flush_all()
        cls.cr.precommit.run()

    def test_a_status_change_is_tracked_in_the_chatter(self):
        self.customer.with_user(self.manager).customer_status = "blocked"
        self.env.flush_all()
        self.cr.precommit.run()
        tracking = self.customer.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "customer_status"
        )
        self.assertEqual(len(tracking), 1)
        self.assertEqual((tracking.old_value_char, tracking.new_value_char), ("Active", "Blocked"))
        self.assertEqual(tracking.mail_message_id.author_id, self.manager.partner_id)
