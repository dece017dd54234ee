from unittest.mock import patch

import psycopg2

from odoo.sql_db import Cursor
from odoo.tests import TransactionCase, tagged

from .common import SEARCH_OPTIONS, make_shoe_catalogue

LOGGER = "odoo.addons.website_sale_shoe.models.product_template"


@tagged("post_install", "-at_install")
class TestWithoutExtensions(TransactionCase):
    """A database user who may not create extensions: a clear log line, and a search that still works."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shoes = make_shoe_catalogue(cls.env)
        cls.website = cls.env.ref("website.default_website").with_user(cls.env.ref("base.public_user"))

    def test_refused_extension_is_logged_with_the_sql_to_ask_for(self):
        Template = self.env["product.template"]
        real_execute = Cursor.execute

        def execute(cursor, query, params=None, log_exceptions=True):
            if "CREATE EXTENSION" in str(getattr(query, "code", query)):
                raise psycopg2.errors.InsufficientPrivilege("permission denied to create extension")
            return real_execute(cursor, query, params, log_exceptions)

        with (
            patch.object(type(Template), "_shoe_missing_extensions", return_value=["unaccent", "pg_trgm"]),
            patch.object(Cursor, "execute", execute),
            self.assertLogs(LOGGER, "WARNING") as logs,
        ):
            Template._shoe_create_extensions()
        self.assertEqual(len(logs.records), 2)
        self.assertIn("may not create the PostgreSQL extension unaccent", logs.output[0])
        self.assertIn("permission denied to create extension", logs.output[0])
        self.assertIn("'CREATE EXTENSION pg_trgm;'", logs.output[1])

    def test_search_falls_back_without_extensions(self):
        registry = self.env.registry
        self.addCleanup(registry.__dict__.pop, "_shoe_extensions", None)
        registry._shoe_extensions = {"unaccent": False, "pg_trgm": False}
        count, details, _fuzzy = self.website._search_with_fuzzy(
            "products_only", "GIÀY chay bo", limit=None, order="name asc", options=SEARCH_OPTIONS
        )
        self.assertEqual(details[0]["results"], self.shoes["vn"], "accents are folded in Python")
        self.assertEqual(count, 1)
        _count, details, _fuzzy = self.website._search_with_fuzzy(
            "products_only", "zapatíllas runner", limit=None, order="name asc", options=SEARCH_OPTIONS
        )
        self.assertEqual(details[0]["results"], self.shoes["zapatillas"])
