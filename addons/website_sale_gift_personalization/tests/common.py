import struct
import zlib

from odoo import http
from odoo.tests import HttpCase, new_test_user

from odoo.addons.sale_gift_personalization.tests.common import PersonalizationCase, make_image


def make_bomb(width=100_000, height=100_000):
    """A tiny PNG whose header claims width x height pixels (a decompression bomb: refused before decoding)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


class ShopPersonalizationCase(HttpCase, PersonalizationCase):
    """gcore's keyring and mug, published, with two portal customers and the shop's helpers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.website = cls.env["website"].get_current_website()
        (cls.keyring | cls.mug).write({"is_published": True, "website_id": False})
        cls.alice = new_test_user(cls.env, login="gift_alice", groups="base.group_portal", name="Alice Gift")
        cls.bob = new_test_user(cls.env, login="gift_bob", groups="base.group_portal", name="Bob Gift")
        cls.photo = make_image(400, 400)
        # Catalogue prices for both customers, whatever pricelists the database already has.
        cls.catalogue = cls.env["product.pricelist"].create({
            "name": "Gift catalogue", "currency_id": cls.env.company.currency_id.id, "website_id": cls.website.id,
        })
        (cls.alice | cls.bob).partner_id.property_product_pricelist = cls.catalogue

    def _cart_values(self, template, values=(), texts=None):
        """The parameters the product page posts to /shop/cart/add for ``template`` with the no-variant values named
        in ``values`` chosen and ``texts`` ({value name: text or upload id}) typed into its custom values."""
        texts = texts or {}
        no_variant = [self.ptav(template, name).id for name in (*values, *texts)]
        return {
            "product_template_id": template.id,
            "product_id": template.product_variant_id.id,
            "quantity": 1,
            "no_variant_attribute_value_ids": no_variant,
            "product_custom_attribute_value_ids": [],
            "product_custom_attribute_values": [
                {"custom_product_template_attribute_value_id": self.ptav(template, name).id, "custom_value": text}
                for name, text in texts.items()
            ],
        }

    def _add(self, template, values=(), texts=None, **extra):
        return self.make_jsonrpc_request("/shop/cart/add", {**self._cart_values(template, values, texts), **extra})

    def _add_refused(self, template, values=(), texts=None, **extra):
        """Post an add to cart the server must refuse; the raw JSON-RPC error's message."""
        response = self.url_open(
            "/shop/cart/add",
            json={"jsonrpc": "2.0", "method": "call", "id": 0,
                  "params": {**self._cart_values(template, values, texts), **extra}},
        )
        self.assertEqual(response.status_code, 200)
        error = response.json().get("error")
        self.assertTrue(error, "the add to cart should have been refused")
        self.assertIn(error["data"]["name"], ("odoo.exceptions.UserError", "odoo.exceptions.ValidationError"))
        return error["data"]["message"]

    def _upload(self, field, data, filename="photo.png", csrf=True):
        form = {"field_id": str(field.id) if hasattr(field, "id") else field}
        if csrf:
            form["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open(
            "/shop/personalization/upload", data=form, files={"image": (filename, data, "image/png")}
        )

    def _cart(self, user):
        return self.env["sale.order"].search(
            [("partner_id", "=", user.partner_id.id), ("state", "=", "draft")], order="id desc", limit=1
        )
