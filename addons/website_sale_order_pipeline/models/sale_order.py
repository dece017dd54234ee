from datetime import timedelta

from odoo import fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.sale_order_pipeline.lib import pipeline
from odoo.addons.sale_order_pipeline.lib.feedback import parse_rating

from ..lib.stock_hold import is_short, sellable_qty


class SaleOrder(models.Model):
    _inherit = "sale.order"

    stock_hold_until = fields.Datetime(
        string="Stock Held Until",
        copy=False,
        readonly=True,
        help="While the customer pays, the units in this cart are kept out of other carts until this time.",
    )
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
        return lines.product_id.product_tmpl_id - self.sudo().pipeline_review_ids.product_tmpl_id

    def action_pipeline_review_product(self, product_tmpl_id, rating, comment=False):
        """The order's customer rates one product of the delivered order, shown on the product's page; once."""
        self.ensure_one()
        if not self._pipeline_is_customer():
            raise AccessError(
                self.env._("Only the customer of order %(name)s can review its products.", name=self.name)
            )
        product = self._pipeline_review_product(product_tmpl_id)
        if product in self.sudo().pipeline_review_ids.product_tmpl_id:
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

    # Checkout: no overselling of the last units (website_sale calls this before payment)

    def _check_cart_is_ready_to_be_paid(self):
        # First, so that a customer beaten to the last unit reads this message rather than the generic stock one.
        self._pipeline_hold_stock()
        return super()._check_cart_is_ready_to_be_paid()

    def _pipeline_hold_stock(self):
        """Hold this cart's stock for the payment, or refuse if other carts already hold what is left."""
        self.ensure_one()
        lines = self.order_line.filtered(
            lambda line: line.product_id.is_storable and not line.product_id.allow_out_of_stock_order
        )
        products = lines.product_id
        if not products:
            return
        self._pipeline_lock_products(products)
        held = self._pipeline_qty_held_by_other_carts(products)
        for product in products:
            wanted = self._get_cart_qty(product.id)
            free = self._get_free_qty(product)
            if is_short(wanted, free, held.get(product.id, 0.0)):
                left = sellable_qty(free, held.get(product.id, 0.0))
                raise ValidationError(
                    self.env._(
                        "Sorry, another customer has just bought %(product)s: %(left)s left for your %(wanted)s."
                        " Please update your cart before paying.",
                        product=product.display_name,
                        left=int(left) if float(left).is_integer() else left,
                        wanted=int(wanted) if float(wanted).is_integer() else wanted,
                    )
                )
        minutes = self.env["res.config.settings"]._pipeline_stock_hold_minutes()
        self.sudo().stock_hold_until = fields.Datetime.now() + timedelta(minutes=minutes)

    def _pipeline_lock_products(self, products):
        # A real (no-op) update, not a plain SELECT ... FOR UPDATE: under REPEATABLE READ, a checkout that waited
        # for another one on these rows then fails with a serialization error, and Odoo replays its request on a
        # fresh snapshot that sees the other hold. A mere row lock would let it go on with a stale snapshot.
        # Sorted rows keep two carts holding the same products from deadlocking.
        self.env.cr.execute(
            SQL(
                """UPDATE product_product SET write_date = write_date
                    WHERE id IN (SELECT id FROM product_product WHERE id IN %s ORDER BY id FOR NO KEY UPDATE)""",
                tuple(products.ids),
            )
        )

    def _pipeline_qty_held_by_other_carts(self, products):
        groups = (
            self.env["sale.order.line"]
            .sudo()
            ._read_group(
                [
                    ("product_id", "in", products.ids),
                    ("order_id", "!=", self.id),
                    ("order_id.state", "in", ("draft", "sent")),
                    ("order_id.stock_hold_until", ">", fields.Datetime.now()),
                ],
                ["product_id"],
                ["product_uom_qty:sum"],
            )
        )
        return {product.id: qty for product, qty in groups}
