from odoo import models
from odoo.tools import html2plaintext

TERMS_TEMPLATE = "account.account_default_terms_and_conditions"
# Odoo's suggested terms open by asking to be rewritten: terms holding this sentence are not a company's own.
ODOO_SUGGESTED_TERMS = "You should update this document to reflect your T&C."


class ResCompany(models.Model):
    _inherit = "res.company"

    def _stride_website_render_terms(self, lang):
        self.ensure_one()
        return self.env["ir.qweb"].with_context(lang=lang)._render(
            TERMS_TEMPLATE, {"company_name": self.name, "company_country": self.country_id.name}
        )

    def _stride_website_set_terms(self):
        """Stride's terms of sale as the companies' web terms (account's /terms), unless a company wrote its own:
        empty terms and Odoo's suggested ones are replaced."""
        for company in self:
            company.terms_type = "html"
            current = html2plaintext(company.with_context(lang="en_US").invoice_terms_html or "")
            if not current.strip() or ODOO_SUGGESTED_TERMS in current:
                company.with_context(lang="en_US").invoice_terms_html = company._stride_website_render_terms("en_US")

    def _stride_website_translate_terms(self, langs):
        """Translate the companies' web terms of sale into ``langs`` from the template (Stride's terms, see
        views/website_legal_templates.xml), for the companies whose terms are still the template's: terms the owner
        wrote are left alone."""
        langs = [lang for lang in langs if lang != "en_US"]
        if not langs:
            return
        # The translations just imported went to the database under the ORM: read the views afresh.
        self.env.invalidate_all()
        self.env.registry.clear_cache("templates")
        terms = self._fields["invoice_terms_html"].get_trans_terms
        for company in self:
            current = company.with_context(lang="en_US").invoice_terms_html
            if html2plaintext(current or "") != html2plaintext(company._stride_website_render_terms("en_US")):
                continue
            # An HTML field is translated term by term (paragraphs, list items): the stored English terms, each with
            # the template's term at the same place in the other language.
            english = terms(current)
            translations = {lang: terms(company._stride_website_render_terms(lang)) for lang in langs}
            company.update_field_translations("invoice_terms_html", {
                lang: dict(zip(english, translated, strict=True))
                for lang, translated in translations.items() if len(translated) == len(english)
            })
