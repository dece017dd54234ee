from odoo.addons.website_sale.controllers.main import WebsiteSale


class WebsiteSaleCustomerInsight(WebsiteSale):
    def _get_shop_payment_errors(self, order):
        # The payment page lists these errors instead of the payment methods.
        errors = super()._get_shop_payment_errors(order)
        if order._insight_checkout_blocked():
            errors.append((order.env._("Your order cannot be paid online."), order._insight_checkout_blocked_message()))
        return errors
