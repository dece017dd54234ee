from . import models


def post_init_hook(env):
    """Stride's terms of sale as the main company's web terms (account's /terms), in every active language. Done once
    the addon is loaded: while its data loads, Odoo renders account's terms template without this addon's extension
    of it (views of a module being installed apply only once it is loaded), so the company kept Odoo's suggested
    terms."""
    company = env.ref("base.main_company")
    company._stride_website_set_terms()
    company._stride_website_translate_terms([code for code, _name in env["res.lang"].get_installed()])
