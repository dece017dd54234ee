from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.sale_order_pipeline.lib import pipeline
from odoo.addons.sale_order_pipeline.lib.feedback import parse_rating


class SaleOrder(models.Model):
    _inherit = "sale.order"

    pipeline_review_ids = fields.One2many(
        "sale.order.product.review", "order_id", string="Product Reviews", readonly=True
    )

    # Product reviews after delivery: Odoo's own rated comments on the product, one per product and order.

    def _pipeline_reviewable_products(self):
        """The products of this delivered order that its customer has not reviewed from it yet."""
        self.ensure_one()
        if self.pipeline_stage not in (pipeline.DELIVERED, pipeline.FEEDBACK):
            return self.env["product.template"]
        lines = self.order_line.filtered(
            lambda line: not line.display_type and not line.is_delivery and line.product_id.type != "service"
        )
        return lines.product_id.product_tmpl_id - self._pipeline_reviewed_products()

    def _pipeline_reviewed_products(self):
        """The products already reviewed from this order, in one query (the order page asks on every visit)."""
        self.ensure_one()
        reviews = (
            self.env["sale.order.product.review"]
            .sudo()
            .search_fetch([("order_id", "=", self.id)], ["product_tmpl_id"], order="id")
        )
        return reviews.product_tmpl_id.with_env(self.env)

    def action_pipeline_review_product(self, product_tmpl_id, rating, comment=False):
        """The order's customer rates one product of the delivered order, shown on the product's page; once."""
        self.ensure_one()
        if not self._pipeline_is_customer():
            raise AccessError(
                self.env._("Only the customer of order %(name)s can review its products.", name=self.name)
            )
        product = self._pipeline_review_product(product_tmpl_id)
        if product in self._pipeline_reviewed_products():
            raise UserError(
                self.env._(
                    "You already reviewed %(product)s from order %(name)s.", product=product.name, name=self.name
                )
            )
        if product not in self._pipeline_reviewable_products():
            raise UserError(self.env._("This product cannot be reviewed from order %(name)s.", name=self.name))
        score = parse_rating(rating)
        if score is None:
            raise UserError(self.env._("Please rate %(product)s from 1 to 5 stars.", product=product.name))
        comment = self._pipeline_comment_value(comment)
        # sudo: a customer cannot post on a product, but the checks above make this review theirs to leave;
        # the current user stays the author of the message and of the rating.
        message = product.message_post(
            body=comment,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            rating_value=score,
        )
        return (
            self.env["sale.order.product.review"]
            .sudo()
            .create(
                {
                    "order_id": self.id,
                    "product_tmpl_id": product.id,
                    "partner_id": self.env.user.partner_id.id,
                    "message_id": message.id,
                    "rating_id": message.sudo().rating_id.id,
                }
            )
        )

    def _pipeline_review_product(self, product_tmpl_id):
        """The product template `product_tmpl_id` (an id, or its digits as sent by a form), or a clear error."""
        product_id = product_tmpl_id
        if isinstance(product_id, str) and product_id.isascii() and product_id.isdigit():
            product_id = int(product_id)
        product = self.env["product.template"]
        if isinstance(product_id, int) and not isinstance(product_id, bool) and 0 < product_id < 2**31:
            product = product.sudo().browse(product_id).exists()
        if not product:
            raise UserError(self.env._("This product cannot be reviewed from order %(name)s.", name=self.name))
        return product
