from odoo import fields, models

from ..lib.sizes import SIZE_SYSTEM_SELECTION


class ProductAttribute(models.Model):
    _inherit = "product.attribute"

    shoe_size_system = fields.Selection(
        SIZE_SYSTEM_SELECTION,
        string="Shoe size system",
        help="Marks this attribute as a shoe size: its values are sizes of this system, each with a foot length.",
    )

    _shoe_size_system_unique = models.UniqueIndex(
        "(shoe_size_system) WHERE shoe_size_system IS NOT NULL AND active",
        "A size system is carried by a single attribute.",
    )
