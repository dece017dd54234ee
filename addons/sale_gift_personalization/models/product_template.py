import base64
import io

from PIL import Image

from odoo import api, fields, models

from ..lib.fonts import font_url
from ..lib.layout import area_in_base
from ..lib.proof import BLANK_SIZE


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
    personalization_line_ids = fields.One2many(
        "product.template.attribute.line", "product_tmpl_id",
        string="Personalisation Fields", domain=[("personalization_kind", "!=", False)],
    )

    @api.depends("attribute_line_ids.personalization_kind")
    def _compute_is_personalized(self):
        for template in self:
            template.is_personalized = any(template.attribute_line_ids.mapped("personalization_kind"))

    def _personalization_base_size(self):
        """(width, height) of the base image, read from its header only; the blank canvas's without one."""
        self.ensure_one()
        if not self.personalization_base_image:
            return BLANK_SIZE
        with Image.open(io.BytesIO(base64.b64decode(self.personalization_base_image))) as image:
            return image.size

    def _get_personalization_layout(self):
        """(owner: core) Everything the live preview and the proof renderer need, as plain JSON-able data:

        {'base': {'width', 'height', 'url'}, 'area': {'left', 'top', 'width', 'height'},
         'fields': [{'line_id', 'kind', 'label', 'required', 'max_length', 'charset', 'box': {...},
                     'font_line_id', 'color_line_id', 'condition_value_ids': [ptav ids],
                     'values': [{'ptav_id', 'name', 'price_extra', 'is_custom', 'font', 'color'}],
                     'image': {'formats', 'max_bytes', 'min_width', 'min_height'}}]}
        One source for both sides, so the preview and the proof place things alike.

        Besides: 'base.url' is False without a base image (draw on a white canvas of base width x height);
        'fields[].box' is in percent of the area and 'fields[].box_px' the same box in pixels of the base image
        (text: the largest size whose ink fits, centred; image: fitted inside, aspect kept, centred — see
        lib/layout.py); 'values[].font_url' is where the preview loads the value's font; 'fonts' maps every font key
        to its URL.
        """
        self.ensure_one()
        width, height = self._personalization_base_size()
        area = area_in_base(width, height, (
            self.personalization_area_left, self.personalization_area_top,
            self.personalization_area_width, self.personalization_area_height,
        ))
        fields_data = [line._personalization_field_layout(area) for line in self._personalization_lines()]
        return {
            "base": {
                "width": width,
                "height": height,
                "url": self.personalization_base_image
                and f"/web/image/product.template/{self.id}/personalization_base_image",
            },
            "area": dict(zip(("left", "top", "width", "height"), area, strict=True)),
            "fields": fields_data,
            "fonts": {key: font_url(key) for key, _label in self.env["product.attribute.value"]._fields[
                "personalization_font"].selection},
        }

    def _personalization_lines(self):
        """The personalisation fields in their order on the product."""
        self.ensure_one()
        return self.attribute_line_ids.filtered("personalization_kind").sorted(lambda line: (line.sequence, line.id))

