from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib.restock import DEFAULT_MIN_FILL_RATE, DEFAULT_MIN_ON_TIME_RATE


class ResCompany(models.Model):
    _inherit = "res.company"

    restock_min_on_time_rate = fields.Float(
        "Minimum On-Time Rate", default=DEFAULT_MIN_ON_TIME_RATE, digits=(3, 2),
        help="A vendor delivering fewer of its receipts on time than this share is flagged as unreliable.")
    restock_min_fill_rate = fields.Float(
        "Minimum Fill Rate", default=DEFAULT_MIN_FILL_RATE, digits=(3, 2),
        help="A vendor delivering less of the quantity ordered than this share is flagged as unreliable.")

    @api.constrains("restock_min_on_time_rate", "restock_min_fill_rate")
    def _check_restock_reliability_limits(self):
        for company in self:
            if not 0 <= company.restock_min_on_time_rate <= 1:
                raise ValidationError(self.env._(
                    "The minimum on-time rate of unreliable vendors must be between 0%% and 100%% (got %(value)s%%).",
                    value=f"{company.restock_min_on_time_rate * 100:g}"))
            if not 0 <= company.restock_min_fill_rate <= 1:
                raise ValidationError(self.env._(
                    "The minimum fill rate of unreliable vendors must be between 0%% and 100%% (got %(value)s%%).",
                    value=f"{company.restock_min_fill_rate * 100:g}"))
