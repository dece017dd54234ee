from odoo import api, fields, models


class ProductAttributeCustomValue(models.Model):
    _inherit = "product.attribute.custom.value"

    # (owner: core) An image personalisation: the sanitised upload, a private attachment of the order line
    # (res_model 'sale.order.line'), readable by the order's customer and staff only.
    personalization_attachment_id = fields.Many2one("ir.attachment", string="Uploaded Image", copy=False)

    def _personalization_text_line(self, ptav_id):
        ptav = self.env["product.template.attribute.value"].browse(ptav_id)
        return ptav.attribute_line_id if ptav.attribute_line_id.personalization_kind == "text" else None

    @api.model_create_multi
    def create(self, vals_list):
        # Whatever the path (shop, backend configurator, API), a personalised text is validated and normalised here.
        for vals in vals_list:
            text_line = self._personalization_text_line(vals.get("custom_product_template_attribute_value_id"))
            if text_line and vals.get("custom_value"):
                vals["custom_value"] = text_line._personalization_clean_text(vals["custom_value"])
        return super().create(vals_list)

    def write(self, vals):
        if not vals.get("custom_value"):
            result = super().write(vals)
        else:
            result = True
            for attribute_line, customs in self.grouped(
                lambda custom: custom.custom_product_template_attribute_value_id.attribute_line_id
            ).items():
                values = vals
                if attribute_line.personalization_kind == "text":
                    values = {**vals, "custom_value": attribute_line._personalization_clean_text(vals["custom_value"])}
                result &= super(ProductAttributeCustomValue, customs).write(values)
        if ("custom_value" in vals or "personalization_attachment_id" in vals) and not self.env.context.get(
            "personalization_skip_proof"
        ):
            self.sale_order_line_id.filtered("is_personalized")._personalization_render_proof()
        return result
