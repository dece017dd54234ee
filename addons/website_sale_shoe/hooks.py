import logging

import psycopg2

from odoo.modules import db
from odoo.orm.registry import _unaccent
from odoo.tools import SQL
from odoo.tools.misc import remove_accents
from odoo.tools.sql import make_index_name

_logger = logging.getLogger(__name__)

# pg_trgm: the trigram index of the search text and the typo corrections; unaccent: Odoo's accent-insensitive
# ilike (registry.has_unaccent), which our search domain is made of.
SEARCH_EXTENSIONS = ("pg_trgm", "unaccent")
# The unaccent extension lives in a schema of its own, so that `unaccent(text)` in the database's schema can be our
# IMMUTABLE wrapper (see ensure_indexable_unaccent).
UNACCENT_SCHEMA = "stride_unaccent"
# Key of the transaction-level advisory lock taken by ensure_indexable_unaccent: workers loading their registry at
# the same time would otherwise race on the same DDL.
UNACCENT_LOCK = 0x5701_D0CE


def pre_init_hook(env):
    """Create the PostgreSQL extensions of the shop search before the fields and indexes that use them."""
    create_search_extensions(env.cr)
    refresh_registry_flags(env.registry, env.cr)
    rebuild_trigram_indexes_without_unaccent(env.registry, env.cr)


def rebuild_trigram_indexes_without_unaccent(registry, cr):
    """Build again, on unaccent(), the trigram indexes of installed modules that Odoo built before unaccent() was
    indexable: Odoo wraps its ilike in unaccent() from now on, and never matches an index on the bare column (e.g. a
    customer search index installed before the shop). Odoo only creates missing indexes, so the stale ones go first."""
    if registry.has_unaccent != db.FunctionStatus.INDEXABLE:
        return
    names = [
        make_index_name(model._table, field.name)
        for model in registry.models.values()
        if model._auto and not model._abstract
        for field in model._fields.values()
        if field.index == "trigram" and field.store and field.column_type
    ]
    if not names:
        return
    cr.execute(
        SQL(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema AND indexname IN %s"
            " AND indexdef NOT LIKE %s",
            tuple(names),
            "%unaccent(%",
        )
    )
    stale = [name for (name,) in cr.fetchall()]
    for name in stale:
        _logger.info("website_sale_shoe: building trigram index %s again on unaccent()", name)
        cr.execute(SQL("DROP INDEX %s", SQL.identifier(name)))
    if stale:
        registry.check_indexes(cr, list(registry.models))


def create_search_extensions(cr):
    """Create the missing extensions, and make unaccent() indexable in a way that survives pg_dump/restore.

    A database user who may not do so gets a WARNING naming the SQL to ask the administrator for; the search then
    works without them (slower, no typo tolerance; accents are still folded in Python).
    """
    _try(cr, SQL("CREATE SCHEMA IF NOT EXISTS %s", SQL.identifier(UNACCENT_SCHEMA)), "create its schema")
    for extension in SEARCH_EXTENSIONS:
        schema = SQL(" SCHEMA %s", SQL.identifier(UNACCENT_SCHEMA)) if extension == "unaccent" else SQL()
        try:
            with cr.savepoint(flush=False):
                cr.execute(SQL("CREATE EXTENSION IF NOT EXISTS %s%s", SQL.identifier(extension), schema))
        except psycopg2.Error as error:
            _logger.warning(
                "website_sale_shoe: the database user may not create the PostgreSQL extension %s (%s). The shop "
                "search still works, more slowly; ask the database administrator to run "
                "'CREATE EXTENSION %s;' in this database, then update the module.",
                extension,
                (error.pgerror or str(error)).strip(),
                extension,
            )
    ensure_indexable_unaccent(cr)


def ensure_indexable_unaccent(cr):
    """Make `unaccent(text)` of the database's schema an IMMUTABLE SQL function of ours, so that Odoo indexes with it.

    Odoo wraps its trigram indexes and its ilike in `unaccent()` only when that function is IMMUTABLE
    (registry.has_unaccent == INDEXABLE). `ALTER FUNCTION unaccent(text) IMMUTABLE` on the extension's own function
    (what Odoo does for --unaccent) is lost by pg_dump/restore: pg_dump never dumps an extension member, the restore
    recreates it STABLE and then fails on every index using it. Our wrapper is an ordinary function, dumped with its
    volatility and restored before the indexes; it names the extension's schema and dictionary, so it also works
    under pg_restore's empty search_path. An extension found in the database's schema (made by --unaccent, or by this
    hook before) moves to its own schema, and the indexes using its function are rebuilt on the wrapper.

    The extension's two-argument function is marked IMMUTABLE too, which lets PostgreSQL inline the wrapper (C speed).
    A restore loses that mark again (the wrapper then stays correct and indexable, only slower): the registry load
    puts it back (product.template._register_hook). One catalog query when everything is in place; returns whether
    something changed.
    """
    extension_schema, wrapper, dictionary_immutable = _unaccent_state(cr)
    if not extension_schema or (wrapper == "ours" and dictionary_immutable):
        return False
    cr.execute(SQL("SELECT pg_try_advisory_xact_lock(%s)", UNACCENT_LOCK))
    if not cr.fetchone()[0]:
        return False  # another registry load is on it
    if wrapper != "ours":
        try:
            with cr.savepoint(flush=False):
                extension_schema = _create_unaccent_wrapper(cr, extension_schema, move=wrapper == "extension")
        except psycopg2.Error as error:
            _logger.warning(
                "website_sale_shoe: could not make unaccent(text) indexable (%s); Odoo's accent-insensitive searches "
                "work without their trigram indexes. Ask the database administrator to run 'CREATE SCHEMA %s; "
                "ALTER EXTENSION unaccent SET SCHEMA %s;', then update the module.",
                (error.pgerror or str(error)).strip(),
                UNACCENT_SCHEMA,
                UNACCENT_SCHEMA,
            )
            return False
    _try(
        cr,
        SQL("ALTER FUNCTION %s(regdictionary, text) IMMUTABLE", SQL.identifier(extension_schema, "unaccent")),
        "mark the unaccent dictionary function IMMUTABLE",
    )
    return True


def _create_unaccent_wrapper(cr, extension_schema, move):
    """Create the IMMUTABLE wrapper unaccent(text) in the database's schema; returns the extension's schema.

    move: the extension's own unaccent(text) is in the database's schema. The extension moves to its own schema, and
    the indexes using its function are dropped first and built again with the same definition, which then calls the
    wrapper.
    """
    indexes = []
    if move:
        indexes = _drop_indexes_using_unaccent(cr)
        cr.execute(SQL("CREATE SCHEMA IF NOT EXISTS %s", SQL.identifier(UNACCENT_SCHEMA)))
        cr.execute(SQL("ALTER EXTENSION unaccent SET SCHEMA %s", SQL.identifier(UNACCENT_SCHEMA)))
        extension_schema = UNACCENT_SCHEMA
    schema = _quote(extension_schema)
    cr.execute(
        SQL(
            "CREATE OR REPLACE FUNCTION %s(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS %s",
            SQL.identifier(_current_schema(cr), "unaccent"),
            f"SELECT {schema}.unaccent({_literal(schema + '.unaccent')}::regdictionary, $1)",
        )
    )
    for name, definition, comment in indexes:
        _logger.info("website_sale_shoe: building index %s again on the IMMUTABLE unaccent()", name)
        cr.execute(SQL(_escaped(definition)))
        if comment:
            cr.execute(SQL("COMMENT ON INDEX %s IS %s", SQL(_escaped(name)), comment))
    return extension_schema


def _try(cr, query, what):
    """Run a statement that the search can do without; a refusal is a WARNING."""
    try:
        with cr.savepoint(flush=False):
            cr.execute(query)
    except psycopg2.Error as error:
        _logger.warning("website_sale_shoe: could not %s (%s).", what, (error.pgerror or str(error)).strip())


def _current_schema(cr):
    cr.execute(SQL("SELECT current_schema"))
    return cr.fetchone()[0]


def _unaccent_state(cr):
    """(schema of the unaccent extension or None, what unaccent(text) of the database's schema is: "ours",
    "extension" or None (missing, or not IMMUTABLE), whether the extension's unaccent(regdictionary, text) is
    IMMUTABLE)."""
    cr.execute(
        SQL(
            """SELECT n.nspname,
                      (SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_depend d
                                                 WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                                                   AND d.deptype = 'e') THEN 'extension'
                                   WHEN p.provolatile = 'i' THEN 'ours' END
                         FROM pg_proc p
                        WHERE p.pronamespace = current_schema::regnamespace AND p.proname = 'unaccent'
                          AND p.pronargs = 1),
                      EXISTS (SELECT 1 FROM pg_proc q
                               WHERE q.pronamespace = e.extnamespace AND q.proname = 'unaccent'
                                 AND q.pronargs = 2 AND q.provolatile = 'i')
                 FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
                WHERE e.extname = 'unaccent'"""
        )
    )
    return cr.fetchone() or (None, None, False)


def _drop_indexes_using_unaccent(cr):
    """Drop the indexes calling the database schema's unaccent(text); returns their (name, definition, comment)."""
    cr.execute(
        SQL(
            """SELECT c.oid::regclass::text, pg_get_indexdef(c.oid), obj_description(c.oid, 'pg_class')
                 FROM pg_depend d
                 JOIN pg_class c ON c.oid = d.objid AND c.relkind = 'i'
                WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_proc'::regclass
                  AND d.refobjid = (SELECT p.oid FROM pg_proc p
                                     WHERE p.pronamespace = current_schema::regnamespace
                                       AND p.proname = 'unaccent' AND p.pronargs = 1)"""
        )
    )
    indexes = cr.fetchall()
    for name, _definition, _comment in indexes:
        cr.execute(SQL("DROP INDEX %s", SQL(_escaped(name))))
    return indexes


def _escaped(code):
    """SQL code read from the catalog, as the code of an odoo.tools.SQL (no parameter placeholders)."""
    return code.replace("%", "%%")


def _quote(identifier):
    return '"' + identifier.replace('"', '""') + '"'


def _literal(text):
    return "'" + text.replace("'", "''") + "'"


def refresh_registry_flags(registry, cr):
    """Odoo reads registry.has_unaccent/has_trigram once, when the registry loads, i.e. before this install created
    the extensions: read them again so that this very install builds the trigram index and searches with them."""
    registry.has_unaccent = db.has_unaccent(cr)
    registry.has_trigram = db.has_trigram(cr)
    registry.unaccent = _unaccent if registry.has_unaccent else lambda x: x
    registry.unaccent_python = remove_accents if registry.has_unaccent else lambda x: x
