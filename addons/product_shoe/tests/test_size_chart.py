from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import ShoeCase


@tagged("post_install", "-at_install")
class TestSizeChart(ShoeCase):
    def test_default_chart_converts_between_systems(self):
        Chart = self.env["shoe.size.chart"]
        self.assertEqual(Chart.convert_size("42", "eu", "us_men"), 9)
        self.assertEqual(Chart.convert_size(8, "uk", "jp"), 26.5)
        self.assertEqual(Chart.size_to_foot_length("eu", 40), 250)
        self.assertEqual(Chart.recommend_size(251, "eu"), "41")

    def test_brand_chart_overrides_the_default(self):
        Chart = self.env["shoe.size.chart"]
        self.assertEqual(Chart.size_to_foot_length("eu", 40, self.brand), 255)
        self.assertEqual(Chart.size_to_foot_length("eu", 41, self.brand), 260)
        self.assertEqual(Chart.recommend_size(252, "eu", self.brand), "40")
        self.assertEqual(Chart.recommend_size(252, "eu"), "41")
        self.assertEqual(self.template._get_shoe_size_chart(), Chart._get_chart(self.brand))

    def test_edited_default_chart_is_used(self):
        default = self.env.ref("product_shoe.shoe_size_chart_default")
        default.line_ids.filtered(lambda line: line.size_eu == 42).foot_length_mm = 266
        self.assertEqual(self.env["shoe.size.chart"].size_to_foot_length("eu", 42), 266)

    def test_unknown_system_is_a_clear_error(self):
        with self.assertRaisesRegex(UserError, "Unknown size system"):
            self.env["shoe.size.chart"].convert_size(42, "eu", "mars")

    def test_size_outside_the_chart_is_a_clear_error(self):
        with self.assertRaisesRegex(UserError, "not on the size chart of Runsmall"):
            self.env["shoe.size.chart"].convert_size(60, "eu", "uk", self.brand)
        with self.assertRaisesRegex(UserError, "No size fits a foot of 400 mm"):
            self.env["shoe.size.chart"].recommend_size(400, "eu")
        with self.assertRaisesRegex(UserError, "No size fits"):
            self.env["shoe.size.chart"].recommend_size("abc", "eu")

    def test_size_values_carry_their_foot_length(self):
        attribute = self.env["product.attribute"].create({"name": "UK size", "shoe_size_system": "uk"})
        value = self.env["product.attribute.value"].create({"attribute_id": attribute.id, "name": "8"})
        self.assertEqual(value.shoe_foot_length_mm, 265)
        value.shoe_foot_length_mm = 267
        self.assertEqual(value.shoe_foot_length_mm, 267)
        off_chart = self.env["product.attribute.value"].create({"attribute_id": attribute.id, "name": "20"})
        self.assertEqual(off_chart.shoe_foot_length_mm, 0)

    def test_size_value_must_be_a_number(self):
        # One size attribute per system: reuse the database's EU sizes when there are some (e.g. the demo shop's).
        Attribute = self.env["product.attribute"]
        attribute = Attribute.search([("shoe_size_system", "=", "eu")], limit=1) or Attribute.create(
            {"name": "EU size", "shoe_size_system": "eu"}
        )
        with self.assertRaisesRegex(ValidationError, "is not a shoe size"):
            self.env["product.attribute.value"].create({"attribute_id": attribute.id, "name": "XL"})

    def test_brand_chart_button_creates_a_full_chart_once(self):
        brand = self.env["shoe.brand"].create({"name": "Newbrand"})
        action = brand.action_open_size_chart()
        chart = self.env["shoe.size.chart"].browse(action["res_id"])
        self.assertEqual(len(chart.line_ids), 14)
        self.assertEqual(brand.action_open_size_chart()["res_id"], chart.id)
