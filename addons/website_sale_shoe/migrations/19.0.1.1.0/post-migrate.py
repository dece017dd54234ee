from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Search texts are now folded in Python only: recompute them, and fill the new dictionary from them."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    templates = env["product.template"].with_context(active_test=False).search([])
    env.add_to_compute(templates._fields["shoe_search_text"], templates)
    templates.flush_model()
    env["shoe.search.word"]._add_words_of(templates.mapped("shoe_search_text"))
