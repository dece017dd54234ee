"""Shared by the concurrency test and scripts/race_checkout.py: shop carts racing for the same last units.

Each attempt runs in its own database transaction and is replayed on a serialization failure, the way Odoo's HTTP
layer (`odoo.service.model.retrying`) replays a request; that function itself cannot run in a test's threads, as it
waits for the registry lock the test runner holds.
"""

import random
import threading
import time

from psycopg2.errors import DeadlockDetected, LockNotAvailable, SerializationFailure

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command

MAX_TRIES = 50


def make_payment_provider(env, name="Stock Hold Test Provider"):
    """A provider that charges nothing (code `none`), to create real payment transactions in tests and scripts."""
    method = env.ref("payment.payment_method_unknown").with_context(active_test=False)
    provider = env["payment.provider"].create(
        {
            "name": name,
            "code": "none",
            "state": "test",
            "is_published": True,
            "payment_method_ids": [Command.set(method.ids)],
        }
    )
    method.active = True  # Odoo's own test provider does the same: the method needs its provider first.
    return provider


def start_payment(order, provider):
    """What the shop's Pay button does: check the cart, then create the order's payment transaction (the hold)."""
    order._check_cart_is_ready_to_be_paid()
    return order.env["payment.transaction"].create(
        {
            "provider_id": provider.id,
            "payment_method_id": provider.payment_method_ids[:1].id,
            "amount": order.amount_total,
            "currency_id": order.currency_id.id,
            "partner_id": order.partner_id.id,
            "operation": "online_direct",
            "sale_order_ids": [Command.set(order.ids)],
        }
    )


def make_shop(env, stock_qty, n_carts, name="Race Runner"):
    """A storable product with `stock_qty` units, `n_carts` one-unit carts ready to pay, each by its own customer,
    and a payment provider to pay them with."""
    warehouse = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)
    website = env["website"].search([], limit=1)
    product = env["product.product"].create(
        {"name": name, "is_storable": True, "list_price": 80.0, "allow_out_of_stock_order": False}
    )
    if stock_qty:
        env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id, stock_qty)
    carrier = env["delivery.carrier"].create(
        {
            "name": f"{name} courier",
            "is_published": True,
            "product_id": env["product.product"].create({"name": f"{name} shipping", "type": "service"}).id,
        }
    )
    partners = env["res.partner"].create(
        [{"name": f"{name} customer {i}", "email": f"race{i}@example.com"} for i in range(n_carts)]
    )
    orders = env["sale.order"].create(
        [
            {
                "partner_id": partner.id,
                "website_id": website.id,
                "carrier_id": carrier.id,
                "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 1})],
            }
            for partner in partners
        ]
    )
    provider = make_payment_provider(env, name=f"{name} payments")
    return product, carrier, partners, orders, provider


def drop_shop(env, product, carrier, partners, orders, provider):
    """Remove what `make_shop` committed (the provider's payment method stays active)."""
    orders.filtered(lambda o: o.state != "draft")._action_cancel()
    orders.transaction_ids.unlink()
    provider.unlink()
    orders.picking_ids.unlink()
    orders.unlink()
    env["stock.quant"].search([("product_id", "=", product.id)]).unlink()
    env["stock.move"].search([("product_id", "=", product.id)]).unlink()
    carrier_product = carrier.product_id
    carrier.unlink()
    (product | carrier_product).unlink()
    partners.unlink()


def race(registry, order_ids, provider_id, confirm=True):
    """Check out every order at the same moment: each checks its cart and starts its payment (the hold).

    Returns {order_id: None if it got the stock, else the message} and how many attempts were replayed.

    With `confirm`, a checkout that passes is paid and confirmed in the same transaction.
    """
    barrier = threading.Barrier(len(order_ids))
    outcome = {}
    replays = []
    # Environments are made here, not in the threads: making one may wait for the registry lock, which the
    # test runner holds while tests run.
    envs = {order_id: api.Environment(registry.cursor(), SUPERUSER_ID, {}) for order_id in order_ids}

    def attempt(order_id):
        env = envs[order_id]
        env["sale.order"].browse(order_id).order_line.mapped("product_uom_qty")  # take the snapshot first
        barrier.wait(timeout=30)

        def checkout():
            order = env["sale.order"].browse(order_id)
            start_payment(order, env["payment.provider"].browse(provider_id))
            if confirm:
                order.action_confirm()

        for _attempt in range(MAX_TRIES):
            try:
                checkout()
                env.cr.commit()
                outcome[order_id] = None
                return
            except (SerializationFailure, DeadlockDetected, LockNotAvailable):
                env.cr.rollback()
                env.invalidate_all()
                replays.append(order_id)
                time.sleep(random.uniform(0.0, 0.2))
            except (ValidationError, UserError) as exc:
                env.cr.rollback()
                outcome[order_id] = str(exc)
                return

    threads = [threading.Thread(target=attempt, args=(order_id,)) for order_id in order_ids]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    finally:
        for env in envs.values():
            env.cr.close()
    return outcome, len(replays)
