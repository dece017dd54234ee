import json

import lxml.html

from odoo.tests import HttpCase, tagged

from .common import make_storefront


@tagged("post_install", "-at_install")
class TestSeo(HttpCase):
    """Product and category pages carry a title, a description and a share picture, are listed in the sitemap, and
    product pages carry Odoo's structured data (schema.org Product)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.store = make_storefront(cls.env)
        cls.shoe, cls.category = cls.store["shoe"], cls.store["category"]

    def _page(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return lxml.html.fromstring(response.text)

    def _seo(self, page):
        def meta(xpath):
            values = page.xpath(xpath)
            return values[0] if values else None

        return {
            "title": page.xpath("//title")[0].text,
            "description": meta("//meta[@name='description']/@content"),
            "og:title": meta("//meta[@property='og:title']/@content"),
            "og:description": meta("//meta[@property='og:description']/@content"),
            "og:image": meta("//meta[@property='og:image']/@content"),
        }

    def test_product_page_shows_its_seo_fields(self):
        self.shoe.write({
            "website_meta_title": "Zeta Trail Runner: grip on every trail",
            "website_meta_description": "Light trail shoe, true to size, delivered in 3 days.",
            "website_meta_og_img": "/web/image/website.s_cover_default_image",
        })
        seo = self._seo(self._page(self.shoe.website_url))
        self.assertEqual(seo["title"], "Zeta Trail Runner: grip on every trail")
        self.assertEqual(seo["og:title"], "Zeta Trail Runner: grip on every trail")
        self.assertEqual(seo["description"], "Light trail shoe, true to size, delivered in 3 days.")
        self.assertTrue(seo["og:image"].endswith("/web/image/website.s_cover_default_image"))

    def test_product_page_without_seo_fields_falls_back_to_the_product(self):
        # website_sale's own defaults: the product's name, its sales description and its picture.
        seo = self._seo(self._page(self.shoe.website_url))
        self.assertIn("Zeta Trail Runner", seo["title"])
        self.assertEqual(seo["description"], "A light trail shoe with a grippy sole.")
        self.assertIn(f"/web/image/product.template/{self.shoe.id}/image_1024", seo["og:image"])

    def test_category_page_shows_its_seo_fields(self):
        self.category.write({
            "website_meta_title": "Trail shoes for every terrain",
            "website_meta_description": "Our trail shoes, from light runners to mountain boots.",
            "website_meta_og_img": "/web/image/website.s_cover_default_image",
        })
        seo = self._seo(self._page(f"/shop/category/{self.category.id}"))
        self.assertEqual(seo["title"], "Trail shoes for every terrain")
        self.assertEqual(seo["description"], "Our trail shoes, from light runners to mountain boots.")
        self.assertTrue(seo["og:image"].endswith("/web/image/website.s_cover_default_image"))

    def test_category_page_without_seo_fields_describes_itself(self):
        seo = self._seo(self._page(f"/shop/category/{self.category.id}"))
        self.assertIn("Zeta Trail Shoes", seo["title"])
        self.assertIn("Zeta Trail Shoes", seo["description"])
        self.assertEqual(seo["og:description"], seo["description"])
        self.assertIn(f"/web/image/product.public.category/{self.category.id}/cover_image", seo["og:image"])

        self.category.website_description = "<p>Shoes <b>for</b> mud, rocks and roots.</p>"
        seo = self._seo(self._page(f"/shop/category/{self.category.id}"))
        self.assertEqual(seo["description"], "Shoes for mud, rocks and roots.")

    def test_sitemap_lists_products_and_categories(self):
        sitemap = self.url_open("/sitemap.xml")
        self.assertEqual(sitemap.status_code, 200)
        slug = self.env["ir.http"]._slug
        self.assertIn(f"/shop/{slug(self.shoe)}</loc>", sitemap.text)
        self.assertIn(f"/shop/category/{slug(self.category)}</loc>", sitemap.text)

    def test_product_page_carries_structured_data(self):
        page = self._page(self.shoe.website_url)
        documents = [json.loads(script.text) for script in page.xpath("//script[@type='application/ld+json']")]
        products = [
            item for document in documents for item in (document if isinstance(document, list) else [document])
            if item.get("@type") == "Product"
        ]
        self.assertEqual(len(products), 1)
        self.assertEqual(products[0]["name"], "Zeta Trail Runner")
        self.assertIn("offers", products[0])
