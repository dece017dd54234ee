"""Reusable fixtures of gift personalisation (imported by website_sale_gift_personalization's tests too).

``PersonalizationCase.setUpClass`` builds, without demo data:
- attributes (all 'no_variant'): Engraving (one 'is_custom' value), Font (Sans, Script), Ink colour (Black, Gold with
  html_color), Photo (one 'is_custom' value), Gift options (multi checkboxes: Gift wrap +3, Gift box +5),
  Greeting card ('No card', 'With a message' +2 is_custom);
- ``cls.keyring``: engraved keyring, a required Engraving text (20 characters, any letters) with its Font and Ink
  colour fields, a 400 x 200 base image with a print area;
- ``cls.mug``: printed mug, a required Photo (min 300 x 300), an optional Engraving, Gift options, and a required
  Greeting card message only when the Gift box is chosen.
``cls.ptav(template, value_name)`` finds a product.template.attribute.value, ``cls.ptal(template, attribute)`` a
line; ``cls._order_line(template, values, texts)`` builds a quotation with one personalised line the way the shop
does (no-variant values + custom values); ``make_image`` makes image bytes.
"""

import base64
import io

from PIL import Image

from odoo.tests import TransactionCase


def make_image(width=400, height=400, fmt="PNG", color=(200, 30, 30), **save_args):
    """Image bytes of one colour, in PNG, JPEG or WEBP."""
    output = io.BytesIO()
    Image.new("RGB", (width, height), color).save(output, fmt, **save_args)
    return output.getvalue()


class PersonalizationCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        Attribute = cls.env["product.attribute"]
        cls.attr_engraving = Attribute.create({
            "name": "Engraving", "create_variant": "no_variant",
            "value_ids": [(0, 0, {"name": "Engraving text", "is_custom": True})],
        })
        cls.attr_font = Attribute.create({
            "name": "Font", "create_variant": "no_variant", "display_type": "pills",
            "value_ids": [
                (0, 0, {"name": "Sans", "personalization_font": "sans"}),
                (0, 0, {"name": "Script", "personalization_font": "script"}),
            ],
        })
        cls.attr_ink = Attribute.create({
            "name": "Ink colour", "create_variant": "no_variant", "display_type": "color",
            "value_ids": [
                (0, 0, {"name": "Black", "html_color": "#000000"}),
                (0, 0, {"name": "Gold", "html_color": "#d4af37"}),
            ],
        })
        cls.attr_photo = Attribute.create({
            "name": "Photo", "create_variant": "no_variant",
            "value_ids": [(0, 0, {"name": "Your photo", "is_custom": True})],
        })
        cls.attr_gift = Attribute.create({
            "name": "Gift options", "create_variant": "no_variant", "display_type": "multi",
            "value_ids": [
                (0, 0, {"name": "Gift wrap", "default_extra_price": 3.0}),
                (0, 0, {"name": "Gift box", "default_extra_price": 5.0}),
            ],
        })
        cls.attr_card = Attribute.create({
            "name": "Greeting card", "create_variant": "no_variant",
            "value_ids": [
                (0, 0, {"name": "No card"}),
                (0, 0, {"name": "With a message", "is_custom": True, "default_extra_price": 2.0}),
            ],
        })
        cls.keyring = cls.env["product.template"].create({
            "name": "Engraved Keyring",
            "list_price": 12.0,
            "type": "consu",
            "personalization_base_image": base64.b64encode(make_image(400, 200, color=(180, 180, 190))),
            "personalization_area_left": 100,
            "personalization_area_top": 50,
            "personalization_area_width": 200,
            "personalization_area_height": 100,
            "attribute_line_ids": [
                (0, 0, {"attribute_id": cls.attr_font.id, "value_ids": [(6, 0, cls.attr_font.value_ids.ids)],
                        "personalization_kind": "font", "sequence": 20}),
                (0, 0, {"attribute_id": cls.attr_ink.id, "value_ids": [(6, 0, cls.attr_ink.value_ids.ids)],
                        "personalization_kind": "color", "sequence": 30}),
                (0, 0, {"attribute_id": cls.attr_engraving.id,
                        "value_ids": [(6, 0, cls.attr_engraving.value_ids.ids)],
                        "personalization_kind": "text", "personalization_required": True,
                        "personalization_max_length": 20, "sequence": 10,
                        "personalization_box_left": 10, "personalization_box_top": 20,
                        "personalization_box_width": 80, "personalization_box_height": 60}),
            ],
        })
        engraving = cls.ptal(cls.keyring, cls.attr_engraving)
        engraving.write({
            "personalization_font_line_id": cls.ptal(cls.keyring, cls.attr_font).id,
            "personalization_color_line_id": cls.ptal(cls.keyring, cls.attr_ink).id,
        })
        cls.mug = cls.env["product.template"].create({
            "name": "Printed Mug",
            "list_price": 15.0,
            "type": "consu",
            "attribute_line_ids": [
                (0, 0, {"attribute_id": cls.attr_photo.id, "value_ids": [(6, 0, cls.attr_photo.value_ids.ids)],
                        "personalization_kind": "image", "personalization_required": True, "sequence": 10,
                        "personalization_box_width": 60, "personalization_box_height": 80,
                        "personalization_box_left": 20, "personalization_box_top": 10}),
                (0, 0, {"attribute_id": cls.attr_engraving.id,
                        "value_ids": [(6, 0, cls.attr_engraving.value_ids.ids)],
                        "personalization_kind": "text", "personalization_box_top": 90,
                        "personalization_box_height": 10, "sequence": 20}),
                (0, 0, {"attribute_id": cls.attr_gift.id, "value_ids": [(6, 0, cls.attr_gift.value_ids.ids)],
                        "personalization_kind": "option", "sequence": 30}),
                (0, 0, {"attribute_id": cls.attr_card.id, "value_ids": [(6, 0, cls.attr_card.value_ids.ids)],
                        "personalization_kind": "text", "personalization_required": True,
                        "personalization_max_length": 200, "sequence": 40,
                        "personalization_box_height": 0, "personalization_box_width": 0}),
            ],
        })
        cls.ptal(cls.mug, cls.attr_card).personalization_condition_value_ids = cls.ptav(cls.mug, "Gift box")
        cls.customer = cls.env["res.partner"].create({"name": "Gift Customer", "email": "gift@example.com"})

    @classmethod
    def ptal(cls, template, attribute):
        return template.attribute_line_ids.filtered(lambda line: line.attribute_id == attribute)

    @classmethod
    def ptav(cls, template, value_name):
        return template.attribute_line_ids.product_template_value_ids.filtered(lambda ptav: ptav.name == value_name)

    @classmethod
    def _order_line(cls, template, values=(), texts=None, partner=None, order=None):
        """A quotation line of ``template`` with the no-variant values named in ``values`` chosen and ``texts``
        ({value name: custom text}) typed into its custom values, as the shop's cart does."""
        texts = texts or {}
        ptavs = cls.env["product.template.attribute.value"]
        for name in (*values, *texts):
            ptavs |= cls.ptav(template, name)
        order = order or cls.env["sale.order"].create({"partner_id": (partner or cls.customer).id})
        return cls.env["sale.order.line"].create({
            "order_id": order.id,
            "product_id": template.product_variant_id.id,
            "product_no_variant_attribute_value_ids": [(6, 0, ptavs.ids)],
            "product_custom_attribute_value_ids": [
                (0, 0, {"custom_product_template_attribute_value_id": cls.ptav(template, name).id,
                        "custom_value": text})
                for name, text in texts.items()
            ],
        })
