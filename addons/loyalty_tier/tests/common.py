from datetime import date, datetime

from freezegun import freeze_time

from odoo.fields import Command

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

DAY_1 = date(2026, 3, 10)  # 1 EUR = 1.10 USD = 26,000 VND
DAY_2 = date(2026, 5, 20)  # 1 EUR = 1.25 USD = 28,000 VND


class LoyaltyPointsCommon(AccountTestInvoicingCommon):
    """A EUR company with a loyalty program (1 point per EUR of value), orders in EUR, USD and VND."""

    @classmethod
    def setup_independent_company(cls, **kwargs):
        eur = cls.env.ref("base.EUR")
        eur.active = True
        return super().setup_independent_company(currency_id=eur.id, **kwargs)

    @classmethod
    def get_default_groups(cls):
        return super().get_default_groups() | cls.quick_ref("sales_team.group_sale_manager")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.env["loyalty.program"].search([]).write({"active": False})
        cls.eur = cls.env.company.currency_id
        cls.usd = cls.setup_other_currency("USD", rates=[(DAY_1, 1.10), (DAY_2, 1.25)])
        cls.vnd = cls.setup_other_currency("VND", rates=[(DAY_1, 26000.0), (DAY_2, 28000.0)])
        cls.pricelists = {
            currency: cls.env["product.pricelist"].create({"name": f"Club {currency.name}", "currency_id": currency.id})
            for currency in (cls.eur, cls.usd, cls.vnd)
        }
        cls.shoe = cls.env["product.product"].create(
            {"name": "Trail Runner 42", "list_price": 100.0, "invoice_policy": "order", "taxes_id": [Command.clear()]}
        )
        cls.customer = cls.env["res.partner"].create({"name": "Loyal Lan", "email": "lan@example.com"})
        cls.program = cls.env["loyalty.program"].create(
            {
                "name": "Stride Club",
                "program_type": "loyalty",
                "trigger": "auto",
                "applies_on": "both",
                "portal_point_name": "Points",
                "points_validity_days": 365,
                "rule_ids": [Command.create({"reward_point_mode": "money", "reward_point_amount": 1.0})],
                "reward_ids": [
                    Command.create(
                        {
                            "reward_type": "discount",
                            "discount_mode": "per_point",
                            "discount": 1.0,
                            "required_points": 1.0,
                            "discount_applicability": "order",
                        }
                    )
                ],
            }
        )

    def setUp(self):
        super().setUp()
        # After every scenario, every card of the program: balance = sum of the history (runs before the rollback).
        self.addCleanup(self._check_every_card)

    def _check_every_card(self):
        for card in self.env["loyalty.card"].search([("program_id", "=", self.program.id)]):
            self.assertBalanceIsHistory(card)

    # --- helpers --------------------------------------------------------------------------------------
    def _order(self, price=100.0, qty=1, currency=None, partner=None):
        return self.env["sale.order"].create(
            {
                "partner_id": (partner or self.customer).id,
                "pricelist_id": self.pricelists[currency or self.eur].id,
                "order_line": [
                    Command.create({"product_id": self.shoe.id, "product_uom_qty": qty, "price_unit": price})
                ],
            }
        )

    def _confirm(self, order, day=DAY_1):
        with freeze_time(datetime.combine(day, datetime.min.time().replace(hour=10))):
            order.action_confirm()
        return order

    def _card(self, partner=None, program=None):
        return self.env["loyalty.card"].search(
            [("partner_id", "=", (partner or self.customer).id), ("program_id", "=", (program or self.program).id)]
        )

    def _lines(self, order, kind=None):
        domain = [("order_model", "=", "sale.order"), ("order_id", "=", order.id)]
        if kind:
            domain.append(("entry_kind", "=", kind))
        return self.env["loyalty.history"].search(domain)

    def _invoice(self, order, day=DAY_1):
        with freeze_time(day):
            invoice = order._create_invoices()
            invoice.action_post()
        return invoice

    def _pay(self, invoice, day=DAY_1, user=None):
        with freeze_time(day):
            self.env["account.payment.register"].with_user(user or self.env.user).with_context(
                active_model="account.move", active_ids=invoice.ids
            ).create({"payment_date": day})._create_payments()

    def _refund(self, invoice, qty=None, day=DAY_2):
        """Post a credit note of the invoice, for ``qty`` units of its line (all when None)."""
        with freeze_time(day):
            refund = invoice._reverse_moves([{"invoice_date": day, "ref": "refund"}])
            if qty is not None:
                refund.invoice_line_ids.filtered("product_id").quantity = qty
            refund.action_post()
        return refund

    def assertBalanceIsHistory(self, card):
        """The balance always equals the sum of the history (issued - used), and what remains of the lots."""
        card.invalidate_recordset()
        history = card.history_ids
        self.assertAlmostEqual(card.points, sum(history.mapped("issued")) - sum(history.mapped("used")), places=2)
        if card.points >= 0:
            self.assertAlmostEqual(card.points, sum(history.mapped("points_remaining")), places=2)
