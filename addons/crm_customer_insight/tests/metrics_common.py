from datetime import date, datetime

from freezegun import freeze_time

from odoo.fields import Command

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

DAY_1 = date(2026, 1, 15)  # rates of 2026-01-10: 1 EUR = 1.10 USD = 27,500 VND
DAY_2 = date(2026, 3, 5)  # rates of 2026-03-01: 1 EUR = 1.25 USD = 30,000 VND
DAY_3 = date(2026, 3, 10)  # the refunds' day, same rates as DAY_2


class InsightMetricsCommon(AccountTestInvoicingCommon):
    """A EUR company selling in EUR, USD and VND, the reporting currency EUR, a customer and a product."""

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
        cls.eur = cls.env.company.currency_id
        cls.eur.sudo().rate_ids.unlink()
        cls.usd = cls.setup_other_currency("USD", rates=[("2026-01-10", 1.10), ("2026-03-01", 1.25)])
        cls.vnd = cls.setup_other_currency("VND", rates=[("2026-01-10", 27500.0), ("2026-03-01", 30000.0)])
        cls.set_reporting_currency(cls.eur)
        cls.pricelists = {
            currency: cls.env["product.pricelist"].create({"name": f"Shop {currency.name}", "currency_id": currency.id})
            for currency in (cls.eur, cls.usd, cls.vnd)
        }
        cls.shoe = cls.env["product.product"].create(
            {"name": "Trail Runner 42", "list_price": 100.0, "invoice_policy": "order", "taxes_id": [Command.clear()]}
        )
        cls.customer = cls.env["res.partner"].create({"name": "Lan Nguyen", "email": "lan@example.com"})

    @classmethod
    def set_reporting_currency(cls, currency):
        cls.env["ir.config_parameter"].sudo().set_param("crm_customer_insight.reporting_currency_id", currency.id)

    @classmethod
    def _order(cls, price, qty=1, currency=None, partner=None):
        return cls.env["sale.order"].create({
            "partner_id": (partner or cls.customer).id,
            "pricelist_id": cls.pricelists[currency or cls.eur].id,
            "order_line": [Command.create({"product_id": cls.shoe.id, "product_uom_qty": qty, "price_unit": price})],
        })

    def _confirm(self, order, day=DAY_1):
        with freeze_time(datetime.combine(day, datetime.min.time().replace(hour=10))):
            order.action_confirm()
        return order

    def _refund(self, order, qty, day=DAY_3):
        """Invoice the order, then post a credit note for ``qty`` units of its line on ``day``."""
        with freeze_time(day):
            invoice = order._create_invoices()
            invoice.action_post()
            refund = invoice._reverse_moves([{"invoice_date": day, "ref": "refund"}])
            refund.invoice_line_ids.filtered("product_id").quantity = qty
            refund.action_post()
        return refund

    def assertMetrics(self, partner, lifetime_value, order_count, average_order, first, last, days_between):
        partner.invalidate_recordset()
        self.assertRecordValues(partner, [{
            "insight_lifetime_value": lifetime_value,
            "insight_order_count": order_count,
            "insight_average_order": average_order,
            "insight_first_order_date": first,
            "insight_last_order_date": last,
            "insight_average_days_between": days_between,
        }])
