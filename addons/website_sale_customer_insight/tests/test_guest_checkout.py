from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.website_sale.controllers.main import WebsiteSale
from odoo.addons.website_sale.tests.common import MockRequest

from .common import CheckoutCase


@tagged("post_install", "-at_install")
class TestGuestCheckout(TransactionCase, CheckoutCase):
    """A guest typing a known customer's e-mail still checks out: the shop makes them a contact of their own, which
    staff merge afterwards if it is the same person (the e-mail rule guards backend and API edits only)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_shop()

    def test_guest_with_a_known_customers_email_checks_out(self):
        public = self.website.user_id
        cart = self._cart(user=public)
        website = self.website.with_user(public)
        with MockRequest(website.env, website=website, sale_order_id=cart.id) as request:
            request.httprequest.method = "POST"
            WebsiteSale().shop_address_submit(
                partner_id=-1,
                address_type="billing",
                use_delivery_as_billing="true",
                name="Buyer as a guest",
                email="BUYER@example.com",
                phone="0912345678",
                street="1 Rue Neuve",
                city="Brussels",
                zip="1000",
                country_id=str(self.env.ref("base.be").id),
            )
            guest = cart.partner_id
            self.assertNotIn(guest, public.partner_id | self.buyer.partner_id)
            self.assertEqual(guest.email_normalized, self.buyer.partner_id.email_normalized)
            cart.with_user(public).sudo()._validate_order()  # what the shop does once the guest has paid
        self.assertEqual(cart.state, "sale")
        # Staff see the duplicate as soon as they touch it, and are sent to the merge.
        manager = new_test_user(self.env, "guest_manager", groups="crm_customer_insight.group_customer_insight_manager")
        with self.assertRaisesRegex(ValidationError, "Merge"):
            guest.with_user(manager).email = "buyer@example.com"
