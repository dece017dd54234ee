import logging

import psycopg2

from odoo.modules import db
from odoo.orm.registry import _unaccent
from odoo.tools import SQL
from odoo.tools.misc import remove_accents

_logger = logging.getLogger(__name__)

# pg_trgm: the trigram index of the search text and the typo corrections; unaccent: Odoo's accent-insensitive
# ilike (registry.has_unaccent), which our search domain is made of.
SEARCH_EXTENSIONS = ("pg_trgm", "unaccent")


def pre_init_hook(env):
    """Create the PostgreSQL extensions of the shop search before the fields and indexes that use them."""
    create_search_extensions(env.cr)
    refresh_registry_flags(env.registry, env.cr)


def create_search_extensions(cr):
    """Create the missing extensions, and make unaccent() indexable as Odoo does for a database made with --unaccent.

    A database user who may not do so gets a WARNING naming the SQL to ask the administrator for; the search then
    works without them (slower, no typo tolerance; accents are still folded in Python).
    """
    for extension in SEARCH_EXTENSIONS:
        try:
            with cr.savepoint(flush=False):
                cr.execute(SQL("CREATE EXTENSION IF NOT EXISTS %s", SQL.identifier(extension)))
        except psycopg2.Error as error:
            _logger.warning(
                "website_sale_shoe: the database user may not create the PostgreSQL extension %s (%s). The shop "
                "search still works, more slowly; ask the database administrator to run "
                "'CREATE EXTENSION %s;' in this database, then update the module.",
                extension,
                (error.pgerror or str(error)).strip(),
                extension,
            )
    if db.has_unaccent(cr) == db.FunctionStatus.PRESENT:
        # Same ALTER as odoo.service.db for --unaccent: Odoo wraps its trigram indexes in unaccent() only when the
        # function is IMMUTABLE (registry.has_unaccent == INDEXABLE), and they cannot be built otherwise.
        try:
            with cr.savepoint(flush=False):
                cr.execute(SQL("ALTER FUNCTION unaccent(text) IMMUTABLE"))
        except psycopg2.Error as error:
            _logger.warning(
                "website_sale_shoe: could not mark unaccent(text) IMMUTABLE (%s); ask the database administrator to "
                "run 'ALTER FUNCTION unaccent(text) IMMUTABLE;', then update the module.",
                (error.pgerror or str(error)).strip(),
            )


def refresh_registry_flags(registry, cr):
    """Odoo reads registry.has_unaccent/has_trigram once, when the registry loads, i.e. before this install created
    the extensions: read them again so that this very install builds the trigram index and searches with them."""
    registry.has_unaccent = db.has_unaccent(cr)
    registry.has_trigram = db.has_trigram(cr)
    registry.unaccent = _unaccent if registry.has_unaccent else lambda x: x
    registry.unaccent_python = remove_accents if registry.has_unaccent else lambda x: x
