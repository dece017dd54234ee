import json
import logging

import lxml.html

from odoo import fields
from odoo.tests import tagged

from .common import ShopPersonalizationCase

_logger = logging.getLogger(__name__)

# Queries our personalisation may add to a product page: the target.
PAGE_EXTRA_BUDGET = 3


@tagged("post_install", "-at_install")
class TestShopProductPage(ShopPersonalizationCase):
    """The product page of a personalised product: what it renders, its price in two currencies, its cost."""

    def _page(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return lxml.html.fromstring(response.content)

    def _warm_count(self, url):
        self.url_open(url)
        self.env.flush_all()
        before = self.cr.sql_log_count
        self.url_open(url)
        return self.cr.sql_log_count - before

    def test_page_renders_fields_in_order_with_the_layout(self):
        page = self._page(self.mug.website_url)
        block = page.xpath("//div[hasclass('o_personalization')]")[0]
        layout = json.loads(block.get("data-layout"))
        self.assertEqual(layout, self.mug._get_personalization_layout())
        kinds = [li.get("data-personalization-kind") for li in page.xpath("//li[@data-personalization-kind]")]
        self.assertEqual(kinds, [field["kind"] for field in layout["fields"]])
        photo = page.xpath("//input[hasclass('o_personalization_file')]")[0]
        self.assertEqual(photo.get("data-field-id"), str(self.ptal(self.mug, self.attr_photo).id))
        self.assertEqual(photo.get("accept"), "image/png,image/jpeg,image/webp")
        card = page.xpath(f"//li[@data-personalization-line-id='{self.ptal(self.mug, self.attr_card).id}']")[0]
        self.assertEqual(json.loads(card.get("data-personalization-conditions")), [self.ptav(self.mug, "Gift box").id])
        engraving = self._page(self.keyring.website_url).xpath("//input[hasclass('o_personalization_text_input')]")[0]
        self.assertEqual(engraving.get("maxlength"), "20")
        self.assertEqual(engraving.get("data-custom-product-template-attribute-value-id"),
                         str(self.ptav(self.keyring, "Engraving text").id))

    def test_plain_product_page_is_unchanged(self):
        plain = self.env["product.template"].create({"name": "Plain Mug", "list_price": 9.0, "is_published": True})
        page = self._page(plain.website_url)
        self.assertFalse(page.xpath("//*[hasclass('o_personalization')]"))
        self.assertFalse(page.xpath("//*[@data-personalization-kind]"))

    def test_extra_prices_follow_a_pricelist_in_another_currency(self):
        company_currency = self.env.company.currency_id
        other = self.env.ref("base.EUR") if company_currency != self.env.ref("base.EUR") else self.env.ref("base.USD")
        other.active = True
        self.env["res.currency.rate"].search([("currency_id", "in", (other | company_currency).ids)]).unlink()
        self.env["res.currency.rate"].create({"currency_id": other.id, "rate": 2.0, "name": fields.Date.today()})
        pricelist = self.env["product.pricelist"].create(
            {"name": "Gift pricelist", "currency_id": other.id, "website_id": self.website.id, "selectable": True}
        )
        self.alice.partner_id.property_product_pricelist = pricelist
        self.authenticate("gift_alice", "gift_alice")
        self.url_open(f"/shop/change_pricelist/{pricelist.id}")
        info = self.make_jsonrpc_request("/website_sale/get_combination_info", {
            "product_template_id": self.mug.id,
            "product_id": self.mug.product_variant_id.id,
            "combination": (self.ptav(self.mug, "Gift wrap") | self.ptav(self.mug, "Your photo")
                            | self.ptav(self.mug, "No card") | self.ptav(self.mug, "Engraving text")).ids,
            "add_qty": 1,
        })
        self.assertAlmostEqual(info["price"], (15.0 + 3.0) * 2)
        photo = self._upload(self.ptal(self.mug, self.attr_photo), self.photo).json()["id"]
        self._add(self.mug, ("Gift wrap",), {"Your photo": photo})
        cart = self._cart(self.alice)
        self.assertEqual(cart.currency_id, other)
        self.assertAlmostEqual(cart.order_line.price_unit, (15.0 + 3.0) * 2)
        # In the shop's own currency the same option costs its catalogue extra.
        self.authenticate("gift_bob", "gift_bob")
        self._add(self.mug, ("Gift wrap",), {"Your photo": self._upload(
            self.ptal(self.mug, self.attr_photo), self.photo).json()["id"]})
        self.assertAlmostEqual(self._cart(self.bob).order_line.price_unit, 15.0 + 3.0)

    def test_product_page_queries_with_and_without_personalisation(self):
        """Our page against a twin with the same attributes that Odoo renders alone: the difference is what
        personalisation costs (a product without attributes is logged for scale)."""
        twin = self.env["product.template"].create({
            "name": "Keyring Twin",
            "list_price": 12.0,
            "is_published": True,
            "attribute_line_ids": [
                (0, 0, {"attribute_id": line.attribute_id.id, "value_ids": [(6, 0, line.value_ids.ids)]})
                for line in self.keyring.attribute_line_ids
            ],
        })
        bare = self.env["product.template"].create({"name": "Bare Keyring", "list_price": 12.0, "is_published": True})
        self.authenticate(None, None)
        personalised = self._warm_count(self.keyring.website_url)
        same_attributes = self._warm_count(twin.website_url)
        no_attributes = self._warm_count(bare.website_url)
        _logger.info(
            "Queries of a product page: %d personalised, %d with the same attributes unpersonalised, "
            "%d without attributes", personalised, same_attributes, no_attributes,
        )
        self.assertLessEqual(personalised - same_attributes, PAGE_EXTRA_BUDGET, (personalised, same_attributes))
        with self.assertQueryCount(same_attributes + PAGE_EXTRA_BUDGET):
            self.url_open(self.keyring.website_url)
