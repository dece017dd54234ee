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
    # While the figures are being converted after a change: how many customers are left, and the currency their
    # figures are still in (none on the first computation at install).
    insight_reconversion_left = fields.Integer(
        string="Customers left to convert", compute="_compute_insight_reconversion",
    )
    insight_reconversion_from_currency_id = fields.Many2one(
        "res.currency", string="Converting from", compute="_compute_insight_reconversion",
    )

    def _compute_insight_reconversion(self):
        partners = self.env["res.partner"]
        converted_up_to, former = partners._insight_reconversion_progress()
        left = len(partners._insight_customer_ids(after_id=converted_up_to)) if converted_up_to is not None else 0
        for settings in self:
            settings.insight_reconversion_left = left
            settings.insight_reconversion_from_currency_id = former

    def set_values(self):
        partners = self.env["res.partner"]
        before = partners._insight_reporting_currency()
        result = super().set_values()
        if partners._insight_reporting_currency() != before:
            partners._insight_schedule_reconversion(former=before)
        return result
