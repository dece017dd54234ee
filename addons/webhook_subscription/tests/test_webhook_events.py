import json

from odoo.tests import new_test_user, tagged

from .common import WebhookCase


@tagged("post_install", "-at_install")
class TestWebhookEvents(WebhookCase):
    def events(self, subscription):
        return [json.loads(delivery.payload) for delivery in subscription.delivery_ids.sorted("id")]

    def test_customer_created_updated_deleted(self):
        created = self.subscribe("customer.created", "/c")
        updated = self.subscribe("customer.updated", "/u")
        deleted = self.subscribe("customer.deleted", "/d")
        partner = self.customer()
        partner.write({"comment": "<p>Prefers e-mail</p>"})  # not in the payload: no event
        partner.write({"email": "lan.nguyen@example.com", "city": "Đà Nẵng"})
        partner_id = partner.id
        partner.unlink()

        [created_event] = self.events(created)
        self.assertEqual(created_event["event"], "customer.created")
        self.assertEqual(created_event["data"]["id"], partner_id)
        [updated_event] = self.events(updated)
        self.assertEqual(updated_event["data"]["changed"], ["city", "email"])
        self.assertEqual(updated_event["data"]["email"], "lan.nguyen@example.com")
        [deleted_event] = self.events(deleted)
        self.assertEqual(deleted_event["data"]["id"], partner_id)
        self.assertEqual(deleted_event["data"]["name"], "Lan Nguyễn")

    def test_every_subscription_of_an_event_gets_the_same_event_id(self):
        first = self.subscribe("customer.created", "/one")
        second = self.subscribe("customer.created", "/two")
        self.customer()
        self.customer("Minh")
        self.assertEqual(first.delivery_ids.sorted("id").mapped("event_id"),
                         second.delivery_ids.sorted("id").mapped("event_id"))
        self.assertEqual(len(set(first.delivery_ids.mapped("event_id"))), 2)

    def test_vendors_and_employees_are_not_customers(self):
        created = self.subscribe("customer.created", "/c")
        self.env["res.partner"].create({"name": "Leather Supplier", "supplier_rank": 1})
        new_test_user(self.env, login="webhook_employee", groups="base.group_user")
        self.assertFalse(created.delivery_ids)

    def test_a_portal_signup_is_a_new_customer_once(self):
        created = self.subscribe("customer.created", "/c")
        user = new_test_user(self.env, login="webhook_portal", groups="base.group_portal")
        [event] = self.events(created)
        self.assertEqual(event["data"]["id"], user.partner_id.id)
        # Giving an account to a known customer announces nothing new.
        partner = self.customer("Known")
        new_test_user(self.env, login="webhook_known", groups="base.group_portal", partner_id=partner.id)
        self.assertEqual([e["data"]["id"] for e in self.events(created)], [user.partner_id.id, partner.id])

    def test_order_created_and_updated(self):
        created = self.subscribe("order.created", "/oc")
        updated = self.subscribe("order.updated", "/ou")
        product = self.env["product.product"].create(
            {"name": "Trail Runner 42", "list_price": 80, "default_code": "TR42"}
        )
        order = self.env["sale.order"].create({
            "partner_id": self.customer().id,
            "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 2, "price_unit": 80})],
        })
        [event] = self.events(created)
        self.assertEqual(event["data"]["name"], order.name)
        self.assertEqual(event["data"]["state"], "draft")
        self.assertEqual(event["data"]["amount_untaxed"], 160)
        self.assertEqual(event["data"]["currency"], order.currency_id.name)
        [line] = event["data"]["lines"]
        self.assertEqual((line["sku"], line["quantity"], line["unit_price"], line["subtotal"]), ("TR42", 2, 80, 160))

        order.action_confirm()
        states = [e["data"]["state"] for e in self.events(updated)]
        self.assertEqual(states[-1], "sale")
        self.assertIn("state", self.events(updated)[-1]["data"]["changed"])

    def test_nothing_is_queued_without_a_subscription(self):
        self.customer().write({"email": "x@example.com"})
        self.assertFalse(self.Delivery.search([]))
