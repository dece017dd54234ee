import re

from odoo.fields import Command
from odoo.http import root
from odoo.tests import HttpCase, tagged

from odoo.addons.website_sale.models.website import CART_SESSION_CACHE_KEY

from .common import StockHoldCase


@tagged("post_install", "-at_install")
class TestCartQueries(HttpCase, StockHoldCase):
    """The other carts' holds cost the cart page one query, however many stocked lines the cart has."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.website = cls.env["website"].get_current_website()
        cls.website.write({"warehouse_id": cls.warehouse.id, "stock_hold_minutes": 10})
        cls.products = cls.env["product.product"].create(
            [
                {
                    "name": f"Stocked Pair {i}",
                    "is_storable": True,
                    "allow_out_of_stock_order": False,
                    "list_price": 50.0,
                    "is_published": True,
                }
                for i in range(5)
            ]
        )
        for product in cls.products:
            cls._stock(10, product=product)
        # Another shopper paying for two of each: their hold is what the cart page takes off the stock.
        cls.held = cls._shop_cart(cls.products, customer=1)
        cls.held._stock_hold_take()

    @classmethod
    def _shop_cart(cls, products, customer=0):
        return cls.env["sale.order"].create(
            {
                "partner_id": cls.customers[customer].id,
                "website_id": cls.website.id,
                "order_line": [
                    Command.create({"product_id": product.id, "product_uom_qty": 2}) for product in products
                ],
            }
        )

    def _open_cart(self, cart):
        self.session[CART_SESSION_CACHE_KEY] = cart.id
        root.session_store.save(self.session)
        response = self.url_open("/shop/cart")
        self.assertEqual(response.status_code, 200)
        return response

    def test_cart_page_costs_the_same_with_one_or_five_stocked_lines(self):
        self.assertTrue(self.held.stock_hold_until)
        one, five = self._shop_cart(self.products[:1]), self._shop_cart(self.products)
        self.authenticate(None, None)
        # Warm-up: templates and assets compiled, the website and its caches loaded.
        self._open_cart(one)
        self._open_cart(five)
        counts = []
        for cart in (one, five):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            # 40 queries measured with website_sale_stock's dependencies (one more per stocked line before the
            # other carts' holds were read once per cart); other shop addons installed beside add their own.
            with self.subTest(lines=len(cart.order_line)), self.assertQueryCount(40):
                response = self._open_cart(cart)
            counts.append(self.cr.sql_log_count - before)
            # 10 in stock, 2 held by the other cart: each line may go up to 8 (twice: phone and desktop layouts).
            self.assertEqual(re.findall(r'data-max="([^"]*)"', response.text), ["8.0"] * 2 * len(cart.order_line))
        self.assertEqual(counts[0], counts[1], "a stocked line more costs no query more")
