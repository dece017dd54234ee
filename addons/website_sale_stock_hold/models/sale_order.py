from datetime import timedelta

from odoo import fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..lib.stock_hold import is_short, sellable_qty


class SaleOrder(models.Model):
    _inherit = "sale.order"

    stock_hold_until = fields.Datetime(
        string="Stock Held Until",
        copy=False,
        readonly=True,
        help="While the customer pays, the units in this cart are kept out of other carts until this time.",
    )

    def _check_cart_is_ready_to_be_paid(self):
        # First, so that a customer beaten to the last unit reads this message rather than the generic stock one.
        self._stock_hold_take()
        return super()._check_cart_is_ready_to_be_paid()

    def _stock_hold_take(self):
        """Hold this cart's stock for the payment, or refuse if other carts already hold what is left."""
        self.ensure_one()
        lines = self.order_line.filtered(
            lambda line: line.product_id.is_storable and not line.product_id.allow_out_of_stock_order
        )
        products = lines.product_id
        if not products:
            return
        self._stock_hold_lock_products(products)
        held = self._stock_hold_qty_held_by_others(products)
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
        minutes = self.website_id.stock_hold_minutes
        self.sudo().stock_hold_until = fields.Datetime.now() + timedelta(minutes=minutes)

    def _stock_hold_lock_products(self, products):
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

    def _stock_hold_qty_held_by_others(self, products):
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
