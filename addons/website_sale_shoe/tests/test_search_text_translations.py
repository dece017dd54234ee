from odoo.fields import Command
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

from .common import SEARCH_OPTIONS


@tagged("post_install", "-at_install")
class TestSearchTextTranslations(TransactionCase):
    """The stored search text holds every installed language, whichever way a translation reached the database."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.env["res.lang"]._activate_lang("vi_VN")
        cls.category = cls.env["product.public.category"].create({"name": "Glacier Line"})
        cls.shoe = cls.env["product.template"].create(
            {
                "name": "Quokka Runner",
                "is_published": True,
                "sale_ok": True,
                "is_shoe": True,
                "shoe_category": "running",
                "public_categ_ids": [Command.set(cls.category.ids)],
            }
        )
        cls.website = cls.env.ref("website.default_website").with_user(cls.env.ref("base.public_user"))

    def _recomputed_text(self):
        """The text an ORM recompute stores (what any later write of the product gives)."""
        self.env.add_to_compute(self.shoe._fields["shoe_search_text"], self.shoe)
        self.shoe.flush_recordset()
        self.shoe.invalidate_recordset()
        return self.shoe.shoe_search_text

    def _search(self, query, lang):
        self.env.cr.cache.clear()
        _count, details, _fuzzy = self.website.with_context(lang=lang)._search_with_fuzzy(
            "products_only", query, limit=None, order="name asc", options=SEARCH_OPTIONS
        )
        return details[0]["results"]

    def test_translation_files_loaded_after_the_products_reach_their_texts(self):
        """A module's data creates the products, then Odoo loads its translation files in SQL (the demo shop's
        categories), or an administrator activates a language: the stored texts get those words, as a recompute."""
        cr = self.env.cr
        # Terms not loaded yet: the Vietnamese label of the shoe type, the category's Vietnamese name.
        cr.execute(
            SQL(
                """UPDATE ir_model_fields_selection s SET name = s.name - 'vi_VN'
                     FROM ir_model_fields f
                    WHERE f.id = s.field_id AND f.model = 'product.template' AND f.name = 'shoe_category'"""
            )
        )
        self.env.registry.clear_cache("stable")
        self.addCleanup(self.env.registry.clear_cache, "stable")
        self.env.invalidate_all()
        self.shoe.name = "Quokka Runner 2"
        self.env.flush_all()
        self.assertNotIn("chay bo", self.shoe.shoe_search_text)
        # The category belongs to a module whose translation file says "Dòng Băng Hà" (SQL, as the importer writes).
        self.env["ir.model.data"].create(
            {
                "module": "website_sale_shoe",
                "name": "test_glacier_line_category",
                "model": "product.public.category",
                "res_id": self.category.id,
            }
        )
        cr.execute(
            SQL(
                """UPDATE product_public_category SET name = name || '{"vi_VN": "Dòng Băng Hà"}'::jsonb
                    WHERE id = %s""",
                self.category.id,
            )
        )
        self.env.invalidate_all()

        self.env["ir.module.module"]._load_module_terms(["product_shoe", "website_sale_shoe"], ["vi_VN"])

        self.shoe.invalidate_recordset()
        stored = self.shoe.shoe_search_text
        for words in ("chay bo", "dong bang ha"):
            self.assertIn(words, stored)
        self.assertEqual(stored, self._recomputed_text(), "both paths store the same text")
        self.assertIn(self.shoe, self._search("dòng băng hà", "vi_VN"))

    def test_a_recompute_after_a_translation_keeps_the_translated_words(self):
        self.category.update_field_translations("name", {"vi_VN": "Sông Băng"})
        self.env.flush_all()
        self.assertIn("song bang", self.shoe.shoe_search_text)
        # Any later change of the product recomputes its text: the translated words stay.
        self.shoe.write({"name": "Quokka Trail"})
        self.assertIn("song bang", self._recomputed_text())
        self.assertIn(self.shoe, self._search("sông băng", "vi_VN"))
        self.assertIn(self.shoe, self._search("song bang", "en_US"), "and by an English visitor")
