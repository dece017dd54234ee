from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib.sizes import SizeError, parse_size, size_to_foot_length


class ProductAttributeValue(models.Model):
    _inherit = "product.attribute.value"

    shoe_size_system = fields.Selection(related="attribute_id.shoe_size_system")
    shoe_foot_length_mm = fields.Integer(
        "Foot length (mm)",
        compute="_compute_shoe_foot_length_mm",
        store=True,
        readonly=False,
        help="Canonical measure behind a size value, from the default size chart unless set by hand.",
    )
    shoe_size = fields.Float("Size number", compute="_compute_shoe_size", store=True, digits=(4, 1))

    @api.depends("name", "attribute_id.shoe_size_system")
    def _compute_shoe_size(self):
        for value in self:
            try:
                value.shoe_size = parse_size(value.name) if value.attribute_id.shoe_size_system else 0.0
            except SizeError:
                value.shoe_size = 0.0

    @api.depends("shoe_size", "attribute_id.shoe_size_system")
    def _compute_shoe_foot_length_mm(self):
        chart = self.env["shoe.size.chart"]._get_chart()
        for value in self:
            system = value.attribute_id.shoe_size_system
            try:
                value.shoe_foot_length_mm = size_to_foot_length(system, value.shoe_size, chart) if system else 0
            except SizeError:
                value.shoe_foot_length_mm = value.shoe_foot_length_mm or 0

    @api.constrains("name", "attribute_id")
    def _check_shoe_size_name(self):
        for value in self.filtered("attribute_id.shoe_size_system"):
            try:
                parse_size(value.name)
            except SizeError:
                raise ValidationError(
                    self.env._(
                        "%(value)s is not a shoe size: the values of %(attribute)s are numbers such as 42 or 8.5.",
                        value=value.name,
                        attribute=value.attribute_id.name,
                    )
                ) from None
