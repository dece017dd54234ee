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

    def _pipeline_refused(self, order, error, form):
        """The order page again, saying why, with the form as the customer filled it: nothing typed is lost."""
        response = self.portal_order_page(order.id)
        if getattr(response, "qcontext", None) is None:
            return self._pipeline_back_to_order(order, "refused")
        response.qcontext.update(
            pipeline_error=error.args[0] if error.args else str(error),
            # Only text goes back into the form; anything else was not typed into it.
            pipeline_form={key: value for key, value in form.items() if isinstance(value, str)},
        )
        response.status_code = 400
        return response

    def _pipeline_run(self, order_id, action, outcome, form=None):
        order = self._pipeline_customer_order(order_id)
        try:
            # A refusal half-way (e.g. one bad review after the feedback) leaves nothing behind.
            with request.env.cr.savepoint():
                action(order)
        except (UserError, AccessError) as error:
            return self._pipeline_refused(order, error, form or {})
        return self._pipeline_back_to_order(order, outcome)

    def _pipeline_leave_feedback(self, order, form):
        """What the feedback form does with what the customer sent (extended by the shop for product reviews)."""
        return order.action_pipeline_leave_feedback(form.get("rating"), form.get("comment"))

    @http.route("/my/orders/<int:order_id>/pipeline/confirm", type="http", auth="user", methods=["POST"], website=True)
    def pipeline_confirm(self, order_id, **kwargs):
        return self._pipeline_run(order_id, lambda order: order.action_pipeline_set_stage("confirmed"), "confirmed")

    @http.route("/my/orders/<int:order_id>/pipeline/receipt", type="http", auth="user", methods=["POST"], website=True)
    def pipeline_confirm_receipt(self, order_id, **kwargs):
        return self._pipeline_run(order_id, lambda order: order.action_pipeline_confirm_receipt(), "received")

    @http.route("/my/orders/<int:order_id>/pipeline/feedback", type="http", auth="user", methods=["POST"], website=True)
    def pipeline_feedback(self, order_id, **form):
        return self._pipeline_run(order_id, lambda order: self._pipeline_leave_feedback(order, form), "thanks", form)
