from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PersonalizationCase


@tagged("post_install", "-at_install")
class TestPersonalizationConfig(PersonalizationCase):
    def test_template_with_a_personalisation_field_is_personalised(self):
        self.assertTrue(self.keyring.is_personalized)
        plain = self.env["product.template"].create({"name": "Plain Box"})
        self.assertFalse(plain.is_personalized)

    def test_kind_only_on_attributes_without_variants(self):
        size = self.env["product.attribute"].create({
            "name": "Size", "create_variant": "always",
            "value_ids": [(0, 0, {"name": "S"}), (0, 0, {"name": "L"})],
        })
        with self.assertRaisesRegex(ValidationError, "does not create variants"):
            self.env["product.template"].create({
                "name": "Shirt",
                "attribute_line_ids": [(0, 0, {"attribute_id": size.id, "value_ids": [(6, 0, size.value_ids.ids)],
                                               "personalization_kind": "option"})],
            })

    def test_text_and_image_need_a_custom_value(self):
        with self.assertRaisesRegex(ValidationError, "Free text"):
            self.ptal(self.keyring, self.attr_font).personalization_kind = "text"
        with self.assertRaisesRegex(ValidationError, "Free text"):
            self.ptal(self.keyring, self.attr_ink).personalization_kind = "image"

    def test_boxes_stay_within_the_print_area(self):
        engraving = self.ptal(self.keyring, self.attr_engraving)
        for values in ({"personalization_box_left": -1}, {"personalization_box_width": 101},
                       {"personalization_box_left": 50, "personalization_box_width": 60}):
            with self.subTest(values=values), self.assertRaises(IntegrityError), \
                    mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                engraving.write(values)
                engraving.flush_recordset()

    def test_image_formats_are_a_subset_of_png_jpeg_webp(self):
        photo = self.ptal(self.mug, self.attr_photo)
        photo.personalization_image_formats = "PNG, jpg"
        self.assertEqual(photo._personalization_image_formats(), ["png", "jpeg"])
        for value in ("png,gif", "svg", ""):
            with self.subTest(value=value), self.assertRaisesRegex(ValidationError, "png, jpeg and webp"):
                photo.personalization_image_formats = value

    def test_font_and_colour_lines_belong_to_the_same_product_and_kind(self):
        mug_engraving = self.ptal(self.mug, self.attr_engraving)
        with self.assertRaisesRegex(ValidationError, "same product"):
            mug_engraving.personalization_font_line_id = self.ptal(self.keyring, self.attr_font)
        keyring_engraving = self.ptal(self.keyring, self.attr_engraving)
        with self.assertRaisesRegex(ValidationError, "same product"):
            keyring_engraving.personalization_font_line_id = self.ptal(self.keyring, self.attr_ink)

    def test_condition_uses_values_of_the_same_product(self):
        with self.assertRaisesRegex(ValidationError, "same product"):
            self.ptal(self.keyring, self.attr_engraving).personalization_condition_value_ids = self.ptav(
                self.mug, "Gift box")

    def test_layout_reads_little(self):
        self.keyring.invalidate_model()
        self.env.invalidate_all()
        with self.assertQueryCount(12):
            self.keyring._get_personalization_layout()
