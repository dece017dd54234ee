from textwrap import shorten

from odoo import models
from odoo.tools.mail import html_to_inner_content


class ProductPublicCategory(models.Model):
    _inherit = "product.public.category"

    def _default_website_meta(self):
        """A category page without its own SEO fields still describes itself when shared or indexed: its description
        (else a sentence naming it) and its picture, as website_sale already does for a product page."""
        res = super()._default_website_meta()
        website = self.env["website"].get_current_website()
        description = shorten(html_to_inner_content(self.website_description), width=160, placeholder="…")
        if not description:
            description = self.env._("%(category)s at %(shop)s: see the whole range and order online.",
                                     category=self.name, shop=website.name)
        res["default_meta_description"] = description
        res["default_opengraph"]["og:description"] = res["default_twitter"]["twitter:description"] = description
        image_field = "cover_image" if self.cover_image else "image_1024" if self.image_1024 else None
        if image_field:
            res["default_opengraph"]["og:image"] = res["default_twitter"]["twitter:image"] = website.image_url(
                self, image_field
            )
        return res
