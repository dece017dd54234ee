from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.sale_order_pipeline.controllers.portal import PipelinePortal

REVIEW_RATING_PREFIX = "review_rating_"
REVIEW_COMMENT_PREFIX = "review_comment_"


class PipelineReviewPortal(PipelinePortal):
    """Product reviews left with the delivery feedback, or afterwards from the order page."""

    def _pipeline_post_reviews(self, order, form):
        """Post the reviews filled in `form` (review_rating_<product>, review_comment_<product>); a product left
        empty is skipped, anything else is either posted or refused with the reason. Returns how many were posted."""
        product_keys = dict.fromkeys(
            key.removeprefix(prefix)
            for key in form
            for prefix in (REVIEW_RATING_PREFIX, REVIEW_COMMENT_PREFIX)
            if key.startswith(prefix)
        )
        posted = 0
        for product_key in product_keys:
            rating = form.get(REVIEW_RATING_PREFIX + product_key)
            comment = form.get(REVIEW_COMMENT_PREFIX + product_key)
            if not rating and not (isinstance(comment, str) and comment.strip()):
                continue
            order.action_pipeline_review_product(product_key, rating, comment)
            posted += 1
        return posted

    def _pipeline_leave_feedback(self, order, form):
        feedback = super()._pipeline_leave_feedback(order, form)
        self._pipeline_post_reviews(order, form)
        return feedback

    def _pipeline_review_products(self, order, form):
        if not self._pipeline_post_reviews(order, form):
            raise UserError(request.env._("Pick from 1 to 5 stars for the products you want to review."))

    @http.route("/my/orders/<int:order_id>/pipeline/review", type="http", auth="user", methods=["POST"], website=True)
    def pipeline_review(self, order_id, **form):
        return self._pipeline_run(order_id, lambda order: self._pipeline_review_products(order, form), "reviewed", form)
