import base64

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib.fonts import font_url
from ..lib.images import FORMATS, ImageRefused, parse_formats, sanitize_image
from ..lib.layout import box_to_pixels
from ..lib.text import normalize_text, text_error

PERSONALIZATION_KINDS = [
    ("text", "Text"),
    ("image", "Image"),
    ("option", "Option"),
    ("font", "Font"),
    ("color", "Colour"),
]
# Pixels an upload may have (header checked before decoding): 25 Mpx is a 5000 x 5000 photo, more than any print.
IMAGE_MAX_PIXELS = 25_000_000


class ProductTemplateAttributeLine(models.Model):
    """A personalisation field is an attribute line of the product whose attribute does not create variants.

    Odoo already prices its values (``price_extra``, in every pricelist currency), keeps the customer's free text
    (``is_custom`` values -> ``product.attribute.custom.value`` on the order line), never merges two lines with
    custom values, and writes both into the order line's description (mail, portal, picking, reports).
    This model adds what a personalisation needs on top: its kind, its rules and its place on the preview.
    (owner: core; web reads them through ``product.template._get_personalization_layout``)
    """

    _inherit = "product.template.attribute.line"

    personalization_kind = fields.Selection(
        PERSONALIZATION_KINDS,
        string="Personalisation Kind",
        help="Empty: an ordinary attribute. Text/Image: the customer types a text or uploads an image into the "
        "attribute's custom value. Option: a priced choice (gift wrap, box, card). Font/Colour: the style of a "
        "text field.",
    )
    personalization_required = fields.Boolean(string="Required")
    personalization_max_length = fields.Integer(string="Maximum Length", default=30)
    personalization_charset = fields.Selection(
        [
            ("latin", "Latin letters, digits and punctuation"),
            ("letters", "Letters of any language, digits and punctuation"),
            ("digits", "Digits only"),
        ],
        string="Allowed Characters",
        default="letters",
    )
    personalization_font_line_id = fields.Many2one(
        "product.template.attribute.line",
        string="Font Choices",
        domain="[('product_tmpl_id', '=', product_tmpl_id), ('personalization_kind', '=', 'font')]",
        help="For a text field: the attribute line whose values are the fonts the customer may choose.",
    )
    personalization_color_line_id = fields.Many2one(
        "product.template.attribute.line",
        string="Colour Choices",
        domain="[('product_tmpl_id', '=', product_tmpl_id), ('personalization_kind', '=', 'color')]",
        help="For a text field: the attribute line whose values (with their HTML colour) the customer may choose.",
    )
    # Where a text or an image goes, in percent of the product's print area (0-100).
    personalization_box_left = fields.Float(string="Left (%)")
    personalization_box_top = fields.Float(string="Top (%)")
    personalization_box_width = fields.Float(string="Width (%)", default=100.0)
    personalization_box_height = fields.Float(string="Height (%)", default=100.0)
    personalization_image_formats = fields.Char(
        string="Accepted Formats", default="png,jpeg,webp", help="Comma-separated: png, jpeg, webp."
    )
    personalization_image_max_bytes = fields.Integer(string="Maximum File Size (bytes)", default=5 * 1024 * 1024)
    personalization_image_min_width = fields.Integer(string="Minimum Width (px)", default=300)
    personalization_image_min_height = fields.Integer(string="Minimum Height (px)", default=300)
    personalization_condition_value_ids = fields.Many2many(
        "product.template.attribute.value",
        "ptal_personalization_condition_rel",
        string="Only When",
        help="Shown and checked only when the customer chose one of these values (e.g. the card message only when "
        "a greeting card is chosen). Empty: always.",
    )

    _personalization_box_in_area = models.Constraint(
        "CHECK (personalization_box_left BETWEEN 0 AND 100 AND personalization_box_top BETWEEN 0 AND 100 "
        "AND personalization_box_width BETWEEN 0 AND 100 AND personalization_box_height BETWEEN 0 AND 100 "
        "AND personalization_box_left + personalization_box_width <= 100.0001 "
        "AND personalization_box_top + personalization_box_height <= 100.0001)",
        "A personalisation box is given in percent of the print area: between 0 and 100, and inside the area.",
    )
    _personalization_limits_positive = models.Constraint(
        "CHECK (personalization_max_length >= 0 AND personalization_image_max_bytes >= 0 "
        "AND personalization_image_min_width >= 0 AND personalization_image_min_height >= 0)",
        "Personalisation limits (length, file size, resolution) cannot be negative.",
    )

    @api.constrains(
        "personalization_kind", "attribute_id", "value_ids", "personalization_image_formats",
        "personalization_font_line_id", "personalization_color_line_id", "personalization_condition_value_ids",
    )
    def _check_personalization(self):
        for line in self.filtered("personalization_kind"):
            name = line.attribute_id.name
            if line.attribute_id.create_variant != "no_variant":
                raise ValidationError(self.env._(
                    "The personalisation field %(name)s needs an attribute that does not create variants "
                    "(Variants Creation Mode: Never).", name=name))
            if line.personalization_kind in ("text", "image") and not line.value_ids.filtered("is_custom"):
                raise ValidationError(self.env._(
                    "The text or image field %(name)s needs a value marked 'Free text' (is custom) to hold what "
                    "the customer enters.", name=name))
            if line.personalization_kind == "image":
                formats = [item.strip().lower() for item in (line.personalization_image_formats or "").split(",")
                           if item.strip()]
                if not formats or any(item not in FORMATS and item != "jpg" for item in formats):
                    raise ValidationError(self.env._(
                        "The accepted formats of %(name)s must be a comma-separated list of png, jpeg and webp.",
                        name=name))
            for style_line, kind in ((line.personalization_font_line_id, "font"),
                                     (line.personalization_color_line_id, "color")):
                if style_line and (style_line.product_tmpl_id != line.product_tmpl_id
                                   or style_line.personalization_kind != kind):
                    raise ValidationError(self.env._(
                        "The font and colour choices of %(name)s must be a font or colour field of the same product.",
                        name=name))
            if line.personalization_condition_value_ids.product_tmpl_id - line.product_tmpl_id:
                raise ValidationError(self.env._(
                    "The condition of %(name)s must use values of the same product.", name=name))

    def _personalization_image_formats(self):
        self.ensure_one()
        return parse_formats(self.personalization_image_formats)

    def _personalization_field_layout(self, area):
        """This field's entry in product.template._get_personalization_layout."""
        self.ensure_one()
        box = (self.personalization_box_left, self.personalization_box_top,
               self.personalization_box_width, self.personalization_box_height)
        return {
            "line_id": self.id,
            "kind": self.personalization_kind,
            "label": self.attribute_id.name,
            "required": self.personalization_required,
            "max_length": self.personalization_max_length,
            "charset": self.personalization_charset,
            "box": dict(zip(("left", "top", "width", "height"), box, strict=True)),
            "box_px": dict(zip(("left", "top", "width", "height"), box_to_pixels(area, box), strict=True)),
            "font_line_id": self.personalization_font_line_id.id or False,
            "color_line_id": self.personalization_color_line_id.id or False,
            "condition_value_ids": self.personalization_condition_value_ids.ids,
            "display_type": self.attribute_id.display_type,
            "values": [
                {
                    "ptav_id": ptav.id,
                    "name": ptav.name,
                    "price_extra": ptav.price_extra,
                    "is_custom": ptav.is_custom,
                    "font": ptav.product_attribute_value_id.personalization_font or False,
                    "font_url": bool(ptav.product_attribute_value_id.personalization_font)
                    and font_url(ptav.product_attribute_value_id.personalization_font),
                    "color": ptav.html_color or False,
                }
                for ptav in self.product_template_value_ids.filtered("ptav_active")
            ],
            "image": {
                "formats": self._personalization_image_formats(),
                "max_bytes": self.personalization_image_max_bytes,
                "min_width": self.personalization_image_min_width,
                "min_height": self.personalization_image_min_height,
            },
        }

    def _personalization_clean_text(self, value):
        """The customer's text for this text field, normalised, or a ValidationError saying what to change."""
        self.ensure_one()
        text = normalize_text(value)
        error = text_error(text, self.personalization_max_length, self.personalization_charset or "letters")
        if not error:
            return text
        reason, char = error
        name = self.attribute_id.name
        if reason == "length":
            message = self.env._("%(name)s: at most %(max)s characters.", name=name,
                                 max=self.personalization_max_length)
        elif reason in ("control", "bidi"):
            message = self.env._("%(name)s: invisible control characters are not allowed.", name=name)
        elif self.personalization_charset == "digits":
            message = self.env._("%(name)s: digits only (0-9).", name=name)
        elif self.personalization_charset == "latin":
            message = self.env._("%(name)s: the character “%(char)s” is not allowed; use Latin letters, digits "
                                 "and punctuation.", name=name, char=char)
        else:
            message = self.env._("%(name)s: the character “%(char)s” is not allowed; use letters, digits and "
                                 "punctuation.", name=name, char=char)
        raise ValidationError(message)

    def _personalization_clean_image(self, data):
        """The upload for this image field, sanitised (lib/images.py), or a ValidationError saying why not.

        :param bytes data: the raw upload (base64 strings are decoded)
        :rtype: lib.images.CleanImage
        """
        self.ensure_one()
        if isinstance(data, str):
            data = base64.b64decode(data)
        formats = self._personalization_image_formats()
        try:
            return sanitize_image(
                data, formats, max_bytes=self.personalization_image_max_bytes, max_pixels=IMAGE_MAX_PIXELS,
                min_width=self.personalization_image_min_width, min_height=self.personalization_image_min_height,
            )
        except ImageRefused as refusal:
            name = self.attribute_id.name
            params = refusal.params
            messages = {
                "size": lambda: self.env._("%(name)s: the file is larger than %(max)s MB.", name=name,
                                           max=round(self.personalization_image_max_bytes / 1048576, 1)),
                "format": lambda: self.env._("%(name)s: the file is not an image in an accepted format (%(formats)s).",
                                             name=name, formats=", ".join(f.upper() for f in formats)),
                "pixels": lambda: self.env._("%(name)s: the image has too many pixels (at most %(max)s megapixels).",
                                             name=name, max=params["max_pixels"] // 1_000_000),
                "resolution": lambda: self.env._(
                    "%(name)s: the image is %(width)s × %(height)s pixels; at least %(min_width)s × %(min_height)s "
                    "are needed for a sharp print.", name=name, width=params["width"], height=params["height"],
                    min_width=params["min_width"], min_height=params["min_height"]),
                "corrupt": lambda: self.env._("%(name)s: the image cannot be read; it may be damaged.", name=name),
            }
            raise ValidationError(messages[refusal.reason]()) from None
