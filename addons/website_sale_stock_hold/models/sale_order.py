from collections import defaultdict

from odoo import fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import SQL

from ..lib.stock_hold import hold_until, sellable_qty

# Per-transaction cache of what other carts hold, {(order id, warehouse id): {product id: units}}: a cart page asks
# for each of its lines (twice), and one query answers for all of them. Under Odoo's REPEATABLE READ the other
# carts' holds cannot change within a transaction but by its own writes, which drop the cache (see
# _stock_hold_forget_held), and a commit or a rollback clears it with the cursor's cache. A hold that expires
# during a request counts until its end; the payment's check reads afresh under its lock.
HELD_BY_OTHERS_CACHE_KEY = "website_sale_stock_hold.held_by_others"
# Fields of an order whose change changes what it holds.
HOLDING_ORDER_FIELDS = ("state", "website_id", "stock_hold_until", "stock_hold_warehouse_id")


class SaleOrder(models.Model):
    _inherit = "sale.order"

    stock_hold_until = fields.Datetime(
        string="Stock Held Until",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="While the customer pays, the units in this cart are kept out of other carts until this time.",
    )
    stock_hold_started = fields.Datetime(
        string="Stock First Held At",
        copy=False,
        readonly=True,
        help="Payment attempts renew the hold up to the website's longest hold after this time, no longer.",
    )
    stock_hold_warehouse_id = fields.Many2one(
        "stock.warehouse",
        string="Stock Held In",
        copy=False,
        readonly=True,
        help="The warehouse whose stock the hold keeps out of other carts; empty: every warehouse of the website.",
    )

    def write(self, vals):
        if any(name in vals for name in HOLDING_ORDER_FIELDS):
            self._stock_hold_forget_held()
        return super().write(vals)

    def unlink(self):
        self._stock_hold_forget_held()
        return super().unlink()

    # website_sale_stock's own availability, less what other carts hold while they pay

    def _get_free_qty(self, product):
        free = super()._get_free_qty(product)
        return sellable_qty(free, self._stock_hold_qty_held_by_others(product)[product.id])

    def _check_cart_is_ready_to_be_paid(self):
        # Lock before website_sale_stock checks the stock, so that the check reads what concurrent payments hold
        # (see _stock_hold_lock_products); a cart that is confirmed without a payment (free orders) relies on it.
        self._stock_hold_lock_products(self._stock_hold_lines().product_id)
        return super()._check_cart_is_ready_to_be_paid()

    def action_confirm(self):
        result = super().action_confirm()
        # The delivery reserves the units now: the hold would count them twice.
        self._stock_hold_release()
        return result

    # The hold

    def _stock_hold_lines(self):
        return self.order_line.filtered(lambda line: line._stock_hold_is_held())

    def _stock_hold_take(self):
        """Hold this cart's stock for a payment attempt, or refuse the attempt if not enough is left for it."""
        self.ensure_one()
        if not self.website_id or self.state not in ("draft", "sent"):
            return
        lines = self._stock_hold_lines()
        if not lines:
            return
        website = self.website_id
        self._stock_hold_lock_products(lines.product_id)
        for product in lines.product_id:
            wanted = self._get_cart_qty(product.id)
            if website.stock_hold_max_qty and wanted > website.stock_hold_max_qty:
                raise ValidationError(
                    self.env._(
                        "You can pay for at most %(max)s units of %(product)s in one order online."
                        " Please lower the quantity, or contact us for a larger order.",
                        max=website.stock_hold_max_qty,
                        product=product.display_name,
                    )
                )
        # website_sale_stock's own check, now under the lock and with the other carts' holds taken off the stock.
        short = lines.filtered(lambda line: not line._check_availability())
        if short:
            raise ValidationError(
                " ".join([*short.mapped("shop_warning"), self.env._("Please update your cart before paying.")])
            )
        now = fields.Datetime.now()
        until = hold_until(now, self.stock_hold_started, website.stock_hold_minutes, website.stock_hold_max_minutes)
        self.sudo().write(
            {
                "stock_hold_started": self.stock_hold_started or now,
                "stock_hold_until": until or False,
                "stock_hold_warehouse_id": self._get_shop_warehouse_id() if until else False,
            }
        )
        if until:
            self._stock_hold_release_other_carts_of_customer()

    def _stock_hold_release_other_carts_of_customer(self):
        # One held cart per customer: a customer paying for this cart gives up what their other carts held.
        # A cart still without an address belongs to the website's public partner, shared by every guest.
        if self.partner_id == self.website_id.user_id.sudo().partner_id:
            return
        self.sudo().search(
            [
                ("id", "!=", self.id),
                ("partner_id", "=", self.partner_id.id),
                ("stock_hold_until", "!=", False),
            ]
        )._stock_hold_release()

    def _stock_hold_release(self):
        held = self.filtered("stock_hold_until")
        if held:
            held.sudo().write({"stock_hold_until": False, "stock_hold_warehouse_id": False})

    def _stock_hold_lock_products(self, products):
        if not products:
            return
        # What the checks under the lock read of the other carts' holds is read under it.
        self._stock_hold_forget_held()
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
        """Units of `products` (in each product's own unit) that other carts hold on the stock this cart sells from.

        Asked for one product, it reads those of every line of the cart at once (see HELD_BY_OTHERS_CACHE_KEY).
        """
        self.ensure_one()
        warehouse_id = self._get_shop_warehouse_id()
        known = self.env.cr.cache.setdefault(HELD_BY_OTHERS_CACHE_KEY, {}).setdefault((self.id, warehouse_id), {})
        if any(product.id not in known for product in products):
            unknown = (products | self.order_line.product_id).filtered(lambda product: product.id not in known)
            held = self._stock_hold_read_held_by_others(unknown, warehouse_id)
            known.update({product.id: held[product.id] for product in unknown})
        return defaultdict(float, {product.id: known[product.id] for product in products})

    def _stock_hold_read_held_by_others(self, products, warehouse_id):
        domain = Domain(
            [
                ("product_id", "in", products.ids),
                ("order_id", "!=", self.id),
                ("order_id.state", "in", ("draft", "sent")),
                ("order_id.stock_hold_until", ">", fields.Datetime.now()),
            ]
        )
        # A hold on another warehouse does not touch this cart's stock; a hold on every warehouse (a website
        # without its own) may be delivered from any, so it counts everywhere.
        if warehouse_id:
            domain &= Domain("order_id.stock_hold_warehouse_id", "in", [warehouse_id, False])
        groups = (
            self.env["sale.order.line"]
            .sudo()
            ._read_group(domain, ["product_id", "product_uom_id"], ["product_uom_qty:sum"])
        )
        held = defaultdict(float)
        for product, uom, qty in groups:
            held[product.id] += uom._compute_quantity(qty, product.uom_id)
        return held

    def _stock_hold_forget_held(self):
        """Drop what this transaction read of the carts' holds: it writes a hold, a cart or a cart line."""
        self.env.cr.cache.pop(HELD_BY_OTHERS_CACHE_KEY, None)
