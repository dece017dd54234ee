from odoo import models
from odoo.exceptions import UserError


class SaleOrder(models.Model):
    """Personal coupons: Odoo lets any customer apply a coupon issued to another one (the card's ``partner_id`` only
    says who received it). Refused where sale_loyalty applies a code, before anything changes on the order, so that
    every route (the backend's coupon button, the shop's code field, a ``/coupon/<code>`` link) gets the same answer;
    and at confirmation, for a quotation whose customer was changed after the code was applied."""

    # One file per concern of sale.order (points, tier perks, personal coupons), as the brief splits them.
    _inherit = "sale.order"  # pylint: disable=consider-merging-classes-inherited

    def _try_apply_code(self, code):
        coupon = self.env["loyalty.card"].search([("code", "=", code)], limit=1) if code else None
        if coupon and (refusal := coupon._check_usable_by(self.partner_id)):
            return {"error": refusal}
        return super()._try_apply_code(code)

    def action_confirm(self):
        for order in self:
            for coupon in order.applied_coupon_ids | order.order_line.coupon_id:
                if refusal := coupon._check_usable_by(order.partner_id):
                    raise UserError(
                        self.env._(
                            "%(order)s cannot be confirmed with code %(code)s: %(refusal)s",
                            order=order.name,
                            code=coupon.code,
                            refusal=refusal,
                        )
                    )
        return super().action_confirm()
