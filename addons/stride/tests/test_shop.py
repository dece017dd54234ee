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

    def test_shop_opens_with_the_demo_shoes_first(self):
        first_shoe = self.env.ref("stride.product_template_run_01_demo", raise_if_not_found=False)
        if not first_shoe:
            self.skipTest("demo data not installed")
        front = self.env["product.template"].search(
            [("is_published", "=", True), ("sale_ok", "=", True)], order="website_sequence, id", limit=6,
        )
        self.assertTrue(all(
            template.get_external_id()[template.id].startswith("stride.product_template_") for template in front
        ), "the first page of the shop belongs to the demo shoes")
        page = self.url_open("/shop").text
        for template in front:
            self.assertIn(template.name, page)
        self.assertIn("/image_1024/", page, "each shoe shows its picture")

    def test_demo_shop_sells_shoes_not_furniture(self):
        if not self.env.ref("stride.product_template_run_01_demo", raise_if_not_found=False):
            self.skipTest("demo data not installed")
        published = self.env["product.template"].search([("is_published", "=", True), ("sale_ok", "=", True)])
        odoo_demo = self.env["ir.model.data"].search([
            ("model", "=", "product.template"), ("res_id", "in", published.ids),
            ("module", "in", self.env["ir.module.module"].search([("author", "=", "Odoo S.A.")]).mapped("name")),
        ])
        self.assertFalse(odoo_demo, "Odoo's furniture demo products are unpublished")
        categories = self.env["product.public.category"].search([]).mapped("name")
        self.assertNotIn("Desks", categories)
