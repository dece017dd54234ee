from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.sale.controllers.portal import CustomerPortal


class PipelinePortal(CustomerPortal):
    """The customer's own moves on an order: confirm it, confirm receipt, leave feedback."""

    def _pipeline_customer_order(self, order_id):
        """The order as the logged-in customer, or 404/403 for anyone else."""
        try:
            order_sudo = self._document_check_access("sale.order", order_id)
        except MissingError as exc:
            raise NotFound() from exc
        except AccessError as exc:
            raise Forbidden() from exc
        order = order_sudo.with_user(request.env.user)
        if not order._pipeline_is_customer():
            raise Forbidden()
        return order

    def _pipeline_back_to_order(self, order, outcome):
        return request.redirect(order.get_portal_url(query_string=f"&pipeline={outcome}"))

    def _pipeline_run(self, order_id, action, outcome):
        order = self._pipeline_customer_order(order_id)
        try:
            action(order)
        except (UserError, AccessError):
            return self._pipeline_back_to_order(order, "refused")
        return self._pipeline_back_to_order(order, outcome)

    @http.route("/my/orders/<int:order_id>/pipeline/confirm", type="http", auth="user", methods=["POST"], website=True)
    def pipeline_confirm(self, order_id, **kwargs):
        return self._pipeline_run(order_id, lambda order: order.action_pipeline_set_stage("confirmed"), "confirmed")

    @http.route("/my/orders/<int:order_id>/pipeline/receipt", type="http", auth="user", methods=["POST"], website=True)
    def pipeline_confirm_receipt(self, order_id, **kwargs):
        return self._pipeline_run(order_id, lambda order: order.action_pipeline_confirm_receipt(), "received")

    @http.route("/my/orders/<int:order_id>/pipeline/feedback", type="http", auth="user", methods=["POST"], website=True)
    def pipeline_feedback(self, order_id, rating=None, comment=None, **kwargs):
        return self._pipeline_run(
            order_id, lambda order: order.action_pipeline_leave_feedback(rating, comment), "thanks"
        )
