from odoo import api, models


class ShoeCachedMixin(models.AbstractModel):
    """Records read through an ormcache (size charts, fit notes, search synonyms): any change clears the caches."""

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

    def _update_field_translations(self, field_name, translations, digest=None, source_lang=""):
        # Translations are written in SQL, not through write(): a cached text in another language changes too.
        self.env.registry.clear_cache()
        return super()._update_field_translations(field_name, translations, digest=digest, source_lang=source_lang)
