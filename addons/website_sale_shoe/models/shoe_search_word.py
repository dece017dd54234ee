from odoo import api, fields, models
from odoo.tools import SQL

from ..lib.search_text import dictionary_words

# Per-transaction cache of the searched words' alternatives; dropped whenever the dictionary grows.
ALTERNATIVES_CACHE_KEY = "website_sale_shoe.alternatives"


class ShoeSearchWord(models.Model):
    """Dictionary of the catalogue's words (folded, letters only), which a searched word with a typo is corrected
    towards. Words only ever get added: a word no product holds any more corrects a typo to a word that finds
    nothing, which costs nothing."""

    _name = "shoe.search.word"
    _description = "Shop search dictionary word"
    _order = "word"
    _log_access = False

    word = fields.Char(required=True, readonly=True)

    _word_unique = models.UniqueIndex("(word)")

    @api.model
    def _add_words_of(self, texts):
        """Add the words of folded search texts that the dictionary does not hold yet."""
        words = set()
        for text in texts:
            words |= dictionary_words(text or "")
        if not words:
            return
        # One statement for a whole flush, safe against a concurrent insert of the same word (the unique index).
        self.env.cr.execute(
            SQL(
                "INSERT INTO %s (word) SELECT unnest(%s::varchar[]) ON CONFLICT DO NOTHING",
                SQL.identifier(self._table),
                sorted(words),
            )
        )
        self.env.cr.cache.pop(ALTERNATIVES_CACHE_KEY, None)
