from odoo.exceptions import UserError
from odoo.tests import tagged

from ..lib.sku import ean13_check_digit
from .common import ShoeCase


@tagged("post_install", "-at_install")
class TestSizeRun(ShoeCase):
    def test_size_run_builds_size_by_colour_variants(self):
        self._size_run(colour_value_ids=[(6, 0, (self.black | self.white | self.red).ids)])
        variants = self.template.product_variant_ids
        self.assertEqual(len(variants), 11 * 3)
        self.assertTrue(self.template.is_shoe)
        codes = set(variants.mapped("default_code"))
        self.assertIn("TRAIL-BLA-36", codes)
        self.assertIn("TRAIL-RED-46", codes)
        self.assertEqual(len(codes), 33)
        size_values = variants.product_template_attribute_value_ids.product_attribute_value_id.filtered(
            "attribute_id.shoe_size_system"
        )
        self.assertEqual(sorted(size_values.mapped("shoe_size")), [float(size) for size in range(36, 47)])
        self.assertEqual(size_values.filtered(lambda value: value.name == "42").shoe_foot_length_mm, 265)

    def test_second_run_reuses_attribute_and_extends_the_run(self):
        self._size_run(size_from="40", size_to="42")
        other = self.env["product.template"].create({"name": "City Walk"})
        self._size_run(other, size_from="41", size_to="44")
        self.assertEqual(len(self.env["product.attribute"].search([("shoe_size_system", "=", "eu")])), 1)
        self._size_run(size_from="42", size_to="43")
        self.assertEqual(
            self.template.product_variant_ids.mapped("default_code"),
            ["TRAIL-40", "TRAIL-41", "TRAIL-42", "TRAIL-43"],
        )

    def test_barcodes_are_optional_and_valid(self):
        self._size_run(size_from="40", size_to="41", with_barcodes=True)
        for variant in self.template.product_variant_ids:
            self.assertEqual(len(variant.barcode), 13)
            self.assertEqual(ean13_check_digit(variant.barcode[:12]), variant.barcode[12])
        other = self.env["product.template"].create({"name": "No Codes"})
        self._size_run(other, size_from="40", size_to="41")
        self.assertFalse(any(other.product_variant_ids.mapped("barcode")))

    def test_half_sizes_in_us_system(self):
        self._size_run(size_system="us_women", size_from="8.5", size_to="10.5")
        self.assertEqual(
            self.template.product_variant_ids.mapped("default_code"),
            ["TRAIL-8H5", "TRAIL-9", "TRAIL-9H5", "TRAIL-10H5"],
        )

    def test_sizes_outside_the_chart_are_refused(self):
        with self.assertRaisesRegex(UserError, "not both on the size chart"):
            self._size_run(size_from="30", size_to="40")
        with self.assertRaisesRegex(UserError, "not both on the size chart"):
            self._size_run(size_from="forty", size_to="41")
        self.assertFalse(self.template.attribute_line_ids)

    def test_colours_from_two_attributes_are_refused(self):
        other_colour = self.env["product.attribute"].create({"name": "Sole colour", "display_type": "color"})
        gum = self.env["product.attribute.value"].create({"attribute_id": other_colour.id, "name": "Gum"})
        with self.assertRaisesRegex(UserError, "single colour attribute"):
            self._size_run(colour_value_ids=[(6, 0, (self.black | gum).ids)])
