from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # One currency for every customer's metrics, whatever company or currency they buy in (owner: core). Read it
    # with ``res.partner._insight_reporting_currency()``, never from the parameter directly.
    insight_reporting_currency_id = fields.Many2one(
        "res.currency",
        string="CRM reporting currency",
        config_parameter="crm_customer_insight.reporting_currency_id",
        help="Lifetime value, average order and every CRM report are converted into this currency at the rate of "
        "each order's date.",
    )

    def set_values(self):
        partners = self.env["res.partner"]
        before = partners._insight_reporting_currency()
        result = super().set_values()
        if partners._insight_reporting_currency() != before:
            partners._insight_schedule_reconversion()
        return result
