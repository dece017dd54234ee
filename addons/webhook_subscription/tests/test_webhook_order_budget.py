from unittest.mock import patch

from odoo import Command
from odoo.tests import tagged

from .common import WebhookCase


@tagged("post_install", "-at_install")
class TestWebhookOrderBudget(WebhookCase):
    """What the shop's hot paths pay: a cart is an order created, a cart line change is written on the line (as
    website_sale does), and the checkout writes the order's addresses.

    Each is measured against the same operation while nobody listens (the subscription lookup answering none), in the
    same state of Odoo's caches: creating a subscription clears them, and their refill (defaults, xml ids) is no cost
    of the write."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.product"].create({"name": "Trail Runner 42", "list_price": 80})
        cls.buyer = cls.env["res.partner"].create({"name": "Cart owner"})
        cls.address = cls.env["res.partner"].create({"name": "Cart owner, office", "parent_id": cls.buyer.id,
                                                     "type": "delivery"})

    def _cart(self):
        return self.env["sale.order"].create({
            "partner_id": self.buyer.id, "order_line": [Command.create({"product_id": self.product.id})],
        })

    def _create_cart(self, _cart):
        self._cart()

    def _change_line(self, cart):
        cart.order_line.write({"product_uom_qty": 3})

    def _set_shipping(self, cart):
        cart.write({"partner_shipping_id": self.address.id})

    def _queries(self, operation):
        """Queries of `operation` on a fresh cart, once the same operation warmed the caches on another."""
        operation(self._cart())
        cart = self._cart()
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        operation(cart)
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def _extra_queries(self):
        """Per hot path: its queries minus those of the same path while nobody listens."""
        operations = {"create cart": self._create_cart, "change line": self._change_line,
                      "set shipping": self._set_shipping}
        nobody = patch.object(type(self.Subscription), "_subscription_ids_for", return_value=())
        extra = {}
        for name, operation in operations.items():
            with nobody:
                baseline = self._queries(operation)
            extra[name] = self._queries(operation) - baseline
        return extra

    def test_without_an_order_subscription_the_hot_paths_cost_nothing_more(self):
        self.subscribe("customer.updated", "/another-event")
        self.assertEqual(self._extra_queries(), {"create cart": 0, "change line": 0, "set shipping": 0})
        self.assertFalse(self.Delivery.search([]))

    def test_a_cart_line_change_queues_nothing_even_with_order_subscriptions(self):
        self.subscribe("order.created", "/oc")
        self.subscribe("order.updated", "/ou")
        cart = self._cart()
        deliveries = self.Delivery.search([])
        with patch.object(type(self.Subscription), "_webhook_enqueue") as enqueue:
            self._change_line(cart)
            self.env.flush_all()
        enqueue.assert_not_called()
        self.assertEqual(self.Delivery.search([]), deliveries)

    def test_cost_of_a_cart_and_a_checkout_write_with_order_subscriptions(self):
        for index in range(3):
            self.subscribe("order.created", f"/oc{index}")
            self.subscribe("order.updated", f"/ou{index}")
        # The deliveries' INSERT and the cron trigger (a read of the cron, its INSERT), whatever the number of
        # subscriptions; a write also reads the payload's lines and products (+4), which a new cart has in cache.
        self.assertEqual(self._extra_queries(), {"create cart": 4, "change line": 0, "set shipping": 8})
