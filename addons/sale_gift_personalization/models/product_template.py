from odoo import api, fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    # (owner: core)
    personalization_base_image = fields.Image(
        string="Preview Base Image", max_width=2000, max_height=2000,
        help="The picture the preview and the proof draw on (e.g. the mug seen from the front).",
    )
    # The print area, in pixels of the base image.
    personalization_area_left = fields.Integer(string="Print Area Left (px)")
    personalization_area_top = fields.Integer(string="Print Area Top (px)")
    personalization_area_width = fields.Integer(string="Print Area Width (px)")
    personalization_area_height = fields.Integer(string="Print Area Height (px)")
    is_personalized = fields.Boolean(
        string="Personalised", compute="_compute_is_personalized", store=True,
        help="Has at least one personalisation field (an attribute line with a personalisation kind).",
    )

    @api.depends("attribute_line_ids.personalization_kind")
    def _compute_is_personalized(self):
        for template in self:
            template.is_personalized = any(template.attribute_line_ids.mapped("personalization_kind"))

    def _get_personalization_layout(self):
        """(owner: core) Everything the live preview and the proof renderer need, as plain JSON-able data:

        {'base': {'width', 'height', 'url'}, 'area': {'left', 'top', 'width', 'height'},
         'fields': [{'line_id', 'kind', 'label', 'required', 'max_length', 'charset', 'box': {...},
                     'font_line_id', 'color_line_id', 'condition_value_ids': [ptav ids],
                     'values': [{'ptav_id', 'name', 'price_extra', 'is_custom', 'font', 'color'}],
                     'image': {'formats', 'max_bytes', 'min_width', 'min_height'}}]}
        One source for both sides, so the preview and the proof place things alike.
        """
        self.ensure_one()
        raise NotImplementedError
