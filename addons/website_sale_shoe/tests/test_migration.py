from odoo.modules.module import load_script
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL
from odoo.tools.misc import file_path
from odoo.tools.sql import column_exists, index_definition, table_kind

from ..lib.search_text import dictionary_words
from .common import SEARCH_OPTIONS, make_shoe_catalogue

MIGRATIONS = "website_sale_shoe/migrations/19.0.1.1.0/%s-migrate.py"
INDEX = "product_template_shoe_search_text_trgm_idx"


@tagged("post_install", "-at_install")
class TestShoeSearchMigration(TransactionCase):
    """Upgrading from 19.0.1.0.0: its hand-made dictionary table and index become the ORM's, the texts are folded
    in Python again, and the dictionary holds every word of the catalogue."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shoes = make_shoe_catalogue(cls.env)
        cls.templates = cls.env["product.template"].with_context(active_test=False).search([])
        # The searches look at this test's shoes only: a demo catalogue beside them has sneakers of its own.
        cls.own_shoes = cls.env["product.template"].concat(
            *(record for record in cls.shoes.values() if record._name == "product.template")
        )
        # The texts compared are this test's shoes': a demo catalogue beside them stores texts written by its own steps.
        cls.texts = dict(zip(cls.own_shoes.ids, cls.own_shoes.mapped("shoe_search_text"), strict=True))
        cls.website = cls.env.ref("website.default_website").with_user(cls.env.ref("base.public_user"))

    def _make_old_storage(self):
        """What 19.0.1.0.0 left: its own word table (no id), its own index, texts folded by SQL's unaccent()."""
        cr = self.env.cr
        cr.execute(SQL("DROP TABLE shoe_search_word"))
        cr.execute(SQL("CREATE TABLE shoe_search_word (word varchar PRIMARY KEY)"))
        cr.execute(SQL("INSERT INTO shoe_search_word (word) VALUES ('trail'), ('giay'), ('retiredword')"))
        cr.execute(SQL("DROP INDEX %s", SQL.identifier(INDEX)))
        cr.execute(
            SQL("CREATE INDEX %s ON product_template USING gin (shoe_search_text gin_trgm_ops)", SQL.identifier(INDEX))
        )
        cr.execute(
            SQL(
                "UPDATE product_template SET shoe_search_text = 'old text', shoe_search_name = 'old' WHERE id IN %s",
                tuple(self.templates.ids),
            )
        )
        self.env.invalidate_all()

    def _migrate(self, stage):
        load_script(file_path(MIGRATIONS % stage), f"website_sale_shoe_{stage}_migrate_19_0_1_1_0").migrate(
            self.env.cr, "19.0.1.0.0"
        )
        self.env.invalidate_all()

    def _upgrade(self):
        """What `odoo-bin -u website_sale_shoe` runs: pre-migrate, the ORM's tables and indexes, post-migrate."""
        self._migrate("pre")
        self.env.registry.init_models(
            self.env.cr, ["shoe.search.word", "product.template"], {"module": "website_sale_shoe"}, install=False
        )
        self._migrate("post")

    def _dictionary(self):
        return set(self.env["shoe.search.word"].search([]).mapped("word"))

    def _search(self, query):
        self.env.cr.cache.clear()
        _count, details, _fuzzy = self.website._search_with_fuzzy(
            "products_only", query, limit=None, order="name asc", options=SEARCH_OPTIONS
        )
        return details[0]["results"] & self.own_shoes

    def test_pre_migrate_drops_the_old_storage_only(self):
        self._make_old_storage()
        self._migrate("pre")
        self.assertIsNone(table_kind(self.env.cr, "shoe_search_word"))
        self.assertEqual(index_definition(self.env.cr, INDEX), (None, None))
        # Run again once the ORM made its own: the model's dictionary and index stay.
        self.env.registry.init_models(
            self.env.cr, ["shoe.search.word", "product.template"], {"module": "website_sale_shoe"}, install=False
        )
        self.env["shoe.search.word"]._add_words_of(["kept"])
        definition = index_definition(self.env.cr, INDEX)
        self._migrate("pre")
        self.assertTrue(column_exists(self.env.cr, "shoe_search_word", "id"))
        self.assertEqual(self._dictionary(), {"kept"})
        self.assertEqual(index_definition(self.env.cr, INDEX), definition)

    def test_upgrade_refolds_texts_and_fills_the_dictionary_idempotently(self):
        self._make_old_storage()
        for run in (1, 2):
            with self.subTest(run=run):
                self._upgrade()
                templates = self.own_shoes.with_env(self.env)
                self.assertEqual(
                    dict(zip(templates.ids, templates.mapped("shoe_search_text"), strict=True)), self.texts
                )
                expected = set().union(*(dictionary_words(text or "") for text in self.texts.values()))
                self.assertEqual(self._dictionary() & expected, expected, "every catalogue word is in the dictionary")
                self.assertNotIn("old", self._dictionary())
                self.assertIn("gin_trgm_ops", index_definition(self.env.cr, INDEX)[0])
                self.assertEqual(
                    self.env["ir.model.constraint"].search([("name", "=", INDEX), ("type", "=", "i")]).module.name,
                    "website_sale_shoe",
                )
        # The shop finds what it found before the upgrade, typos and accents included.
        self.assertEqual(self._search("snaeker"), self.shoes["sneaker"])
        self.assertEqual(self._search("zapatillas runner"), self.shoes["zapatillas"])
        self.assertIn(self.shoes["vn"], self._search("giay chay bo"))
