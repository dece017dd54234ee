import lxml.html

from odoo.tests import HttpCase, tagged

# Stride's own texts, in each of the shop's languages (i18n/*.po), that replace Odoo's placeholders.
STRIDE_TEXTS = {
    "en_US": ("About Stride", "Copyright © Stride"),
    "vi_VN": ("Về Stride", "Bản quyền © Stride"),
    "es_ES": ("Sobre Stride", "© Stride. Todos los derechos reservados."),
    "fr_FR": ("À propos de Stride", "© Stride. Tous droits réservés."),
    "de_DE": ("Über Stride", "© Stride. Alle Rechte vorbehalten."),
    "zh_CN": ("关于 Stride", "版权所有 © Stride"),
}
# Placeholders no language translates.
PLACEHOLDERS = ("yourcompany.example.com", "555-555-5556", "Fake Buena Vista", "Company name", "My Company")
PAGES = ("/", "/contactus", "/aboutus")


@tagged("post_install", "-at_install")
class TestWebsiteTexts(HttpCase):
    """The demo website is Stride's own shop: no Odoo placeholder in any of its languages."""

    def _odoo_placeholders(self, lang):
        """Odoo's own placeholder texts of the footer, in ``lang``: the "About us" paragraph and the copyright."""
        texts = []
        for xmlid, xpath in (
            ("website.footer_custom", "//div[@id='footer']//p"),
            ("website.footer_copyright_company_name", "//span[contains(@class, 'o_footer_copyright_name')]"),
        ):
            arch = self.env.ref(xmlid).with_context(lang=lang).arch_db
            for node in lxml.html.fromstring(arch).xpath(xpath):
                text = " ".join(node.text_content().split())
                if text:
                    texts.append(text[:40])
        return texts

    def test_pages_show_stride_texts_in_every_language(self):
        languages = self.env["res.lang"].search([("code", "in", list(STRIDE_TEXTS))])
        self.assertEqual(len(languages), len(STRIDE_TEXTS))
        for lang in languages:
            prefix = "" if lang.code == "en_US" else f"/{lang.url_code}"
            odoo_texts = self._odoo_placeholders(lang.code)
            self.assertTrue(odoo_texts, lang.code)
            for page in PAGES:
                with self.subTest(lang=lang.code, page=page):
                    # The language of the previous page stays in a cookie: each page is a first visit.
                    self.opener.cookies.clear()
                    response = self.url_open(prefix + page)
                    self.assertEqual(response.status_code, 200)
                    text = " ".join(lxml.html.fromstring(response.text).text_content().split())
                    for stride_text in STRIDE_TEXTS[lang.code]:
                        self.assertIn(stride_text, text)
                    for placeholder in PLACEHOLDERS + tuple(odoo_texts):
                        self.assertNotIn(placeholder, text)
