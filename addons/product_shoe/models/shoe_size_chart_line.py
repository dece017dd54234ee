from odoo import fields, models

from ..lib.sizes import SIZE_SYSTEM_SELECTION, make_row


class ShoeSizeChartLine(models.Model):
    _name = "shoe.size.chart.line"
    _inherit = ["shoe.cached.mixin"]
    _description = "Shoe size chart row"
    _order = "chart_id, foot_length_mm, size_eu"

    chart_id = fields.Many2one("shoe.size.chart", required=True, ondelete="cascade", index=True)
    foot_length_mm = fields.Integer("Foot length (mm)", required=True)
    size_eu = fields.Float("EU", required=True, digits=(4, 1))
    size_uk = fields.Float("UK", required=True, digits=(4, 1))
    size_us_men = fields.Float("US men", required=True, digits=(4, 1))
    size_us_women = fields.Float("US women", required=True, digits=(4, 1))
    size_jp = fields.Float("JP (cm)", required=True, digits=(4, 1))
    # Only carries the translatable labels of the size systems, shared by every model that names a system.
    size_system = fields.Selection(SIZE_SYSTEM_SELECTION, store=False, compute="_compute_size_system")

    _foot_length_positive = models.Constraint(
        "CHECK (foot_length_mm > 0 AND foot_length_mm < 500)", "A foot length is between 1 and 499 mm."
    )
    _sizes_positive = models.Constraint(
        "CHECK (size_eu > 0 AND size_uk > 0 AND size_us_men > 0 AND size_us_women > 0 AND size_jp > 0)",
        "Sizes are positive numbers.",
    )
    _eu_unique = models.Constraint("UNIQUE (chart_id, size_eu)", "An EU size appears once per chart.")

    def _compute_size_system(self):
        self.size_system = False

    def _to_row(self):
        self.ensure_one()
        return make_row(
            self.foot_length_mm, self.size_eu, self.size_uk, self.size_us_men, self.size_us_women, self.size_jp
        )
