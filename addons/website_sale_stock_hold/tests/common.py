from odoo.fields import Command
from odoo.tests import TransactionCase

from .race import make_payment_provider, start_payment


class StockHoldCase(TransactionCase):
    """A shop with a storable product, the carrier and payment provider its carts need, and helpers to fill carts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.env.company.id)], limit=1)
        cls.website = cls.env["website"].create(
            {
                "name": "Stock Hold Shop",
                "company_id": cls.env.company.id,
                "warehouse_id": cls.warehouse.id,
                "stock_hold_minutes": 10,
            }
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Last Pair", "is_storable": True, "list_price": 80.0, "allow_out_of_stock_order": False}
        )
        cls.carrier = cls.env["delivery.carrier"].create(
            {
                "name": "Hold Courier",
                "is_published": True,
                "product_id": cls.env["product.product"].create({"name": "Hold shipping", "type": "service"}).id,
            }
        )
        cls.provider = make_payment_provider(cls.env)
        cls.customers = cls.env["res.partner"].create(
            [{"name": f"Hold customer {i}", "email": f"hold{i}@example.com"} for i in range(4)]
        )

    @classmethod
    def _stock(cls, qty, product=None, warehouse=None):
        product = product or cls.product
        location = (warehouse or cls.warehouse).lot_stock_id
        cls.env["stock.quant"]._update_available_quantity(product, location, qty)

    def _cart(self, qty=1.0, customer=0, website=None, product=None, uom=None):
        product = product or self.product
        return self.env["sale.order"].create(
            {
                "partner_id": self.customers[customer].id,
                "website_id": (website or self.website).id,
                "carrier_id": self.carrier.id,
                "order_line": [
                    Command.create(
                        {"product_id": product.id, "product_uom_qty": qty, "product_uom_id": (uom or product.uom_id).id}
                    )
                ],
            }
        )

    def _pay(self, order):
        return start_payment(order, self.provider)
