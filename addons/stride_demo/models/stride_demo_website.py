from datetime import datetime, time, timedelta

from odoo import api, models

from ..lib import storefront


class StrideDemoBuilder(models.AbstractModel):
    """The storefront of the demo shop: SEO fields of the catalogue, category pictures on the home page, the blog."""

    _inherit = "stride.demo.builder"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _stride_demo_steps(self):
        # 100-101: after the whole catalogue (20-25), the orders and the promotions; they only describe it.
        return super()._stride_demo_steps() + [(100, "_demo_catalogue_seo"), (101, "_demo_blog_post")]

    def _demo_catalogue_seo(self, shop):
        """Title, description and share picture of every demo product and shop category page; each category's
        picture becomes its cover in the home page's category block (website_sale shows ``cover_image`` there)."""
        website = self.env["website"].get_current_website()
        for name, category in shop["categories"].items():
            public = category["public"]
            public.write({
                **storefront.category_seo(name, website.name),
                "website_meta_og_img": website.image_url(public, "image_1024"),
                "cover_image": public.image_1920,
            })
            for template in self.env["product.template"].search([("public_categ_ids", "in", public.ids)]):
                template.write({
                    **storefront.product_seo(template.name, name, template.description_sale or "", website.name),
                    "website_meta_og_img": website.image_url(template, "image_1024"),
                })

    def _demo_blog_post(self, shop):
        """Odoo's blog named for the shop, with one published post (website_blog's first blog)."""
        blog = self.env.ref("website_blog.blog_blog_1", raise_if_not_found=False) or self.env["blog.blog"].create(
            {"name": storefront.BLOG_NAME}
        )
        blog.write({"name": storefront.BLOG_NAME, "subtitle": storefront.BLOG_SUBTITLE})
        post = self.env["blog.post"].create({
            **storefront.BLOG_POST,
            "blog_id": blog.id,
            "author_id": self.env.company.partner_id.id,
            "is_published": True,
            "post_date": datetime.combine(shop["today"] - timedelta(days=3), time(9, 0)),
        })
        self._register_xmlids({"stride_demo.blog_post_size_guide_demo": post})
