import subprocess
import tempfile
from unittest.mock import patch

import psycopg2

from odoo import sql_db
from odoo.modules import db
from odoo.sql_db import Cursor
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL
from odoo.tools.misc import exec_pg_environ, find_pg_tool
from odoo.tools.sql import create_index, index_definition, index_exists, make_index_name

from .. import hooks
from .common import SEARCH_OPTIONS, make_shoe_catalogue

LOGGER = "odoo.addons.website_sale_shoe.hooks"


@tagged("post_install", "-at_install")
class TestDatabasePlumbing(TransactionCase):
    """Extensions from the pre-init hook, Odoo's registry flags and indexes, the dictionary as a model."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Products made before this class (a demo catalogue installed beside, e.g. the stride demo) are not its own.
        cls.last_foreign_id = max(cls.env["product.template"].with_context(active_test=False).search([]).ids, default=0)
        cls.shoes = make_shoe_catalogue(cls.env)
        cls.website = cls.env.ref("website.default_website").with_user(cls.env.ref("base.public_user"))

    def _search(self, query):
        count, details, _fuzzy = self.website._search_with_fuzzy(
            "products_only", query, limit=None, order="name asc", options=SEARCH_OPTIONS
        )
        self.assertEqual(count, len(details[0]["results"]))
        # Only the products of this test: a demo catalogue installed beside has running shoes too.
        return details[0]["results"].filtered(lambda template: template.id > self.last_foreign_id)

    def test_pre_init_hook_creates_extensions_and_refreshes_odoo_flags(self):
        registry = self.env.registry
        # A registry loaded before the extensions existed, as during the install that creates them.
        with (
            patch.object(registry, "has_trigram", False),
            patch.object(registry, "has_unaccent", db.FunctionStatus.MISSING),
            patch.object(registry, "unaccent", registry.unaccent),
            patch.object(registry, "unaccent_python", registry.unaccent_python),
        ):
            hooks.pre_init_hook(self.env)
            self.assertTrue(registry.has_trigram)
            self.assertEqual(registry.has_unaccent, db.FunctionStatus.INDEXABLE)
            self.assertEqual(registry.unaccent("x"), "unaccent(x)")
        self.env.cr.execute(SQL("SELECT extname FROM pg_extension WHERE extname IN ('unaccent', 'pg_trgm')"))
        self.assertEqual({row[0] for row in self.env.cr.fetchall()}, {"unaccent", "pg_trgm"})

    def test_refused_extension_is_logged_with_the_sql_to_ask_for(self):
        real_execute = Cursor.execute

        def execute(cursor, query, params=None, log_exceptions=True):
            if "CREATE EXTENSION" in str(getattr(query, "code", query)):
                raise psycopg2.errors.InsufficientPrivilege("permission denied to create extension")
            return real_execute(cursor, query, params, log_exceptions)

        with patch.object(Cursor, "execute", execute), self.assertLogs(LOGGER, "WARNING") as logs:
            hooks.create_search_extensions(self.env.cr)
        self.assertEqual(len(logs.records), 2)
        self.assertIn("may not create the PostgreSQL extension pg_trgm", logs.output[0])
        self.assertIn("permission denied to create extension", logs.output[0])
        self.assertIn("'CREATE EXTENSION unaccent;'", logs.output[1])

    def test_search_text_trigram_index_is_a_models_index(self):
        name = "product_template_shoe_search_text_trgm_idx"
        definition, _comment = index_definition(self.env.cr, name)
        self.assertIn("gin_trgm_ops", definition or "")
        self.assertTrue(
            self.env["ir.model.constraint"].search([("name", "=", name), ("type", "=", "i")]).module.name
            == "website_sale_shoe",
            "Odoo knows the index, and drops it with the module",
        )

    def test_search_follows_odoos_flags_without_extensions(self):
        registry = self.env.registry
        with (
            patch.object(registry, "has_trigram", False),
            patch.object(registry, "has_unaccent", db.FunctionStatus.MISSING),
            patch.object(registry, "unaccent", lambda x: x),
        ):
            self.env.cr.cache.clear()
            self.assertEqual(
                self._search("GIÀY chay bo"), self.shoes["vn"] | self.shoes["category_only"], "folded in Python"
            )
            self.assertEqual(self._search("zapatíllas runner"), self.shoes["zapatillas"])
            self.assertFalse(self._search("snaeker"), "no typo tolerance without pg_trgm")
        self.env.cr.cache.clear()
        self.assertEqual(self._search("snaeker"), self.shoes["sneaker"])

    def test_dictionary_is_fed_when_texts_are_written_not_computed(self):
        template = self.env["product.template"].create({"name": "Zorblaxian Loafer", "is_published": True})
        real_execute = Cursor.execute
        statements = []

        def execute(cursor, query, params=None, log_exceptions=True):
            statements.append(str(getattr(query, "code", query)))
            return real_execute(cursor, query, params, log_exceptions)

        with patch.object(Cursor, "execute", execute):
            template._compute_shoe_search_text()
        self.assertFalse([statement for statement in statements if "INSERT" in statement.upper()])
        self.env.flush_all()
        Word = self.env["shoe.search.word"]
        self.assertTrue(Word.search([("word", "=", "zorblaxian")]))
        self.assertEqual(self._search("zorblaxain"), template, "a new word corrects typos at once")

    def test_every_database_object_of_the_search_is_the_orms(self):
        """What Odoo's uninstall removes is what the ORM knows: the dictionary is a model of this module, and every
        table or index named after the search belongs to one of this module's models, indexed fields or indexes."""
        data = self.env["ir.model.data"].search([("module", "=", "website_sale_shoe")])
        models = self.env["ir.model"].browse(data.filtered(lambda row: row.model == "ir.model").mapped("res_id"))
        fields = self.env["ir.model.fields"].browse(
            data.filtered(lambda row: row.model == "ir.model.fields").mapped("res_id")
        )
        tables = {self.env[model.model]._table for model in models}
        field_indexes = {
            make_index_name(self.env[field.model]._table, field.name)
            for field in fields
            if self.env[field.model]._fields[field.name].index
        }
        indexes = set(
            self.env["ir.model.constraint"]
            .search([("module.name", "=", "website_sale_shoe"), ("type", "=", "i")])
            .mapped("name")
        )
        self.assertIn("shoe_search_word", tables)
        self.env.cr.execute(
            SQL(
                r"""SELECT relname, relkind FROM pg_class
                     WHERE relnamespace = current_schema::regnamespace AND relkind IN ('r', 'i', 'v', 'm', 'S')
                       AND relname LIKE %s""",
                r"%shoe\_search%",
            )
        )
        for name, kind in self.env.cr.fetchall():
            with self.subTest(name=name):
                if kind == "i":
                    self.env.cr.execute(SQL("SELECT tablename FROM pg_indexes WHERE indexname = %s", name))
                    owned = self.env.cr.fetchone()[0] in tables or name in field_indexes | indexes
                else:
                    owned = name in tables or name.removesuffix("_id_seq") in tables
                self.assertTrue(owned, f"{name} is no model's, indexed field's or index of website_sale_shoe")


@tagged("post_install", "-at_install")
class TestUnaccentSurvivesDumpRestore(TransactionCase):
    """unaccent(text) stays IMMUTABLE, and the indexes Odoo builds with it stay, through pg_dump and pg_restore."""

    def _pg(self, tool, *args):
        completed = subprocess.run(
            [find_pg_tool(tool), *args], env=exec_pg_environ(), capture_output=True, text=True, check=False
        )
        return completed.returncode, completed.stderr

    def _scratch_database(self, suffix):
        """A new empty database beside the test's (dropped after the test). Its cursors commit when their `with`
        block ends (Odoo's Cursor.__exit__): pg_dump reads another connection."""
        name = f"{self.env.cr.dbname[:40]}_unaccent_{suffix}"
        self._pg("dropdb", "--if-exists", name)
        self.assertEqual(self._pg("createdb", "--template=template0", name), (0, ""))

        def drop():
            sql_db.close_db(name)
            self._pg("dropdb", "--if-exists", name)

        self.addCleanup(drop)
        return name

    def _dump_and_restore(self, source):
        """pg_dump then pg_restore (custom format, as a backup and Odoo's restore do) into a new database."""
        target = self._scratch_database(f"{source[-1]}r")
        sql_db.close_db(source)
        with tempfile.TemporaryDirectory() as folder:
            dump = f"{folder}/backup.dump"
            self.assertEqual(self._pg("pg_dump", "--format=custom", f"--file={dump}", source)[0], 0)
            returncode, errors = self._pg("pg_restore", "--no-owner", f"--dbname={target}", dump)
        self.assertEqual(returncode, 0, errors)
        return target

    def _make_probe(self, cr):
        """A table with the trigram index Odoo builds on unaccent() when the function is IMMUTABLE."""
        self.assertEqual(db.has_unaccent(cr), db.FunctionStatus.INDEXABLE)
        cr.execute(
            SQL(
                """CREATE TABLE shoe_unaccent_probe (id serial PRIMARY KEY, name varchar);
                   INSERT INTO shoe_unaccent_probe (name) SELECT 'Giày chạy bộ ' || g FROM generate_series(1, 2000) g"""
            )
        )
        create_index(
            cr, "shoe_unaccent_probe_name_index", "shoe_unaccent_probe", ['unaccent("name") gin_trgm_ops'], "gin"
        )

    def _assert_indexed_search(self, cr):
        cr.execute(SQL("ANALYZE shoe_unaccent_probe; SET LOCAL enable_seqscan = off"))
        query = SQL("SELECT id FROM shoe_unaccent_probe WHERE unaccent(name) ILIKE unaccent(%s)", "%GIAY chạy bo 1234%")
        cr.execute(SQL("EXPLAIN %s", query))
        self.assertIn("Index Scan on shoe_unaccent_probe_name_index", "\n".join(row[0] for row in cr.fetchall()))
        cr.execute(query)
        self.assertEqual(len(cr.fetchall()), 1)

    def _assert_restored(self, name):
        with sql_db.db_connect(name).cursor() as cr:
            self.assertEqual(db.has_unaccent(cr), db.FunctionStatus.INDEXABLE)
            self.assertTrue(index_exists(cr, "shoe_unaccent_probe_name_index"), "the restore built the index")
            self._assert_indexed_search(cr)
            # As pg_restore runs it: empty search_path.
            cr.execute(SQL("SELECT set_config('search_path', '', true), public.unaccent('Giày chạy bộ')"))
            self.assertEqual(cr.fetchone()[1], "Giay chay bo")
            # The registry load puts back what the restore lost (the mark that lets PostgreSQL inline the wrapper).
            cr.execute(SQL("RESET search_path"))
            self.assertTrue(hooks.ensure_indexable_unaccent(cr))
            self.assertFalse(hooks.ensure_indexable_unaccent(cr), "nothing left to do")
        # A session opened after that (a session keeps the index expressions it read, here the uninlined one).
        sql_db.close_db(name)
        with sql_db.db_connect(name).cursor() as cr:
            self._assert_indexed_search(cr)

    def test_a_database_set_up_by_the_hook_restores_with_its_unaccent_indexes(self):
        source = self._scratch_database("a")
        with sql_db.db_connect(source).cursor() as cr:
            hooks.create_search_extensions(cr)
            self._make_probe(cr)
            self._assert_indexed_search(cr)
        self._assert_restored(self._dump_and_restore(source))

    def test_the_extension_of_an_older_install_moves_and_its_indexes_follow(self):
        """What the previous hook (and Odoo's --unaccent) left: the extension's own function ALTERed IMMUTABLE."""
        source = self._scratch_database("b")
        with sql_db.db_connect(source).cursor() as cr:
            cr.execute(
                SQL(
                    """CREATE EXTENSION unaccent; CREATE EXTENSION pg_trgm;
                       ALTER FUNCTION unaccent(text) IMMUTABLE"""
                )
            )
            self._make_probe(cr)
            cr.execute(SQL("COMMENT ON INDEX shoe_unaccent_probe_name_index IS 'kept'"))
            self.assertTrue(hooks.ensure_indexable_unaccent(cr))
            self.assertEqual(index_definition(cr, "shoe_unaccent_probe_name_index")[1], "kept")
            self._assert_indexed_search(cr)
        self._assert_restored(self._dump_and_restore(source))

    def test_the_shop_database_has_an_immutable_unaccent_of_its_own(self):
        cr = self.env.cr
        self.assertEqual(self.env.registry.has_unaccent, db.FunctionStatus.INDEXABLE)
        cr.execute(
            SQL(
                """SELECT p.provolatile, EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
                     FROM pg_proc p
                    WHERE p.pronamespace = current_schema::regnamespace AND p.proname = 'unaccent' AND p.pronargs = 1"""
            )
        )
        self.assertEqual(cr.fetchone(), ("i", False), "IMMUTABLE, and no extension member: pg_dump dumps it as is")
        # A restored database: the dictionary function is STABLE again. The registry load marks it again.
        cr.execute(
            SQL("ALTER FUNCTION %s(regdictionary, text) STABLE", SQL.identifier(hooks.UNACCENT_SCHEMA, "unaccent"))
        )
        self.env["product.template"]._register_hook()
        cr.execute(
            SQL(
                """SELECT provolatile FROM pg_proc
                    WHERE pronamespace = %s::regnamespace AND proname = 'unaccent' AND pronargs = 2""",
                hooks.UNACCENT_SCHEMA,
            )
        )
        self.assertEqual(cr.fetchone()[0], "i")
        self.assertEqual(self.env.registry.has_unaccent, db.FunctionStatus.INDEXABLE)
