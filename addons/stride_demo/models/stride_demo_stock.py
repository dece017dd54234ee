from datetime import timedelta

from odoo import Command, api, models

from ..lib import catalog, history
from .stride_demo_builder import SEED


# One file per subject is the point of the builder (see readme/DEVELOP.md), hence several classes inheriting it.
class StrideDemoBuilder(models.AbstractModel):
    """Stock: a year of vendor receipts, the opening inventory, alert-only thresholds, restocking under way."""

    _inherit = "stride.demo.builder"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _stride_demo_steps(self):
        return super()._stride_demo_steps() + [
            (41, "_demo_past_purchases"),
            (42, "_demo_opening_stock"),
            (43, "_demo_thresholds"),
            (60, "_demo_restock_orders"),
            (61, "_demo_stock_alerts"),
            (62, "_demo_restock_suggestion"),
        ]

    def _demo_past_purchases(self, shop):
        """A year of vendor receipts, some late and some short, so that the vendor scorecards have a history.

        Received before the opening inventory, which then counts the pairs to the planned quantity.
        """
        variants, vendors, today = shop["variants"], shop["vendors"], shop["today"]
        vendor_names = [vendor.name for vendor in catalog.VENDORS]
        supplied = {name: [] for name in vendor_names}
        for index, variant in enumerate(variants):
            for name in variant.seller_ids.partner_id.mapped("name"):
                supplied[name].append(index)
        receipts = history.plan_receipts(SEED, today, [
            (supplied[vendor.name], vendor.min_qty, vendor.lead_days, vendor.on_time_share, vendor.fill_share)
            for vendor in catalog.VENDORS
        ])
        orders = self.env["purchase.order"].create([
            {
                "partner_id": vendors[vendor_names[receipt.vendor]].id,
                "date_order": self._at_shop_hours(receipt.ordered, index),
                "order_line": [
                    Command.create({"product_id": variants[variant].id, "product_qty": ordered})
                    for variant, ordered, _received in receipt.lines
                ],
            }
            for index, receipt in enumerate(receipts)
        ])
        orders.button_confirm()
        pickings = orders.picking_ids
        for receipt, order in zip(receipts, orders):
            received = {variants[variant].id: quantity for variant, _ordered, quantity in receipt.lines}
            for move in order.picking_ids.move_ids:
                move.quantity = received[move.product_id.id]
        pickings.move_ids.picked = True
        pickings.with_context(
            skip_backorder=True, picking_ids_not_to_backorder=pickings.ids, skip_sms=True,
        ).button_validate()
        for index, (receipt, order) in enumerate(zip(receipts, orders)):
            approved = self._at_shop_hours(receipt.ordered, index)
            done = approved + timedelta(days=receipt.actual_days)
            order.write({"date_order": approved, "date_approve": approved})
            order.order_line.write({"date_planned": approved + timedelta(days=receipt.promised_days)})
            order.picking_ids.write({"scheduled_date": done, "date_done": done})
            order.picking_ids.move_ids.write({"date": done})

    def _demo_opening_stock(self, shop):
        """The inventory before the history is played, so that the planned quantities remain afterwards."""
        variants = shop["variants"]
        quantities = history.opening_stock(shop["stock"], shop["plans"])
        location = self._warehouse().lot_stock_id
        self.env["stock.quant"].with_context(inventory_mode=True).create([
            {"product_id": variant.id, "location_id": location.id, "inventory_quantity": quantity}
            for variant, quantity in zip(variants, quantities)
            if quantity
        ]).action_apply_inventory()

    def _demo_thresholds(self, shop):
        """Alert-only thresholds: category defaults for every shoe, tighter ones set by hand on the best sellers."""
        categories, variants, stock = shop["categories"], shop["variants"], shop["stock"]
        buyer = shop["users"]["manager"]
        for name, (minimum, maximum) in catalog.ALERT_THRESHOLDS.items():
            categories[name]["internal"].write({
                "threshold_enabled": True,
                "threshold_min_qty": minimum,
                "threshold_max_qty": maximum,
                "threshold_user_id": buyer.id,
            })
        ruled = {variants[index].id: index for index in stock.reorder_min}
        orderpoints = self.env["stock.warehouse.orderpoint"].search([
            ("product_id", "in", list(ruled)), ("warehouse_id", "=", self._warehouse().id),
        ])
        for orderpoint in orderpoints:
            index = ruled[orderpoint.product_id.id]
            orderpoint.write({
                "product_min_qty": stock.reorder_min[index],
                "product_max_qty": stock.reorder_max[index],
            })

    def _demo_restock_orders(self, shop):
        """Restocking under way for the low variants: a third ordered, a third asked for, a third forgotten."""
        variants, stock, buyer = shop["variants"], shop["stock"], shop["users"]["manager"]
        low = [variants[index] for index in history.low_variants(stock)]
        PurchaseOrder = self.env["purchase.order"]
        for confirm, part in ((True, low[0::3]), (False, low[1::3])):
            by_vendor = {}
            for variant in part:
                seller = variant.seller_ids[:1]
                by_vendor.setdefault(seller.partner_id, []).append((variant, seller.min_qty))
            orders = PurchaseOrder.create([
                {
                    "partner_id": vendor.id,
                    "user_id": buyer.id,
                    "order_line": [
                        Command.create({"product_id": variant.id, "product_qty": quantity})
                        for variant, quantity in lines
                    ],
                }
                for vendor, lines in by_vendor.items()
            ])
            if confirm:
                orders.button_confirm()

    def _demo_stock_alerts(self, shop):
        """The thresholds crossed by the history: open alerts with the buyer's restock activities."""
        variants = self.env["product.product"].concat(*shop["variants"])
        shop["alerts"] = self.env["stock.threshold.alert"]._check_products(variants)

    def _demo_restock_suggestion(self, shop):
        """A restock suggestion computed from the demo's sales and stock, ready for the buyer to review."""
        suggestion = self.env["purchase.restock.suggestion"].with_user(shop["users"]["manager"]).create({
            "name": self.env._("Restock for the coming month"),
            "cover_days": 30,
        })
        suggestion.action_compute()
        self._register_xmlids({"stride_demo.purchase_restock_suggestion_demo": suggestion})
