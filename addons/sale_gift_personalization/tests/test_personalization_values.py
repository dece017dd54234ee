from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import PersonalizationCase


@tagged("post_install", "-at_install")
class TestPersonalizationValues(PersonalizationCase):
    def test_layout_gives_fields_in_order_with_boxes_in_pixels(self):
        layout = self.keyring._get_personalization_layout()
        self.assertEqual((layout["base"]["width"], layout["base"]["height"]), (400, 200))
        self.assertEqual(layout["area"], {"left": 100, "top": 50, "width": 200, "height": 100})
        self.assertEqual([field["label"] for field in layout["fields"]], ["Engraving", "Font", "Ink colour"])
        engraving = layout["fields"][0]
        self.assertEqual(engraving["box_px"], {"left": 120, "top": 70, "width": 160, "height": 60})
        self.assertEqual(engraving["font_line_id"], self.ptal(self.keyring, self.attr_font).id)
        self.assertTrue(engraving["required"])
        fonts = {value["name"]: value["font"] for value in layout["fields"][1]["values"]}
        self.assertEqual(fonts, {"Sans": "sans", "Script": "script"})
        colours = {value["name"]: value["color"] for value in layout["fields"][2]["values"]}
        self.assertEqual(colours["Gold"], "#d4af37")
        self.assertTrue(layout["base"]["url"].endswith("/personalization_base_image"))

    def test_layout_without_base_image_draws_on_a_blank_canvas(self):
        layout = self.mug._get_personalization_layout()
        self.assertFalse(layout["base"]["url"])
        self.assertEqual(layout["area"], {"left": 0, "top": 0, "width": 1000, "height": 1000})
        photo = layout["fields"][0]
        self.assertEqual(photo["image"]["formats"], ["png", "jpeg", "webp"])
        card = layout["fields"][3]
        self.assertEqual(card["condition_value_ids"], self.ptav(self.mug, "Gift box").ids)

    def test_values_are_structured_in_field_order(self):
        line = self._order_line(self.keyring, ["Script", "Gold"], {"Engraving text": "  Anna & Ben  "})
        values = line._get_personalization_values()
        self.assertEqual([(v["label"], v["value"]) for v in values],
                         [("Engraving", "Anna & Ben"), ("Font", "Script"), ("Ink colour", "Gold")])
        self.assertEqual(values[1]["font"], "script")
        self.assertEqual(values[2]["color"], "#d4af37")
        self.assertIn("Engraving: Engraving text: Anna & Ben", line.name)

    def test_multi_options_are_one_entry_with_summed_extras(self):
        line = self._order_line(self.mug, ["Gift wrap", "Gift box", "No card"])
        options = [v for v in line._get_personalization_values() if v["kind"] == "option"]
        self.assertEqual(len(options), 1)
        self.assertEqual(options[0]["value"], "Gift wrap, Gift box")
        self.assertEqual(options[0]["price_extra"], 8.0)
        plain = self._order_line(self.mug, ["No card"])
        # Odoo adds the extras before the pricelist converts the price: the ratio is the catalogue's
        self.assertAlmostEqual(line.price_unit / plain.price_unit, (15.0 + 8.0) / 15.0)

    def test_missing_required_fields(self):
        line = self._order_line(self.keyring, ["Sans", "Black"])
        self.assertEqual(line._personalization_missing_fields(), ["Engraving"])
        line = self._order_line(self.mug, [])
        self.assertEqual(line._personalization_missing_fields(), ["Photo"])

    def test_card_message_required_only_with_a_box_and_a_message(self):
        without_box = self._order_line(self.mug, ["Gift wrap"])
        self.assertNotIn("Greeting card", without_box._personalization_missing_fields())
        box_no_card = self._order_line(self.mug, ["Gift box", "No card"])
        self.assertNotIn("Greeting card", box_no_card._personalization_missing_fields())
        box_empty_message = self._order_line(self.mug, ["Gift box", "With a message"])
        self.assertIn("Greeting card", box_empty_message._personalization_missing_fields())
        box_message = self._order_line(self.mug, ["Gift box"], {"With a message": "Happy birthday!"})
        self.assertNotIn("Greeting card", box_message._personalization_missing_fields())

    def test_plain_product_line_is_unchanged(self):
        plain = self.env["product.product"].create({"name": "Plain Mug", "list_price": 9.0})
        order = self.env["sale.order"].create({"partner_id": self.customer.id})
        line = self.env["sale.order.line"].create({"order_id": order.id, "product_id": plain.id})
        self.assertFalse(line.is_personalized)
        self.assertFalse(line.personalization_proof_id)
        self.assertEqual(line._personalization_missing_fields(), [])
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_confirmation_refused_while_a_required_field_is_missing(self):
        line = self._order_line(self.keyring, ["Sans", "Black"])
        order = line.order_id
        with self.assertRaises(UserError) as caught:
            order.action_confirm()
        self.assertIn("Engraved Keyring", str(caught.exception))
        self.assertIn("Engraving", str(caught.exception))
        self.assertEqual(order.state, "draft")
        line._personalization_set_text(self.ptal(self.keyring, self.attr_engraving), "Anna")
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertTrue(line.personalization_proof_id)

    def test_invalid_text_is_refused_with_the_reason(self):
        engraving = self.ptal(self.keyring, self.attr_engraving)
        line = self._order_line(self.keyring, ["Sans", "Black"], {"Engraving text": "Anna"})
        for text, reason in (("x" * 21, "at most 20"), ("Anna\u202eevil", "control"), ("Bell\x07", "control"),
                             ("I ❤ you", "❤")):
            with self.subTest(text=text), self.assertRaises(ValidationError) as caught:
                line._personalization_set_text(engraving, text)
            self.assertIn(reason, str(caught.exception))
        self.assertEqual(line.product_custom_attribute_value_ids.custom_value, "Anna")

    def test_text_typed_through_the_custom_value_is_validated_and_normalised(self):
        with self.assertRaises(ValidationError):
            self._order_line(self.keyring, [], {"Engraving text": "bad\u202e"})
        line = self._order_line(self.keyring, [], {"Engraving text": "Ame\u0301lie"})
        self.assertEqual(line.product_custom_attribute_value_ids.custom_value, "Amélie")
