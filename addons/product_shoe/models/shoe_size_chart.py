from odoo import api, fields, models, tools
from odoo.exceptions import UserError

from ..lib.sizes import DEFAULT_CHART, SIZE_SYSTEMS, SizeError, format_size, merge_charts
from ..lib.sizes import convert_size as convert_size_on_chart
from ..lib.sizes import foot_length_to_size as foot_length_to_size_on_chart
from ..lib.sizes import size_to_foot_length as size_to_foot_length_on_chart


class ShoeSizeChart(models.Model):
    _name = "shoe.size.chart"
    _inherit = ["shoe.cached.mixin"]
    _description = "Shoe size chart"
    _order = "brand_id desc, name"

    name = fields.Char(required=True, translate=True)
    brand_id = fields.Many2one(
        "shoe.brand",
        ondelete="cascade",
        index=True,
        help="Leave empty for the default chart; a brand's chart overrides the default rows of the same EU size.",
    )
    line_ids = fields.One2many("shoe.size.chart.line", "chart_id", string="Sizes", copy=True)
    active = fields.Boolean(default=True)

    _brand_unique = models.UniqueIndex("(brand_id) WHERE active", "A brand has a single size chart.")
    _default_unique = models.UniqueIndex(
        "((brand_id IS NULL)) WHERE brand_id IS NULL AND active", "There is a single default size chart."
    )

    @api.model
    def _check_size_system(self, system):
        if system not in SIZE_SYSTEMS:
            raise UserError(self.env._("Unknown size system: %(system)s.", system=system))
        return system

    def _to_rows(self):
        return tuple(line._to_row() for line in self.line_ids)

    @api.model
    def _get_chart(self, brand=None):
        """Lib chart for a brand: the default chart (as stored, or the built-in one) with the brand's rows over it."""
        return self._get_chart_rows(brand.id if brand else False)

    @api.model
    @tools.ormcache("brand_id")
    def _get_chart_rows(self, brand_id):
        # Cached: every product page and size guide reads it, product managers rarely change it.
        charts = self.sudo().search([("brand_id", "in", [False, brand_id])])
        default = charts.filtered(lambda chart: not chart.brand_id)
        rows = default._to_rows() if default.line_ids else DEFAULT_CHART
        brand_chart = charts - default
        return merge_charts(rows, brand_chart._to_rows()) if brand_chart else rows

    @api.model
    def _system_label(self, system):
        labels = dict(self.env["shoe.size.chart.line"]._fields["size_system"]._description_selection(self.env))
        return labels.get(system, system)

    @api.model
    def _size_error(self, system, size, brand):
        return UserError(
            self.env._(
                "Size %(size)s (%(system)s) is not on the size chart of %(brand)s.",
                size=size,
                system=self._system_label(system),
                brand=brand.name if brand else self.env._("the default chart"),
            )
        )

    @api.model
    def size_to_foot_length(self, system, size, brand=None):
        """Foot length (mm) that a size fits, on the brand's chart."""
        self._check_size_system(system)
        try:
            return size_to_foot_length_on_chart(system, size, self._get_chart(brand))
        except SizeError:
            raise self._size_error(system, size, brand) from None

    @api.model
    def convert_size(self, size, from_system, to_system, brand=None):
        """The same shoe labelled in another size system, on the brand's chart."""
        self._check_size_system(from_system)
        self._check_size_system(to_system)
        try:
            return convert_size_on_chart(size, from_system, to_system, self._get_chart(brand))
        except SizeError:
            raise self._size_error(from_system, size, brand) from None

    @api.model
    def recommend_size(self, foot_length_mm, system, brand=None):
        """Size label to buy for a foot length, on the brand's chart."""
        self._check_size_system(system)
        try:
            foot_length = float(foot_length_mm)
        except (TypeError, ValueError):
            foot_length = -1.0
        try:
            return format_size(foot_length_to_size_on_chart(system, foot_length, self._get_chart(brand)))
        except SizeError:
            raise UserError(
                self.env._(
                    "No size fits a foot of %(length)s mm on this chart: measure from heel to longest toe "
                    "(usually 200 to 310 mm).",
                    length=str(foot_length_mm)[:20],
                )
            ) from None

    @api.model
    def _line_commands(self, rows, foot_length=None):
        """Commands creating chart lines from published rows; ``foot_length`` maps a row's foot length (mm) for a brand
        that runs small or large."""
        return [
            fields.Command.create(
                {
                    "foot_length_mm": foot_length(row.foot_mm) if foot_length else row.foot_mm,
                    "size_eu": row.sizes["eu"],
                    "size_uk": row.sizes["uk"],
                    "size_us_men": row.sizes["us_men"],
                    "size_us_women": row.sizes["us_women"],
                    "size_jp": row.sizes["jp"],
                }
            )
            for row in rows
        ]

    def action_load_default_rows(self):
        """Fill an empty chart with the built-in published rows, to be adjusted by hand."""
        for chart in self.filtered(lambda chart: not chart.line_ids):
            chart.line_ids = self._line_commands(DEFAULT_CHART)
