from odoo.tests import HttpCase, tagged

from .common import StrideRecordsMixin


@tagged("post_install", "-at_install")
class TestShopPage(StrideRecordsMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        category = cls._shop_category()
        cls.published = cls._shoe("Stride Test Summit Trail Runner", category)
        cls.hidden = cls._shoe("Stride Test Prototype Runner", category, published=False)

    def test_shop_lists_published_shoes_to_visitors(self):
        response = self.url_open("/shop?search=Stride Test")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Stride Test Summit Trail Runner", response.text)

    def test_visitor_does_not_see_unpublished_shoes(self):
        response = self.url_open("/shop?search=Stride Test")
        self.assertNotIn("Stride Test Prototype Runner", response.text)
        self.assertEqual(self.url_open(self.hidden.website_url, allow_redirects=False).status_code, 404)
        self.assertEqual(self.url_open(self.published.website_url).status_code, 200)
