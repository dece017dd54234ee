from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import WebhookCase


@tagged("post_install", "-at_install")
class TestWebhookAccess(WebhookCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.refused_users = [
            new_test_user(cls.env, login="wh_public", groups="base.group_public"),
            new_test_user(cls.env, login="wh_portal", groups="base.group_portal"),
            new_test_user(cls.env, login="wh_salesman", groups="sales_team.group_sale_salesman"),
            new_test_user(cls.env, login="wh_salesman_all", groups="sales_team.group_sale_salesman_all_leads"),
            new_test_user(cls.env, login="wh_sales_manager", groups="sales_team.group_sale_manager"),
            new_test_user(cls.env, login="wh_access_rights", groups="base.group_user,base.group_erp_manager"),
        ]
        cls.admin = new_test_user(cls.env, login="wh_admin", groups="base.group_user,base.group_system")

    def test_only_administrators_reach_subscriptions_secrets_and_deliveries(self):
        subscription = self.subscribe("customer.created", "/acl")
        self.customer()
        delivery = subscription.delivery_ids
        for user in self.refused_users:
            with self.subTest(user=user.login):
                Subscription = self.Subscription.with_user(user)
                Delivery = self.Delivery.with_user(user)
                with self.assertRaises(AccessError):
                    Subscription.search([])
                with self.assertRaises(AccessError):
                    subscription.with_user(user).read(["secret"])
                with self.assertRaises(AccessError):
                    Subscription.create({"name": "x", "event": "customer.created",
                                         "target_url": "https://hooks.example.com/"})
                with self.assertRaises(AccessError):
                    Delivery.search([])
                with self.assertRaises(AccessError):
                    delivery.with_user(user).read(["payload"])
                with self.assertRaises(AccessError):
                    delivery.with_user(user).action_send_again()

        admin_subscription = subscription.with_user(self.admin)
        self.assertEqual(admin_subscription.read(["secret"])[0]["secret"], subscription.secret)
        self.assertEqual(self.Delivery.with_user(self.admin).search([]), delivery)
        admin_subscription.action_rotate_secret()

    def test_the_secret_never_reaches_the_chatter_nor_an_export(self):
        subscription = self.Subscription.with_context(tracking_disable=False).create({
            "name": "Tracked", "event": "customer.created", "target_url": "https://hooks.example.com/",
        })
        self.env.cr.precommit.run()  # as after the creating request: later writes are tracked
        old_secret = subscription.secret
        subscription.action_rotate_secret()
        subscription.write({"name": "Tracked again", "target_url": "https://hooks.example.com/v2"})
        self.env.cr.precommit.run()  # tracking values are written here
        messages = self.env["mail.message"].search(
            [("model", "=", "webhook.subscription"), ("res_id", "=", subscription.id)]
        )
        tracked = self.env["mail.tracking.value"].search([("mail_message_id", "in", messages.ids)])
        self.assertIn("name", tracked.field_id.mapped("name"), "tracking is on, so the check below means something")
        written = messages.mapped("body") + tracked.mapped("old_value_char") + tracked.mapped("new_value_char")
        for secret in (old_secret, subscription.secret):
            self.assertFalse([text for text in written if text and secret in text])
        for user in self.refused_users:
            # Refused by the model's access rights (AccessError), or before that by the right to export at all.
            with self.subTest(user=user.login), self.assertRaises(UserError):
                subscription.with_user(user).export_data(["secret"])

    def test_a_salesman_without_access_still_queues_events(self):
        subscription = self.subscribe("customer.created", "/acl")
        salesman = self.refused_users[2]
        self.env["res.partner"].with_user(salesman).create({"name": "Walk-in customer"})
        self.assertEqual(len(subscription.delivery_ids), 1)

    def _warm(self, partner):
        partner.write({"city": "Warm-up"})  # the subscription lookup is cached from here on
        self.env.flush_all()
        self.env.invalidate_all()  # each measure reads the partner from the database, whatever came before

    def _write(self, partner):
        partner.write({"city": "Huế", "phone": "0901"})
        self.env.flush_all()

    def _baseline_write_queries(self):
        """The queries of a customer write while no webhook is subscribed at all: Odoo's own (11 with this addon
        alone) and those of the other addons installed beside it, which this addon does not control."""
        partner = self.customer()
        self._warm(partner)
        before = self.env.cr.sql_log_count
        self._write(partner)
        return self.env.cr.sql_log_count - before

    def _assert_write_queries(self, partner, expected):
        self._warm(partner)
        with self.assertQueryCount(expected):
            self._write(partner)

    def test_query_count_of_a_customer_write_does_not_grow_with_subscriptions(self):
        baseline = self._baseline_write_queries()
        first, second = self.customer(), self.customer()
        self.subscribe("customer.updated", "/q0")
        # The write's own queries + 4: the deliveries' INSERT, the cron trigger (a read of the cron, its INSERT).
        self._assert_write_queries(first, baseline + 4)
        for index in range(1, 5):
            self.subscribe("customer.updated", f"/q{index}")
        self._assert_write_queries(second, baseline + 4)
        self.assertEqual(len(self.Delivery.search([("event", "=", "customer.updated")])), 2 + 2 * 5)

    def test_a_write_without_subscription_costs_nothing_more(self):
        baseline = self._baseline_write_queries()
        partner = self.customer()
        self.subscribe("order.created", "/other-event")
        # The cached lookup says nobody listens to this event, so nothing else is read.
        self._assert_write_queries(partner, baseline)
