from odoo.tests import HttpCase, tagged

from .common import make_shoe_catalogue

# The first page in a newly activated language compiles its templates: on a loaded test machine it took over
# Odoo's 12-second default.
FIRST_PAGE_TIMEOUT = 60


@tagged("post_install", "-at_install")
class TestShopInFrench(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(["product_shoe", "website_sale_shoe"], ["fr_FR"], overwrite=True)
        website = cls.env.ref("website.default_website")
        website.language_ids |= cls.env.ref("base.lang_fr")
        cls.runner = make_shoe_catalogue(cls.env)["vn"]
        cls.env["shoe.size.run.wizard"].create(
            {"product_tmpl_id": cls.runner.id, "size_from": "40", "size_to": "42"}
        ).action_create_size_run()

    def test_filters_and_size_guide_read_in_french(self):
        html = self.url_open("/fr/shop?size_system=us_men", timeout=FIRST_PAGE_TIMEOUT).text
        for label in ("<b>Pointure</b>", "<b>Marque</b>", "<b>Largeur</b>", "US homme", "Homme"):
            self.assertIn(label, html)
        html = self.url_open(f"/fr{self.runner.website_url}?foot_mm=999", timeout=FIRST_PAGE_TIMEOUT).text
        for label in ("Guide des tailles", "Trouver ma pointure", "Aucune pointure de ce guide"):
            self.assertIn(label, html)


@tagged("post_install", "-at_install")
class TestShopInVietnamese(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("vi_VN")
        cls.env["ir.module.module"]._load_module_terms(
            ["website_sale", "product_shoe", "website_sale_shoe"], ["vi_VN"], overwrite=True
        )
        website = cls.env.ref("website.default_website")
        website.language_ids |= cls.env.ref("base.lang_vi_VN")
        shoes = make_shoe_catalogue(cls.env)
        ours = [record.id for record in shoes.values() if record._name == "product.template"]
        cls.env["product.template"].search([("id", "not in", ours), ("is_published", "=", True)]).is_published = False
        # A running shoe whose name says nothing of running, in no language.
        cls.velocity = cls.env["product.template"].create(
            {"name": "Velocity Pro", "is_published": True, "is_shoe": True, "shoe_category": "running"}
        )

    def test_vietnamese_running_shoes_are_found_with_or_without_accents(self):
        for query in ("giày chạy bộ", "giay chay bo"):
            html = self.url_open(f"/vi/shop?search={query}", timeout=FIRST_PAGE_TIMEOUT).text
            self.assertIn("Velocity Pro", html, query)
            self.assertIn("Kết quả tìm kiếm cho", html, "the search title is translated")
            self.assertNotIn("Search results for", html)
            self.assertNotIn("Mountain Boot", html)
