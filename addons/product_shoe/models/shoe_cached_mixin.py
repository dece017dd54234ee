from odoo import api, models


class ShoeCachedMixin(models.AbstractModel):
    """Records read through an ormcache (size charts, search synonyms): any change clears the caches."""

    _name = "shoe.cached.mixin"
    _description = "Shoe data cached by the shop"

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()
