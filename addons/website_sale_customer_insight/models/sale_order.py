from odoo import models
from odoo.exceptions import ValidationError


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _check_cart_is_ready_to_be_paid(self):
        # Checked by the Pay button's transaction route and by the confirmation of a free cart: a blocked customer
        # gets a message instead of a payment transaction or a confirmed order.
        if self._insight_checkout_blocked():
            raise ValidationError(self._insight_checkout_blocked_message())
        return super()._check_cart_is_ready_to_be_paid()

    def _insight_checkout_blocked(self):
        # The status is staff-only: read as superuser, for this check only, on the order's own customer.
        return self.partner_id.commercial_partner_id.sudo().customer_status == "blocked"

    def _insight_checkout_blocked_message(self):
        return self.env._(
            "We cannot take this order online. Please contact us and we will help you complete your purchase."
        )
