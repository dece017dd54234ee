from odoo import http
from odoo.exceptions import AccessError, UserError

from odoo.addons.sale_order_pipeline.controllers.portal import PipelinePortal

REVIEW_RATING_PREFIX = "review_rating_"


class PipelineReviewPortal(PipelinePortal):
    """Product reviews left with the delivery feedback, or afterwards from the order page."""

    def _pipeline_post_reviews(self, order, params):
        """Post the reviews rated in `params` (review_rating_<product>, review_comment_<product>); True if all went."""
        all_posted = True
        for key, rating in params.items():
            if not key.startswith(REVIEW_RATING_PREFIX) or not rating:
                continue
            product_id = key.removeprefix(REVIEW_RATING_PREFIX)
            if not product_id.isdigit():
                all_posted = False
                continue
            try:
                order.action_pipeline_review_product(
                    int(product_id), rating, params.get(f"review_comment_{product_id}")
                )
            except (UserError, AccessError):
                all_posted = False
        return all_posted

    @http.route()
    def pipeline_feedback(self, order_id, rating=None, comment=None, **kwargs):
        response = super().pipeline_feedback(order_id, rating=rating, comment=comment, **kwargs)
        order = self._pipeline_customer_order(order_id)
        # The reviews go with a feedback that was accepted, not with one refused for a missing rating.
        if order.sudo().pipeline_feedback_ids:
            self._pipeline_post_reviews(order, kwargs)
        return response

    @http.route("/my/orders/<int:order_id>/pipeline/review", type="http", auth="user", methods=["POST"], website=True)
    def pipeline_review(self, order_id, **kwargs):
        order = self._pipeline_customer_order(order_id)
        posted = self._pipeline_post_reviews(order, kwargs)
        return self._pipeline_back_to_order(order, "reviewed" if posted else "refused")
