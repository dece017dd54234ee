from odoo import models
from odoo.fields import Domain


# A class of its own beside sale_order.py: the earning code overrides the same sale_loyalty hooks
# (`_program_check_compute_points`) for another purpose, and each override stays whole and readable.
class SaleOrder(models.Model):
    """Tier perks where sale_loyalty decides whether a program applies: automatic promotions, codes, coupons and
    rewards are refused with the reason when the customer's tier, the early access date or the birthday month do
    not allow them."""

    _inherit = "sale.order"  # pylint: disable=consider-merging-classes-inherited

    def _get_program_domain(self):
        return self._loyalty_with_early_access(super()._get_program_domain(), "")

    def _get_trigger_domain(self):
        return self._loyalty_with_early_access(super()._get_trigger_domain(), "program_id.")

    def _program_check_compute_points(self, programs):
        result = super()._program_check_compute_points(programs)
        for program in programs:
            refusal = self._loyalty_tier_refusal(program)
            if refusal:
                result[program] = {"error": refusal}
        return result

    def _try_apply_code(self, code):
        # Decided before sale_loyalty looks the code up, so a refused code changes nothing on the order, and the
        # customer learns why instead of reading that the code does not exist.
        refusal = self._loyalty_tier_refusal(self._loyalty_program_of_code(code))
        if refusal:
            return {"error": refusal}
        return super()._try_apply_code(code)

    def _get_claimable_rewards(self, forced_coupons=None):
        result = super()._get_claimable_rewards(forced_coupons=forced_coupons)
        for coupon in list(result):
            if self._loyalty_tier_refusal(coupon.program_id):
                del result[coupon]
        return result

    def _apply_program_reward(self, reward, coupon, **kwargs):
        refusal = self._loyalty_tier_refusal(reward.program_id)
        if refusal:
            return {"error": refusal}
        return super()._apply_program_reward(reward, coupon, **kwargs)

    def _loyalty_partner_tiers(self):
        """The tiers the customer holds, one per loyalty program with tiers."""
        self.ensure_one()
        if not self.partner_id:
            return self.env["loyalty.tier"]
        cards = self.env["loyalty.card"].sudo().search(
            [("partner_id", "=", self.partner_id.id), ("tier_id", "!=", False)]
        )
        return cards.tier_id.with_env(self.env)

    def _loyalty_tier_refusal(self, program):
        """Why the customer may not use ``program`` on this order today, or None."""
        self.ensure_one()
        if not program or not program._tier_is_perk():
            return None
        return program._tier_refusal(
            self.partner_id, self._loyalty_partner_tiers(), self._get_confirmed_tx_create_date()
        )

    def _loyalty_program_of_code(self, code):
        """The program a promotion code or coupon code belongs to, among the programs of the order's company."""
        self.ensure_one()
        company_domain = self.env["loyalty.program"]._check_company_domain(
            [self.company_id.id, self.company_id.parent_id.id]
        )
        rule = self.env["loyalty.rule"].search([("mode", "=", "with_code"), ("code", "=", code)], limit=1)
        program = rule.program_id or self.env["loyalty.card"].search([("code", "=", code)], limit=1).program_id
        return program.filtered_domain(company_domain)

    def _loyalty_with_early_access(self, domain, prefix):
        """``domain`` where the start date of a program also lets in the customer's tiers from its early access
        date; sale_loyalty and website_sale_loyalty edit these domains as lists, so a list stays a list."""
        tiers = self._loyalty_partner_tiers()
        if not tiers:
            return domain
        day = self._get_confirmed_tx_create_date()
        early = Domain(f"{prefix}early_access_date", "<=", day) & Domain(
            f"{prefix}early_access_tier_ids", "in", tiers.ids
        )

        def widen(condition):
            if condition.field_expr == f"{prefix}date_from" and condition.operator == "<=":
                return condition | early
            return condition

        widened = Domain(domain).map_conditions(widen)
        return list(widened) if isinstance(domain, list) else widened
