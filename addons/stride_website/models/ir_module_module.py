from odoo import api, models


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    @api.model
    def _load_module_terms(self, modules, langs, overwrite=False):
        """Once this addon's translations are loaded (on install, or when a language is added later), the terms of
        sale it gave the companies follow in that language too: a company's web terms are one translated HTML field
        that account fills from the template in one language only. So do the home pages' title and description,
        written by code on each website's copy of the home page (no XML id of ours to translate by)."""
        res = super()._load_module_terms(modules, langs, overwrite=overwrite)
        if "stride_website" in modules:
            self.env["res.company"].search([("terms_type", "=", "html")])._stride_website_translate_terms(langs)
            self.env["ir.ui.view"]._stride_website_home_views()._stride_website_translate_home_seo(langs)
        return res
