from odoo import fields, models

PERSONALIZATION_KINDS = [
    ("text", "Text"),
    ("image", "Image"),
    ("option", "Option"),
    ("font", "Font"),
    ("color", "Colour"),
]


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
