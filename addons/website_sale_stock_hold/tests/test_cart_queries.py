import re
from collections import defaultdict
from unittest.mock import patch

from odoo.fields import Command
from odoo.http import root
from odoo.tests import HttpCase, tagged

from odoo.addons.website_sale.models.website import CART_SESSION_CACHE_KEY

from .common import StockHoldCase


def no_holds(order, products):
    return defaultdict(float)


@tagged("post_install", "-at_install")
class TestCartQueries(HttpCase, StockHoldCase):
    """The other carts' holds cost the cart page the same queries however many stocked lines the cart has (before: one
    per stocked line and per call, and the page asks for each line's maximum twice)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.website = cls.env["website"].get_current_website()
        cls.website.write({"warehouse_id": cls.warehouse.id, "stock_hold_minutes": 10})
        if "loyalty.program" in cls.env:
            # A loyalty club installed beside (the demo shop's) re-evaluates the cart's rewards and points on every
            # cart page, which costs its own queries: not what this test measures.
            cls.env["loyalty.program"].search([]).action_archive()
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
        # The first request compiles the shop's templates: over Odoo's 12 s default on a loaded machine.
        response = self.url_open("/shop/cart", timeout=120)
        self.assertEqual(response.status_code, 200)
        return response

    def _count_queries(self, cart, budget=None):
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        if budget is None:
            response = self._open_cart(cart)
        else:
            with self.assertQueryCount(budget):
                response = self._open_cart(cart)
        return self.cr.sql_log_count - before, response

    def test_cart_page_reads_the_holds_once_with_one_or_five_stocked_lines(self):
        self.assertTrue(self.held.stock_hold_until)
        one, five = self._shop_cart(self.products[:1]), self._shop_cart(self.products)
        self.authenticate(None, None)
        # Warm-up: templates and assets compiled, the website and its caches loaded.
        self._open_cart(one)
        self._open_cart(five)
        extra = []
        for cart in (one, five):
            with self.subTest(lines=len(cart.order_line)):
                # Plain website_sale_stock (no hold read) on the same page: the other shop modules installed beside
                # cost their own queries per line, which are not this addon's.
                with patch.object(type(self.env["sale.order"]), "_stock_hold_qty_held_by_others", no_holds):
                    plain, _response = self._count_queries(cart)
                # 2 queries measured over plain Odoo (the other carts' holds of every line, their units).
                ours, response = self._count_queries(cart, budget=plain + 2)
                extra.append(ours - plain)
                # 10 in stock, 2 held by the other cart: each line may go up to 8 (phone and desktop layouts).
                self.assertEqual(re.findall(r'data-max="([^"]*)"', response.text), ["8.0"] * 2 * len(cart.order_line))
        self.assertEqual(extra[0], extra[1], "the other carts' holds cost the same for one line or five")
