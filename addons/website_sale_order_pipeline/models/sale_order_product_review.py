from odoo import fields, models


class SaleOrderProductReview(models.Model):
    _name = "sale.order.product.review"
    _description = "Product Review from a Delivered Order"
    _order = "create_date desc, id desc"
    _rec_name = "product_tmpl_id"

    order_id = fields.Many2one("sale.order", required=True, ondelete="cascade", index=True, readonly=True)
    product_tmpl_id = fields.Many2one(
        "product.template", string="Product", required=True, readonly=True, ondelete="cascade"
    )
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, readonly=True)
    # The review itself is Odoo's own: a rated comment on the product, shown with the product's reviews in the shop.
    message_id = fields.Many2one("mail.message", readonly=True, ondelete="set null")
    rating_id = fields.Many2one("rating.rating", string="Product Rating", readonly=True, ondelete="set null")
    rating = fields.Float(related="rating_id.rating", string="Stars")
    company_id = fields.Many2one(related="order_id.company_id", store=True)

    _one_per_product_and_order = models.Constraint(
        "UNIQUE (order_id, product_tmpl_id)", "A product can be reviewed once per order."
    )
