from odoo import api, models

from .loyalty_program import STORED_VALUE_TYPES


class LoyaltyRule(models.Model):
    _inherit = "loyalty.rule"

    # --- (owner: points) ----------------------------------------------------------------------------
    # The products of gift card and eWallet rules are no loyalty value: ``_loyalty_stored_value_product_ids`` caches
    # them, and a rule of such a program that changes them clears the cache.
    @api.model_create_multi
    def create(self, vals_list):
        rules = super().create(vals_list)
        if rules._loyalty_of_stored_value():
            self.env.registry.clear_cache()
        return rules

    def write(self, vals):
        if not {"product_ids", "program_id"} & vals.keys():
            return super().write(vals)
        stored_value = self._loyalty_of_stored_value()
        result = super().write(vals)
        if stored_value or self._loyalty_of_stored_value():
            self.env.registry.clear_cache()
        return result

    def unlink(self):
        stored_value = self._loyalty_of_stored_value()
        result = super().unlink()
        if stored_value:
            self.env.registry.clear_cache()
        return result

    def _loyalty_of_stored_value(self):
        return any(rule.program_id.program_type in STORED_VALUE_TYPES for rule in self)
