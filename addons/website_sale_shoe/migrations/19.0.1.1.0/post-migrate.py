from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Search texts are now folded in Python only: recompute them, and fill the new dictionary from them."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    # Every template, archived ones included, computed in the default context as any later write computes it
    # (active_test=False would put the SKUs of archived variants in the text).
    templates = env["product.template"].with_context(active_test=False).search([]).with_env(env)
    env.add_to_compute(templates._fields["shoe_search_text"], templates)
    templates.flush_model()
    env["shoe.search.word"]._add_words_of(templates.mapped("shoe_search_text"))
