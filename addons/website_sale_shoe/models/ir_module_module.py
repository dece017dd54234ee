from odoo import models


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _load_module_terms(self, modules, langs, overwrite=False):
        result = super()._load_module_terms(modules, langs, overwrite=overwrite)
        # Translation files reach the database in SQL, past the ORM, and after the data of the module that creates the
        # products (the demo shop's categories and colours): the search texts holding their terms are computed again,
        # as a translation typed in a form recomputes them.
        self.env["product.template"]._shoe_recompute_texts_translated_by(modules)
        return result
