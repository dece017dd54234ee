import base64
import io
from unittest.mock import patch

from PIL import Image

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import PersonalizationCase, make_image


@tagged("post_install", "-at_install")
class TestPersonalizationProof(PersonalizationCase):
    def _proof(self, line):
        return Image.open(io.BytesIO(line.personalization_proof_id.raw)).convert("RGB")

    def test_proof_is_attached_when_the_line_is_added(self):
        line = self._order_line(self.keyring, ["Script", "Gold"], {"Engraving text": "Anna"})
        proof = line.personalization_proof_id
        self.assertTrue(proof)
        self.assertEqual((proof.res_model, proof.res_id, proof.public), ("sale.order.line", line.id, False))
        self.assertEqual(proof.mimetype, "image/jpeg")
        self.assertEqual(self._proof(line).size, (400, 200))

    def test_proof_draws_the_text_in_the_chosen_colour_inside_its_box(self):
        line = self._order_line(self.keyring, ["Sans", "Gold"], {"Engraving text": "ANNA"})
        picture = self._proof(line)
        # The box is 120,70 to 280,130; outside it the grey base is untouched.
        self.assertEqual(picture.getpixel((20, 20)), picture.getpixel((390, 190)))
        golden = [pixel for pixel in picture.crop((120, 70, 280, 130)).getdata()
                  if pixel[0] > 170 and pixel[2] < 120]
        self.assertTrue(golden, "the text is drawn in gold inside its box")

    def test_proof_is_replaced_when_the_personalisation_changes(self):
        line = self._order_line(self.keyring, ["Sans", "Black"], {"Engraving text": "Anna"})
        proof = line.personalization_proof_id
        before = proof.checksum
        line._personalization_set_text(self.ptal(self.keyring, self.attr_engraving), "Ben")
        self.assertEqual(line.personalization_proof_id, proof, "one proof per line, replaced in place")
        self.assertNotEqual(proof.checksum, before)
        self.assertIn("Engraving text: Ben", line.name)
        line.product_custom_attribute_value_ids.custom_value = "Carl"
        self.assertNotEqual(proof.checksum, before)

    def test_setting_a_text_renders_the_proof_once(self):
        line = self._order_line(self.keyring, ["Sans", "Black"], {"Engraving text": "Anna"})
        from ..models import sale_order_line

        with patch.object(sale_order_line, "render_proof", wraps=sale_order_line.render_proof) as render:
            line._personalization_set_text(self.ptal(self.keyring, self.attr_engraving), "Ben")
        self.assertEqual(render.call_count, 1)
        self.assertIn("Engraving text: Ben", line.name)

    def test_proof_is_the_same_picture_for_the_same_personalisation(self):
        first = self._order_line(self.keyring, ["Script", "Gold"], {"Engraving text": "Anna"})
        second = self._order_line(self.keyring, ["Script", "Gold"], {"Engraving text": "Anna"})
        self.assertEqual(first.personalization_proof_id.checksum, second.personalization_proof_id.checksum)
        other_font = self._order_line(self.keyring, ["Sans", "Gold"], {"Engraving text": "Anna"})
        self.assertNotEqual(first.personalization_proof_id.checksum, other_font.personalization_proof_id.checksum)

    def test_uploaded_photo_is_sanitised_private_and_placed_in_the_proof(self):
        line = self._order_line(self.mug, ["No card"])
        photo = self.ptal(self.mug, self.attr_photo)
        line._personalization_set_image(photo, make_image(600, 600, "JPEG", color=(0, 0, 255)), "../../me.jpg")
        custom = line.product_custom_attribute_value_ids
        attachment = custom.personalization_attachment_id
        self.assertEqual((attachment.res_model, attachment.res_id, attachment.public),
                         ("sale.order.line", line.id, False))
        self.assertEqual(attachment.mimetype, "image/jpeg")
        self.assertEqual(custom.custom_value, "me.jpg")
        self.assertEqual(line._personalization_missing_fields(), [])
        values = {value["label"]: value for value in line._get_personalization_values()}
        self.assertEqual(values["Photo"]["attachment_id"], attachment.id)
        # Box: 20-80 % across, 10-90 % down a 1000 x 1000 blank canvas; the square photo is centred in it.
        picture = self._proof(line)
        self.assertLess(picture.getpixel((500, 500))[0], 40)
        self.assertGreater(picture.getpixel((500, 500))[2], 200)
        self.assertEqual(picture.getpixel((50, 50)), (255, 255, 255))

    def test_new_upload_replaces_the_previous_attachment(self):
        line = self._order_line(self.mug, ["No card"])
        photo = self.ptal(self.mug, self.attr_photo)
        line._personalization_set_image(photo, make_image(400, 400))
        first = line.product_custom_attribute_value_ids.personalization_attachment_id
        line._personalization_set_image(photo, base64.b64encode(make_image(500, 500, "WEBP")).decode())
        second = line.product_custom_attribute_value_ids.personalization_attachment_id
        self.assertEqual(len(line.product_custom_attribute_value_ids), 1)
        self.assertNotEqual(first, second)
        self.assertFalse(first.exists())
        self.assertEqual(second.mimetype, "image/webp")

    def test_hostile_uploads_are_refused_and_leave_the_line_as_it_was(self):
        line = self._order_line(self.mug, ["No card"])
        photo = self.ptal(self.mug, self.attr_photo)
        photo.personalization_image_max_bytes = 200_000
        bomb = io.BytesIO()
        Image.new("L", (6000, 6000)).save(bomb, "PNG")
        cases = [
            (b"MZ\x90\x00" + b"\x00" * 4000, "not an image"),
            (bomb.getvalue(), "too many pixels"),
            (make_image(120, 120), "at least 300 × 300"),
            (b"\x89PNG\r\n\x1a\n" + b"\x00" * 300_000, "larger than"),
            (b"\x89PNG\r\n\x1a\n" + b"junk" * 100, "cannot be read"),
        ]
        attachments_before = self.env["ir.attachment"].search_count([("res_model", "=", "sale.order.line")])
        for data, message in cases:
            with self.subTest(message=message), self.assertRaises(ValidationError) as caught:
                line._personalization_set_image(photo, data, "evil.png")
            self.assertIn(message, str(caught.exception))
        self.assertFalse(line.product_custom_attribute_value_ids)
        self.assertEqual(self.env["ir.attachment"].search_count([("res_model", "=", "sale.order.line")]),
                         attachments_before)

    def test_script_payload_stays_text_in_the_description_and_summary(self):
        payload = "<script>alert(1)</script>"
        engraving = self.ptal(self.keyring, self.attr_engraving)
        engraving.personalization_max_length = 40
        line = self._order_line(self.keyring, ["Sans", "Black"], {"Engraving text": payload})
        self.assertIn(payload, line.name)
        self.assertIn(f"Engraving: {payload}", line.personalization_summary)
        self.assertTrue(line.personalization_proof_id)
