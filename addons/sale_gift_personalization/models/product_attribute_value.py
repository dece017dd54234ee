from odoo import fields, models

from ..lib.fonts import FONT_SELECTION


class ProductAttributeValue(models.Model):
    _inherit = "product.attribute.value"

    # (owner: core) For the values of a 'font' personalisation line: which bundled font the preview and the proof use.
    personalization_font = fields.Selection(FONT_SELECTION, string="Font")
