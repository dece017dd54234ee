def migrate(cr, version):
    """The word dictionary becomes the model shoe.search.word and the search index a field index: drop the table
    and the index that 19.0.1.0.0 made by hand, before the ORM makes its own under the same table name."""
    cr.execute("DROP INDEX IF EXISTS product_template_shoe_search_text_trgm_idx")
    cr.execute("DROP TABLE IF EXISTS shoe_search_word")
