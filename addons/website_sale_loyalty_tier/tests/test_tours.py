from odoo.tests import HttpCase, tagged

from .common import make_loyalty_shop, make_variant_product, sibling_results


@tagged("post_install", "-at_install")
class TestLoyaltyTours(HttpCase):
    """The portal page, the product page and the cart in a browser (each tour also checks that what it shows fits the
    screen); the phone class runs the same tours 390 px wide."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.records = make_loyalty_shop(cls.env)

    def setUp(self):
        super().setUp()
        self.enterContext(sibling_results(self.records))

    def _portal_tour(self):
        self.start_tour("/my/home", "website_sale_loyalty_tier_portal", login="loyal_customer")

    def _shop_tours(self):
        self.start_tour(self.records["product"].website_url, "website_sale_loyalty_tier_product",
                        login="loyal_customer")
        self.start_tour("/shop/cart", "website_sale_loyalty_tier_cart", login="loyal_customer")

    def test_portal_page(self):
        self._portal_tour()

    def test_product_page_and_cart(self):
        self._shop_tours()

    def test_product_page_points_follow_the_variant(self):
        sized = make_variant_product(self.env)
        self.start_tour(sized.website_url, "website_sale_loyalty_tier_variant_points", login="loyal_customer")


@tagged("post_install", "-at_install")
class TestLoyaltyToursOnPhone(TestLoyaltyTours):
    browser_size = "390x844"
    touch_enabled = True

    # Odoo's test loader runs only the test methods a class defines itself.
    def test_portal_page_on_a_phone(self):
        self._portal_tour()

    def test_product_page_and_cart_on_a_phone(self):
        self._shop_tours()
