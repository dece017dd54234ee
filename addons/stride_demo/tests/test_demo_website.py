import lxml.html

from odoo.tests import HttpCase, tagged

from odoo.addons.stride_demo.lib import catalog, storefront

from .common import StrideDemoMixin


@tagged("post_install", "-at_install")
class TestDemoWebsite(StrideDemoMixin, HttpCase):
    """The demo shop's storefront: a home page naming the promotion, a described catalogue, the blog's first post."""

    def test_home_page_names_the_running_promotion(self):
        # The first render of the demo shop compiles its templates: slow on a loaded machine (see test_demo_pages).
        page = lxml.html.fromstring(self.url_open("/", timeout=90).text)
        promotion = page.xpath("//section[contains(@class, 'o_stride_home_hero')]//p[contains(@class, "
                               "'o_stride_home_promotion')]")
        self.assertEqual(len(promotion), 1)
        self.assertIn("WELCOME10", promotion[0].text_content())

    def test_every_demo_product_and_category_page_is_described(self):
        gifts = self.env["product.template"].browse([
            self.env.ref(f"stride_demo.product_template_{gift.code.lower().replace('-', '_')}_demo").id
            for gift in catalog.GIFTS
        ])
        for template in self.shoes | gifts:
            with self.subTest(product=template.name):
                self.assertTrue(template.website_meta_title and template.website_meta_description)
                self.assertIn(f"/web/image/product.template/{template.id}/image_1024", template.website_meta_og_img)
        categories = self.shoes.public_categ_ids | gifts.public_categ_ids
        self.assertEqual(len(categories), len(catalog.CATEGORIES) + 1)
        for category in categories:
            with self.subTest(category=category.name):
                self.assertTrue(category.website_meta_title and category.website_meta_description)
                self.assertTrue(category.cover_image, "its picture in the home page's category block")

    def test_blog_has_a_published_post(self):
        post = self.env.ref("stride_demo.blog_post_size_guide_demo")
        self.assertEqual(post.blog_id.name, storefront.BLOG_NAME)
        page = self.url_open(post.website_url, timeout=90)
        self.assertEqual(page.status_code, 200)
        self.assertIn(storefront.BLOG_POST["name"], page.text)
