from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import SEARCH_OPTIONS, make_shoe_catalogue


@tagged("post_install", "-at_install")
class TestShoeSearch(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shoes = make_shoe_catalogue(cls.env)
        # Exact result sets need a shop holding only this catalogue: demo data (stride's shoes) is hidden here.
        ours = [record.id for record in cls.shoes.values() if record._name == "product.template"]
        cls.env["product.template"].search([("id", "not in", ours), ("is_published", "=", True)]).is_published = False
        # Visitors search as the public user, who only sees published products.
        cls.website = cls.env.ref("website.default_website").with_user(cls.env.ref("base.public_user"))

    def _search(self, query, options=None, website=None):
        count, details, fuzzy = (website or self.website)._search_with_fuzzy(
            "products_only", query, limit=None, order="name asc", options=dict(SEARCH_OPTIONS, **(options or {}))
        )
        results = details[0]["results"]
        self.assertEqual(count, len(results))
        self.assertFalse(fuzzy, "the visitor's words are never replaced by a guess")
        return results

    def test_accent_insensitive_both_ways(self):
        # "chạy bộ" is running: the category "Trail running" is found too (shipped synonyms).
        running = self.shoes["vn"] | self.shoes["category_only"]
        self.assertEqual(self._search("giay chay bo"), running)
        self.assertEqual(self._search("GIÀY CHẠY"), running)
        self.assertEqual(self._search("GIÀY CHẠY")[0], self.shoes["vn"], "the name saying it comes first")
        self.assertEqual(self._search("zapatillas"), self.shoes["zapatillas"])
        self.assertEqual(self._search("zapatíllas"), self.shoes["zapatillas"])

    def test_every_installed_language_is_searched(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        sneaker = self.shoes["sneaker"]
        sneaker.update_field_translations("name", {"vi_VN": "Giày thể thao cổ điển"})
        self.env.flush_all()
        self.assertEqual(self._search("co dien"), sneaker)
        self.assertEqual(self._search("classic"), sneaker)

    def test_one_typo_is_tolerated(self):
        self.assertEqual(self._search("snaeker"), self.shoes["sneaker"])
        self.assertEqual(self._search("sneakr classic"), self.shoes["sneaker"])
        self.assertEqual(self._search("zapatilas"), self.shoes["zapatillas"])
        self.assertFalse(self._search("snkaeer"), "two typos are too many")

    def test_brand_sku_colour_and_category_are_searched(self):
        self.assertEqual(self._search("urbanstep"), self.shoes["sneaker"] | self.shoes["zapatillas"])
        self.assertEqual(self._search("gcb-01"), self.shoes["vn"])
        self.assertEqual(self._search("crimson"), self.shoes["sneaker"])
        self.assertIn(self.shoes["category_only"], self._search("trail running"))

    def test_variant_skus_are_searched(self):
        self.shoes["sneaker"].product_variant_ids.default_code = "SNK-CRIM-42"
        self.env.flush_all()
        self.assertEqual(self._search("snk-crim"), self.shoes["sneaker"])

    def test_words_glued_to_digits_are_found_and_impossible_alternatives_dropped(self):
        self.shoes["sneaker"].product_variant_ids.default_code = "SNK42CRIMSONX7"
        self.env.flush_all()
        self.assertEqual(
            self._search("crimsonx"), self.shoes["sneaker"], "letters glued to digits are dictionary words"
        )
        Template = self.env["product.template"]
        self.env.cr.cache.pop("website_sale_shoe.alternatives", None)
        alternatives = Template._shoe_search_alternatives("snaeker")[0]
        self.assertIn("sneaker", alternatives)
        self.assertNotIn("snaeker", alternatives, "a typo found in no catalogue word costs no scan")
        self.assertEqual(Template._shoe_search_alternatives("xqzvw"), [("xqzvw",)], "a term always keeps itself")
        self.assertEqual(Template._shoe_typo_corrections(["snaeker", "sneaker"]), {0: ["sneaker"]})

    def test_shipped_and_admin_synonyms(self):
        self.assertEqual(self._search("trainer"), self.shoes["sneaker"])
        self.assertFalse(self._search("kicks"))
        self.env["shoe.search.synonym"].create({"name": "kicks, zapatillas"})
        self.assertEqual(self._search("kicks"), self.shoes["zapatillas"])

    def test_ranking_exact_name_then_name_then_brand_then_other(self):
        results = self._search("trail")
        self.assertEqual(
            list(results),
            [self.shoes["exact"], self.shoes["vn"], self.shoes["brand_only"], self.shoes["category_only"]],
        )

    def test_unpublished_products_are_not_found(self):
        self.assertNotIn(self.shoes["hidden"], self._search("prototype"))

    def test_portal_users_find_published_products_only(self):
        portal = new_test_user(self.env, "shoe_search_portal", groups="base.group_portal")
        website = self.website.with_user(portal)
        self.assertEqual(self._search("giay chay", website=website), self.shoes["vn"] | self.shoes["category_only"])
        self.assertFalse(self._search("prototype", website=website))

    def test_bad_input_never_breaks_the_search(self):
        everything = self._search("")
        self.assertIn(self.shoes["vn"], everything)
        for query in ("%", "_", "\\", "'", '"', "%_\\'\"", "   "):
            self.assertEqual(self._search(query), everything, query)
        self.assertFalse(self._search("x" * 10_000))
        self.assertFalse(self._search("50%_off"))

    def test_autocomplete_limit_keeps_the_total_count(self):
        count, details, _fuzzy = self.website._search_with_fuzzy(
            "products", "trail", limit=2, order="name asc", options=SEARCH_OPTIONS
        )
        products = next(detail for detail in details if detail["model"] == "product.template")
        self.assertEqual(len(products["results"]), 2)
        self.assertEqual(products["count"], 4)

    def test_shoe_filters_combine(self):
        shoes = self.shoes
        women = self._search("", {"shoe_filters": {"shoe_gender": ["women"]}})
        self.assertEqual(women, shoes["sneaker"] | shoes["zapatillas"])
        filtered = self._search(
            "", {"shoe_filters": {"shoe_gender": ["women", "men"], "shoe_brand_id": [shoes["trailmark"].id]}}
        )
        self.assertEqual(filtered, shoes["vn"])
        self.assertEqual(self._search("", {"shoe_filters": {"shoe_width": ["wide"]}}), shoes["vn"])
        self.assertEqual(self._search("", {"shoe_filters": {"shoe_category": ["casual"]}}), shoes["sneaker"])

    def test_facet_counts_ignore_their_own_choice(self):
        Template = self.env["product.template"]
        domain = self.website.sale_product_domain()
        facets = Template._shoe_facet_counts(domain, {"shoe_gender": ["women"]})
        genders = {value: (count, selected) for value, _label, count, selected in facets["shoe_gender"]}
        self.assertEqual(genders["women"], (2, True))
        self.assertEqual(genders["men"], (1, False))
        brands = {value: count for value, _label, count, _selected in facets["shoe_brand_id"]}
        self.assertEqual(brands, {self.shoes["citywalk"].id: 2})

    def test_size_facet_and_filter_work_in_every_size_system(self):
        shoes = self.shoes
        Wizard = self.env["shoe.size.run.wizard"]
        Wizard.create({"product_tmpl_id": shoes["vn"].id, "size_from": "40", "size_to": "42"}).action_create_size_run()
        Wizard.create(
            {"product_tmpl_id": shoes["sneaker"].id, "size_system": "us_women", "size_from": "8.5", "size_to": "9"}
        ).action_create_size_run()
        Template = self.env["product.template"]
        domain = self.website.sale_product_domain()
        facets = Template._shoe_facet_counts(domain, {}, size_system="eu")
        self.assertEqual(
            [(value, count) for value, _label, count, _selected in facets["shoe_size"]],
            [("39", 1), ("40", 2), ("41", 1), ("42", 1)],
            "US women 8.5 and 9 are EU 39 and 40 through the foot length",
        )
        eu40 = next((low, high) for label, low, high in Template._shoe_size_buckets("eu") if label == "40")
        self.assertEqual(self._search("", {"shoe_filters": {"shoe_size": [eu40]}}), shoes["vn"] | shoes["sneaker"])
        self.assertEqual(
            self._search("giay", {"shoe_filters": {"shoe_size": [eu40], "shoe_gender": ["men"]}}), shoes["vn"]
        )
        facets = Template._shoe_facet_counts(domain, {"shoe_size": [eu40], "shoe_gender": ["women"]}, size_system="uk")
        sizes = {value: (count, selected) for value, _label, count, selected in facets["shoe_size"]}
        self.assertEqual(sizes, {"6": (1, False), "6.5": (1, True)}, "sizes count under the gender filter only")
        genders = {value: count for value, _label, count, _selected in facets["shoe_gender"]}
        self.assertEqual(genders, {"men": 1, "women": 1}, "genders count under the size filter")
        self.assertNotIn("shoe_size", Template._shoe_facet_counts(domain, {}, size_system="mars"))


@tagged("post_install", "-at_install")
class TestSynonymAccess(TransactionCase):
    def test_only_admins_edit_synonyms(self):
        admin = new_test_user(self.env, "syn_admin", groups="base.group_system")
        salesman = new_test_user(self.env, "syn_sales", groups="sales_team.group_sale_salesman")
        self.env["shoe.search.synonym"].with_user(admin).create({"name": "mule, clog"})
        self.assertTrue(self.env["shoe.search.synonym"].with_user(salesman).search([("name", "=", "mule, clog")]))
        with self.assertRaises(AccessError):
            self.env["shoe.search.synonym"].with_user(salesman).create({"name": "flat, ballerina"})

    def test_synonym_line_needs_two_words(self):
        with self.assertRaisesRegex(ValidationError, "at least two words"):
            self.env["shoe.search.synonym"].create({"name": "lonely"})
