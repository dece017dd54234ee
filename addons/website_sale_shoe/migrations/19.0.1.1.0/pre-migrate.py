from odoo.tools import SQL
from odoo.tools.sql import column_exists, index_definition, table_kind

OLD_INDEX = "product_template_shoe_search_text_trgm_idx"


def migrate(cr, version):
    """The word dictionary becomes the model shoe.search.word and the search index a models.Index: drop the table
    and the index that 19.0.1.0.0 made by hand, before the ORM makes its own under the same names.

    Only those: the hand-made table has no id column, the hand-made index no comment (Odoo comments its own with
    their definition), so a second run leaves the ORM's alone.
    """
    definition, comment = index_definition(cr, OLD_INDEX)
    if definition and not comment:
        cr.execute(SQL("DROP INDEX %s", SQL.identifier(OLD_INDEX)))
    if table_kind(cr, "shoe_search_word") and not column_exists(cr, "shoe_search_word", "id"):
        cr.execute(SQL("DROP TABLE shoe_search_word"))
