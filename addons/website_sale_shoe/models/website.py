from odoo import models


class Website(models.Model):
    _inherit = "website"

    def _search_find_fuzzy_term(self, search_details, search, limit=1000, word_list=None):
        # Products tolerate typos in their own query; guessing one "closest word" over the whole catalogue first
        # costs more than the search itself and would replace what the visitor typed.
        others = [detail for detail in search_details if detail["model"] != "product.template"]
        if len(others) == len(search_details):
            return super()._search_find_fuzzy_term(search_details, search, limit=limit, word_list=word_list)
        if not others:
            return search
        return super()._search_find_fuzzy_term(others, search, limit=limit, word_list=word_list) or search
