from odoo import api, models

# The fields whose change is an `order.updated` (the amounts follow the lines).
ORDER_FIELDS = frozenset((
    "state", "partner_id", "partner_invoice_id", "partner_shipping_id", "order_line", "client_order_ref",
    "date_order", "commitment_date", "pricelist_id", "currency_id",
))


class SaleOrder(models.Model):
    _inherit = "sale.order"

    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        self.env["webhook.subscription"]._webhook_notify("order.created", orders)
        return orders

    def write(self, vals):
        result = super().write(vals)
        if ORDER_FIELDS & vals.keys():
            self.env["webhook.subscription"]._webhook_notify(
                "order.updated", self, {"changed": sorted(ORDER_FIELDS & vals.keys())}
            )
        return result

    def _webhook_data(self):
        """The `data` of the `order.*` events (documented in readme/USAGE.md)."""
        return [
            {
                "id": order.id,
                "name": order.name,
                "state": order.state,
                "customer_id": order.partner_id.id,
                "invoice_address_id": order.partner_invoice_id.id,
                "shipping_address_id": order.partner_shipping_id.id,
                "client_order_ref": order.client_order_ref or None,
                "date_order": order.date_order and order.date_order.isoformat() + "Z",
                "currency": order.currency_id.name,
                "amount_untaxed": order.amount_untaxed,
                "amount_tax": order.amount_tax,
                "amount_total": order.amount_total,
                "lines": [
                    {
                        "id": line.id,
                        "product_id": line.product_id.id or None,
                        "sku": line.product_id.default_code or None,
                        "description": line.name,
                        "quantity": line.product_uom_qty,
                        "unit_price": line.price_unit,
                        "subtotal": line.price_subtotal,
                    }
                    for line in order.order_line
                    if not line.display_type
                ],
            }
            for order in self.sudo()
        ]
