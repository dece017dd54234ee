from odoo.exceptions import AccessError
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

    def test_a_salesman_without_access_still_queues_events(self):
        subscription = self.subscribe("customer.created", "/acl")
        salesman = self.refused_users[2]
        self.env["res.partner"].with_user(salesman).create({"name": "Walk-in customer"})
        self.assertEqual(len(subscription.delivery_ids), 1)

    def test_query_count_of_a_customer_write_does_not_grow_with_subscriptions(self):
        partner = self.customer()
        country = self.env.ref("base.vn")
        self.subscribe("customer.updated", "/q0")
        partner.write({"city": "Warm-up"})
        self.env.flush_all()
        with self.assertQueryCount(8):
            partner.write({"city": "Huế", "country_id": country.id})
            self.env.flush_all()
        for index in range(1, 5):
            self.subscribe("customer.updated", f"/q{index}")
        partner.write({"city": "Warm-up"})
        self.env.flush_all()
        with self.assertQueryCount(8):
            partner.write({"city": "Hà Nội", "country_id": False})
            self.env.flush_all()
        self.assertEqual(len(self.Delivery.search([("event", "=", "customer.updated")])), 2 + 2 * 5)

    def test_a_write_without_subscription_reads_nothing_more(self):
        partner = self.customer()
        self.subscribe("order.created", "/other-event")
        partner.write({"city": "Warm-up"})
        self.env.flush_all()
        with self.assertQueryCount(1):
            partner.write({"city": "Huế"})
            self.env.flush_all()
