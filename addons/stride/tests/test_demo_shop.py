from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestDemoShop(HttpCase):
    """The shop renders our shoes to a visitor; with the demo data, it looks like a shoe shop."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shoe = cls.env["product.template"].create({
            "name": "Stride Test Trail Runner",
            "list_price": 89.0,
            "sale_ok": True,
            "is_published": True,
        })
        cls.hidden = cls.env["product.template"].create({
            "name": "Stride Test Prototype",
            "list_price": 10.0,
            "sale_ok": True,
            "is_published": False,
        })

    def test_shop_lists_published_shoes_to_visitors(self):
        response = self.url_open("/shop?search=Stride Test")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Stride Test Trail Runner", response.text)
        self.assertNotIn("Stride Test Prototype", response.text)

    def test_unpublished_product_page_is_not_found_for_visitors(self):
        self.assertEqual(self.url_open(self.hidden.website_url).status_code, 404)
        self.assertEqual(self.url_open(self.shoe.website_url).status_code, 200)

    def test_demo_shop_shows_demo_shoes_only(self):
        if not self.env.ref("stride.user_manager_demo", raise_if_not_found=False):
            self.skipTest("the stride demo data is not installed")
        published = self.env["product.template"].search([("is_published", "=", True), ("sale_ok", "=", True)])
        ours = self.env["ir.model.data"].search([
            ("module", "=", "stride"), ("model", "=", "product.template"), ("res_id", "in", published.ids),
        ])
        self.assertGreaterEqual(len(ours), 50, "40 shoe models and 10 gifts are published")
        self.assertLessEqual(len(published) - len(ours), 2, "Odoo's furniture demo is unpublished")
        page = self.url_open("/shop").text
        demo_names = self.env["product.template"].browse(ours.mapped("res_id")).mapped("name")
        self.assertTrue(any(name in page for name in demo_names))
