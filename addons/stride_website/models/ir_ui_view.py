from odoo import api, models

HOME_PAGE_KEY = "website.homepage"


class IrUiView(models.Model):
    _inherit = "ir.ui.view"

    @api.model
    def _stride_website_home_seo(self):
        """Stride's title and description of the home page, in the environment's language."""
        return {
            "website_meta_title": self.env._("Stride: shoes that fit, personalised gifts"),
            "website_meta_description": self.env._(
                "Running, walking and everyday shoes in true sizes with a size guide per brand, and gifts "
                "personalised for you."
            ),
        }

    @api.model
    def _stride_website_home_views(self):
        # Odoo's generic home page and each website's copy of it: website copies the home page for every website it
        # creates (website._bootstrap_homepage), and "/" renders the website's copy, whose SEO fields are its own.
        return self.with_context(active_test=False).search([("key", "=", HOME_PAGE_KEY), ("type", "=", "qweb")])

    @api.model
    def _stride_website_set_home_seo(self):
        """Stride's title and description on the home pages that have no title of their own (the owner's stay), in
        every active language. The SEO fields of a page are those of its view (website.page inherits ir.ui.view)."""
        views = self._stride_website_home_views().with_context(lang="en_US").filtered(
            lambda view: not view.website_meta_title
        )
        views.write(self.with_context(lang="en_US")._stride_website_home_seo())
        views._stride_website_translate_home_seo([code for code, _name in self.env["res.lang"].get_installed()])

    def _stride_website_translate_home_seo(self, langs):
        """Translate Stride's home page title and description into ``langs`` (this addon's .po files) on the views
        ``self`` that still carry them in English: texts the owner wrote are left alone."""
        langs = [lang for lang in langs if lang != "en_US"]
        english = self.with_context(lang="en_US")._stride_website_home_seo()
        views = self.with_context(lang="en_US").filtered(
            lambda view: view.website_meta_title == english["website_meta_title"]
        )
        if not (views and langs):
            return
        translated = {lang: self.with_context(lang=lang)._stride_website_home_seo() for lang in langs}
        for name in english:
            for view in views:
                view.update_field_translations(name, {lang: texts[name] for lang, texts in translated.items()})
