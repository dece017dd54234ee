from odoo import fields, models


class ProductAttributeCustomValue(models.Model):
    _inherit = "product.attribute.custom.value"

    # (owner: core) An image personalisation: the sanitised upload, a private attachment of the order line
    # (res_model 'sale.order.line'), readable by the order's customer and staff only.
    personalization_attachment_id = fields.Many2one("ir.attachment", string="Uploaded Image", copy=False)
