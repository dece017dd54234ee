from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    """Labels of size systems and shoe facts read in the shop languages."""

    def _labels(self, lang, model, field):
        self.env["res.lang"]._activate_lang(lang)
        self.env["ir.module.module"]._load_module_terms(["product_shoe"], [lang], overwrite=True)
        env = self.env(context=dict(self.env.context, lang=lang))
        return dict(env[model]._fields[field]._description_selection(env))

    def test_shoe_facts_and_size_systems_in_french(self):
        self.assertEqual(self._labels("fr_FR", "product.template", "shoe_width")["wide"], "Large")
        self.assertEqual(self._labels("fr_FR", "product.template", "shoe_closure")["laces"], "Lacets")
        self.assertEqual(self._labels("fr_FR", "shoe.size.chart.line", "size_system")["us_men"], "US homme")
        env = self.env(context=dict(self.env.context, lang="fr_FR"))
        self.assertEqual(env["ir.model.fields"]._get("product.template", "shoe_gender").field_description, "Genre")

    def test_shoe_facts_and_size_systems_in_vietnamese(self):
        self.assertEqual(self._labels("vi_VN", "product.template", "shoe_gender")["women"], "Nữ")
        self.assertEqual(self._labels("vi_VN", "product.template", "shoe_category")["running"], "Chạy bộ")
        self.assertEqual(self._labels("vi_VN", "shoe.size.chart.line", "size_system")["us_women"], "US nữ")

    def test_size_error_is_translated(self):
        self._labels("de_DE", "product.template", "shoe_width")
        Chart = self.env["shoe.size.chart"].with_context(lang="de_DE")
        with self.assertRaisesRegex(Exception, "Unbekanntes Größensystem: mars"):
            Chart.convert_size(42, "eu", "mars")
