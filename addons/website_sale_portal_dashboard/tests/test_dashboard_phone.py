from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPortalDashboardOnPhone(HttpCase):
    """The dashboard on a 390 px phone: every card readable, nothing sticking out, the order one tap away."""

    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        customer = new_test_user(
            cls.env, login="dash_phone", groups="base.group_portal", name="Dash Phone", email="phone@example.com",
        )
        Product = cls.env["product.product"]
        shoe = Product.create({"name": "Dash Phone Trail Runner with a rather long name", "list_price": 120.0,
                               "is_published": True})
        shoe.product_tmpl_id.accessory_product_ids = Product.create(
            {"name": "Dash Phone Spare Laces", "list_price": 4.0, "is_published": True}
        )
        order = cls.env["sale.order"].create({
            "partner_id": customer.partner_id.id,
            "order_line": [Command.create({"product_id": shoe.id})],
        })
        order.action_confirm()
        order.message_post(
            body="Your parcel leaves today", message_type="comment", subtype_xmlid="mail.mt_comment",
            partner_ids=customer.partner_id.ids,
        )

    def test_the_dashboard_fits_a_phone(self):
        self.start_tour("/my/home", "website_sale_portal_dashboard_phone", login="dash_phone")
