from odoo import fields, models
from odoo.tools import SQL


class CrmCustomerRevenueReport(models.Model):
    """Confirmed orders in the reporting currency, one row per order, on the customer (the commercial partner) and
    the customer's country: revenue by country and month. ``amount`` is ``sale.order.insight_amount``, the order
    total converted at the rate of its date, so that rows of every currency add up."""

    _name = "crm.customer.revenue.report"
    _description = "Customer Revenue Report"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "order_id"
    _depends = {
        "sale.order": ["partner_id", "date_order", "state", "company_id", "insight_amount"],
        "res.partner": ["commercial_partner_id", "country_id", "user_id"],
    }

    order_id = fields.Many2one("sale.order", string="Order", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    country_id = fields.Many2one("res.country", string="Country", readonly=True)
    user_id = fields.Many2one(
        "res.users", string="Salesperson", readonly=True, help="The salesperson the customer is assigned to.",
    )
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    date = fields.Date(string="Order date", readonly=True)
    amount = fields.Float(string="Revenue (reporting currency)", readonly=True, digits=(16, 2), aggregator="sum")

    @property
    def _table_query(self):
        # The customer is the order's commercial partner: metrics and countries are kept there, whichever contact
        # of a company placed the order.
        return SQL(
            """
            SELECT so.id AS id,
                   so.id AS order_id,
                   customer.id AS partner_id,
                   customer.country_id AS country_id,
                   customer.user_id AS user_id,
                   so.company_id AS company_id,
                   so.date_order::date AS date,
                   COALESCE(so.insight_amount, 0) AS amount
              FROM sale_order so
              JOIN res_partner contact ON contact.id = so.partner_id
              JOIN res_partner customer ON customer.id = contact.commercial_partner_id
             WHERE so.state = 'sale'
            """
        )
