from odoo import api, models

from .loyalty_program import CACHED_PROGRAM_TYPES

# What loyalty.program's registry caches read of a rule: its products (stored value programs) and its points (loyalty
# programs); ``mode`` follows ``code``.
CACHED_RULE_FIELDS = {
    "product_ids",
    "program_id",
    "active",
    "code",
    "mode",
    "minimum_amount",
    "reward_point_mode",
    "reward_point_amount",
}


class LoyaltyRule(models.Model):
    _inherit = "loyalty.rule"

    # --- (owner: points) ----------------------------------------------------------------------------
    # The products of gift card and eWallet rules (``_loyalty_stored_value_product_ids``) and the money rules of
    # loyalty programs (``_loyalty_money_rates``) are cached; a rule of such a program that changes them clears the
    # cache.
    @api.model_create_multi
    def create(self, vals_list):
        rules = super().create(vals_list)
        if rules._loyalty_is_cached():
            self.env.registry.clear_cache()
        return rules

    def write(self, vals):
        if not CACHED_RULE_FIELDS & vals.keys():
            return super().write(vals)
        cached = self._loyalty_is_cached()
        result = super().write(vals)
        if cached or self._loyalty_is_cached():
            self.env.registry.clear_cache()
        return result

    def unlink(self):
        cached = self._loyalty_is_cached()
        result = super().unlink()
        if cached:
            self.env.registry.clear_cache()
        return result

    def _loyalty_is_cached(self):
        return any(rule.program_id.program_type in CACHED_PROGRAM_TYPES for rule in self)
