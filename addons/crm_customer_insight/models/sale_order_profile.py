from odoo import models

from .res_partner_profile import MANAGER_GROUP


class SaleOrder(models.Model):
    _inherit = "sale.order"  # pylint: disable=consider-merging-classes-inherited  # one file per helper (issue 12)

    def _confirmation_error_message(self):
        # A blocked customer is sold to only with a Customer Insight manager's decision. The user is checked even
        # under sudo(): the website confirms carts as superuser on behalf of the public or portal user.
        error = super()._confirmation_error_message()
        customer = self.partner_id.commercial_partner_id
        # Read as superuser: a salesperson outside the Customer Insight roles may not see the status, yet is held to it.
        if error or customer.sudo().customer_status != "blocked" or self.env.user.has_group(MANAGER_GROUP):
            return error
        return self.env._(
            "%(customer)s is a blocked customer: only a Customer Insight manager can confirm the order %(order)s.",
            customer=customer.display_name,
            order=self.name,
        )
