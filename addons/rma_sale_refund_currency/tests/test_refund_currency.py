from odoo.tests import tagged
from odoo.tests.common import TransactionCase


@tagged("post_install", "-at_install")
class TestRefundCurrency(TransactionCase):
    """A customer's delivered orders in a foreign currency and in the company's, refunded through returns."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.company.id)], limit=1)
        cls.warehouse.delivery_steps = "ship_only"
        vnd = cls.env.ref("base.VND")
        cls.foreign = vnd if cls.company.currency_id != vnd else cls.env.ref("base.EUR")
        cls.foreign.active = True
        cls.env["res.currency.rate"].create(
            {"currency_id": cls.foreign.id, "company_id": cls.company.id, "name": "2020-01-01", "rate": 25000.0}
        )
        cls.foreign_pricelist = cls.env["product.pricelist"].create(
            {"name": "Foreign shop (test)", "currency_id": cls.foreign.id}
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Trail Runner 42", "is_storable": True, "type": "consu", "list_price": 120.0}
        )
        cls.env["stock.quant"]._update_available_quantity(cls.product, cls.warehouse.lot_stock_id, 20)
        cls.refund_operation = cls.env["rma.operation"].create(
            {
                "name": "Refund without return (test)",
                "action_create_receipt": False,
                "action_create_delivery": False,
                "action_create_refund": "manual_on_confirm",
            }
        )
        cls.customer = cls.env["res.partner"].create({"name": "Lan Nguyen", "email": "lan@example.com"})

    def _delivered_order(self, pricelist=None):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "warehouse_id": self.warehouse.id,
                "pricelist_id": (pricelist or self.env["product.pricelist"]).id,
                "order_line": [(0, 0, {"product_id": self.product.id, "product_uom_qty": 1})],
            }
        )
        order.action_confirm()
        picking = order.picking_ids
        picking.action_assign()
        picking.move_ids.quantity = 1
        picking.move_ids.picked = True
        picking.button_validate()
        return order

    def _confirmed_return(self, order):
        data = order.get_delivery_rma_data()[0]
        wizard = (
            self.env["sale.order.rma.wizard"]
            .with_context(active_id=order.id)
            .create(
                {
                    "location_id": self.warehouse.rma_loc_id.id,
                    "line_ids": [
                        (0, 0, {
                            "product_id": data["product"].id,
                            "quantity": 1,
                            "allowed_quantity": data["quantity"],
                            "sale_line_id": data["sale_line_id"].id,
                            "uom_id": data["uom"].id,
                            "picking_id": data["picking"].id,
                            "operation_id": self.refund_operation.id,
                        }),
                    ],
                }
            )
        )
        rma = wizard.create_rma()
        rma.action_confirm()
        return rma

    def test_a_foreign_currency_order_is_refunded_in_its_currency(self):
        order = self._delivered_order(self.foreign_pricelist)
        self.assertEqual(order.currency_id, self.foreign)
        rma = self._confirmed_return(order)
        rma.action_refund()
        refund = rma.refund_id
        self.assertEqual(refund.currency_id, self.foreign)
        self.assertEqual(refund.currency_id.compare_amounts(refund.amount_total, order.amount_total), 0)
        # In the company's currency the credit note weighs what the order did, not 25,000 times more.
        refund.action_post()
        weight = self.foreign._convert(order.amount_total, self.company.currency_id, self.company, refund.date)
        self.assertEqual(self.company.currency_id.compare_amounts(-refund.amount_total_signed, weight), 0)
        self.assertLess(-refund.amount_total_signed, order.amount_total)

    def test_returns_of_orders_in_two_currencies_get_one_credit_note_each(self):
        foreign_order = self._delivered_order(self.foreign_pricelist)
        home_order = self._delivered_order()
        self.assertEqual(home_order.currency_id, self.company.currency_id)
        returns = self._confirmed_return(foreign_order) | self._confirmed_return(home_order)
        returns.action_refund()
        self.assertEqual(len(returns.refund_id), 2)
        self.assertEqual(
            {(rma.refund_id.currency_id, rma.refund_id.amount_total) for rma in returns},
            {(self.foreign, foreign_order.amount_total), (self.company.currency_id, home_order.amount_total)},
        )

    def test_returns_of_orders_in_one_currency_still_share_a_credit_note(self):
        returns = (
            self._confirmed_return(self._delivered_order(self.foreign_pricelist))
            | self._confirmed_return(self._delivered_order(self.foreign_pricelist))
        )
        returns.action_refund()
        self.assertEqual(len(returns.refund_id), 1)
        self.assertEqual(returns.refund_id.currency_id, self.foreign)
