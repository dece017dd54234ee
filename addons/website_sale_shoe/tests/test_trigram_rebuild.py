from unittest.mock import patch

from odoo.modules import db
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL
from odoo.tools.sql import index_definition, make_index_name

from .. import hooks


@tagged("post_install", "-at_install")
class TestTrigramIndexRebuild(TransactionCase):
    """A trigram index built before unaccent() was indexable is built again on unaccent(), the others stay."""

    def test_an_index_built_without_unaccent_is_built_again_on_it(self):
        if self.env.registry.has_unaccent != db.FunctionStatus.INDEXABLE or not self.env.registry.has_trigram:
            self.skipTest("no indexable unaccent() or pg_trgm in this database")
        cr = self.env.cr
        name = make_index_name("product_template", "name")
        # What Odoo builds for a translated trigram field while unaccent() is missing.
        cr.execute(SQL("DROP INDEX %s", SQL.identifier(name)))
        cr.execute(
            SQL(
                "CREATE INDEX %s ON product_template"
                " USING gin ((jsonb_path_query_array(name, '$.*')::text) gin_trgm_ops)",
                SQL.identifier(name),
            )
        )
        untouched = make_index_name("product_category", "name")  # already on unaccent()
        # Odoo builds it when the registry has pg_trgm (here since website_sale_shoe's install, or earlier): a database
        # where product came before pg_trgm gets it from Odoo's own index check.
        self.env.registry.check_indexes(cr, ["product.category"])
        before = index_definition(cr, untouched)
        self.assertIn("unaccent(", before[0])
        # The hook's log is counted through its logger's method: what it says is what it did.
        with patch.object(hooks._logger, "info") as info:
            hooks.rebuild_trigram_indexes_without_unaccent(self.env.registry, cr)
        self.assertEqual(info.call_count, 1, info.call_args_list)
        self.assertIn(name, info.call_args.args)
        self.assertIn("unaccent(", index_definition(cr, name)[0])
        self.assertEqual(index_definition(cr, untouched), before)
        with patch.object(hooks._logger, "info") as info:
            hooks.rebuild_trigram_indexes_without_unaccent(self.env.registry, cr)
        self.assertFalse(info.called, "a second run finds nothing to build again")
