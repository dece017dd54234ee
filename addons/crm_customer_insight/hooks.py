import logging

import psycopg2

from odoo.modules import db
from odoo.tools import SQL

_logger = logging.getLogger(__name__)


def pre_init_hook(env):
    """Create PostgreSQL's pg_trgm before the customer search columns, so that Odoo builds their trigram indexes.

    A database user who may not create it gets a warning naming the SQL to ask for; the search then gives the same
    results without indexes.
    """
    try:
        with env.cr.savepoint(flush=False):
            env.cr.execute(SQL("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except psycopg2.Error as error:
        _logger.warning(
            "crm_customer_insight: the database user may not create the PostgreSQL extension pg_trgm (%s); the "
            "customer search works without its indexes, more slowly. Ask the database administrator to run "
            "'CREATE EXTENSION pg_trgm;' in this database, then update the module.",
            (error.pgerror or str(error)).strip(),
        )
    # Odoo read the flag when the registry loaded, before the extension existed.
    env.registry.has_trigram = db.has_trigram(env.cr)
