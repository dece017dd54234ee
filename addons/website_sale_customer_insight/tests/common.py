from odoo.fields import Command
from odoo.tests import new_test_user


class CheckoutCase:
    """A shop selling one service (no delivery step), a payment provider, and a portal customer with an address."""

    @classmethod
    def _setup_shop(cls):
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.website = cls.env["website"].get_current_website()
        cls.product = cls.env["product.product"].create(
            {"name": "Shoe cleaning", "type": "service", "list_price": 20.0, "website_published": True}
        )
        cls.free_product = cls.env["product.product"].create(
            {"name": "Free sample", "type": "service", "list_price": 0.0, "website_published": True}
        )
        method = cls.env.ref("payment.payment_method_unknown").with_context(active_test=False)
        cls.provider = cls.env["payment.provider"].create(
            {
                "name": "Insight Test Provider",
                "code": "none",
                "state": "test",
                "is_published": True,
                "payment_method_ids": [Command.set(method.ids)],
            }
        )
        method.active = True
        address = {
            "street": "12 Rue Neuve",
            "city": "Brussels",
            "zip": "1000",
            "country_id": cls.env.ref("base.be").id,
            "phone": "+32 2 555 01 01",
        }
        cls.buyer = new_test_user(cls.env, "insight_buyer", groups="base.group_portal", email="buyer@example.com")
        cls.buyer.partner_id.write(dict(address, customer_rank=1))
        cls.neighbour = new_test_user(cls.env, "insight_neighbour", groups="base.group_portal", email="nb@example.com")
        cls.neighbour.partner_id.write(address)

    def _cart(self, user=None, product=None):
        return self.env["sale.order"].create(
            {
                "partner_id": (user or self.buyer).partner_id.id,
                "website_id": self.website.id,
                "order_line": [Command.create({"product_id": (product or self.product).id})],
            }
        )
