from unittest.mock import patch

from PIL import Image

from odoo.tests import tagged
from odoo.tools import mute_logger

from ..controllers import main as controllers
from .common import ShopPersonalizationCase, make_bomb, make_image

HOSTILE_IDS = ("%C2%B2", "%D9%A3", "99999999999999999999", "-1", "0", "%3Cscript%3E")


@tagged("post_install", "-at_install")
class TestShopImages(ShopPersonalizationCase):
    """The upload route and the routes serving uploads and proofs: who may do what, and hostile input."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.photo_field = cls.ptal(cls.mug, cls.attr_photo)

    def _alices_mug_line(self):
        self.authenticate("gift_alice", "gift_alice")
        upload = self._upload(self.photo_field, self.photo).json()
        self._add(self.mug, texts={"Your photo": upload["id"]})
        line = self._cart(self.alice).order_line
        self.assertTrue(line.personalization_proof_id)
        return line

    def _attachments(self):
        return self.env["ir.attachment"].sudo().search_count([("mimetype", "like", "image/")])

    def test_upload_is_a_private_sanitised_attachment_of_the_cart(self):
        self.authenticate(None, None)
        exif = Image.Exif()
        exif[0x010E] = "secret-gps"  # ImageDescription
        photo = make_image(400, 400, "JPEG", exif=exif.tobytes())
        response = self._upload(self.photo_field, photo, "holiday.jpg")
        self.assertEqual(response.status_code, 200, response.text)
        answer = response.json()
        attachment = self.env["ir.attachment"].sudo().browse(answer["id"])
        cart = self.env["sale.order"].sudo().browse(attachment.res_id)
        self.assertEqual(attachment.res_model, "sale.order")
        self.assertEqual(cart.state, "draft")
        self.assertFalse(attachment.public)
        self.assertFalse(attachment.access_token)
        self.assertEqual(attachment.name, "holiday.jpeg")
        self.assertNotIn(b"secret-gps", attachment.raw)
        # The guest sees the image while building the gift; the URL holds no token.
        self.assertEqual(self.url_open(answer["url"]).status_code, 200)
        self.assertEqual(answer["url"], f"/shop/personalization/upload/{attachment.id}")

    def test_a_cart_keeps_a_bounded_number_of_unused_uploads(self):
        self.authenticate("gift_alice", "gift_alice")
        with patch.object(controllers, "MAX_CART_UPLOADS", 2):
            for _attempt in range(2):
                self.assertEqual(self._upload(self.photo_field, self.photo).status_code, 200)
            before = self._attachments()
            refused = self._upload(self.photo_field, self.photo)
            self.assertEqual(refused.status_code, 429)
            self.assertIn("Too many images", refused.json()["error"])
            self.assertEqual(self._attachments(), before, "nothing stored")
            # An upload a line took no longer counts: the customer can go on personalising.
            upload_id = max(self.env["ir.attachment"].sudo().search([
                ("res_model", "=", "sale.order"), ("res_id", "=", self._cart(self.alice).id),
            ]).ids)
            self._add(self.mug, texts={"Your photo": upload_id})
            self.assertEqual(self._upload(self.photo_field, self.photo).status_code, 200)

    @mute_logger("odoo.http")
    def test_refused_uploads_answer_4xx_with_a_message_and_store_nothing(self):
        self.authenticate("gift_alice", "gift_alice")
        before = self._attachments()
        cases = {
            "executable renamed .png": (b"MZ\x90\x00\x03" + b"\x00" * 500, "invoice.png", "format"),
            "decompression bomb": (make_bomb(), "bomb.png", "pixels"),
            "too small to print": (make_image(100, 100), "tiny.png", "100 × 100"),
            "svg with a script": (b"<svg onload='alert(1)'/>", "art.png", "format"),
            "empty file": (b"", "empty.png", ""),
        }
        for case, (data, filename, _reason) in cases.items():
            with self.subTest(case=case):
                response = self._upload(self.photo_field, data, filename)
                self.assertIn(response.status_code, (400, 422), response.text)
                self.assertTrue(response.json()["error"])
        self.assertEqual(self._attachments(), before)

    @mute_logger("odoo.http")
    def test_a_body_over_the_cap_is_refused_before_it_is_read(self):
        self.authenticate("gift_alice", "gift_alice")
        response = self._upload(self.photo_field, b"\x89PNG\r\n\x1a\n" + b"\x00" * (13 * 1024 * 1024))
        self.assertEqual(response.status_code, 413)
        self.assertFalse(self._cart(self.alice))

    @mute_logger("odoo.http")
    def test_upload_without_csrf_token_is_refused(self):
        self.authenticate("gift_alice", "gift_alice")
        response = self._upload(self.photo_field, self.photo, csrf=False)
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._cart(self.alice))

    @mute_logger("odoo.http")
    def test_upload_to_a_field_that_is_not_an_image_field_is_refused(self):
        self.authenticate("gift_alice", "gift_alice")
        text_field = self.ptal(self.keyring, self.attr_engraving)
        for field in (text_field, "²", "٣", "99999999999999999999", "-1", "<script>", ""):
            with self.subTest(field=field):
                response = self._upload(field, self.photo)
                self.assertEqual(response.status_code, 404)
                self.assertTrue(response.json()["error"])
        self.mug.is_published = False
        self.assertEqual(self._upload(self.photo_field, self.photo).status_code, 404)

    @mute_logger("odoo.http")
    def test_an_upload_of_another_cart_cannot_be_added(self):
        self.authenticate("gift_bob", "gift_bob")
        bobs = self._upload(self.photo_field, self.photo).json()["id"]
        self.authenticate("gift_alice", "gift_alice")
        for raw in (str(bobs), "²", "٣", "99999999999999999999", "../1"):
            with self.subTest(upload=raw):
                self.assertIn("Photo", self._add_refused(self.mug, texts={"Your photo": raw}))
        self.assertFalse(self._cart(self.alice).order_line)
        self.assertEqual(self.url_open(f"/shop/personalization/upload/{bobs}").status_code, 404)

    def test_adding_binds_the_upload_to_the_new_line(self):
        line = self._alices_mug_line()
        attachment = line.product_custom_attribute_value_ids.personalization_attachment_id
        self.assertEqual((attachment.res_model, attachment.res_id), ("sale.order.line", line.id))
        self.assertFalse(attachment.description)
        # The cart page shows the proof and a way to edit the line.
        html = self.url_open("/shop/cart").text
        self.assertIn(f"/shop/personalization/line/{line.id}/proof", html)
        self.assertIn(f"personalization_line={line.id}", html)

    def test_the_customer_gets_her_image_and_proof_in_the_cart_and_portal(self):
        line = self._alices_mug_line()
        attachment = line.product_custom_attribute_value_ids.personalization_attachment_id
        for url in (f"/shop/personalization/line/{line.id}/proof",
                    f"/shop/personalization/line/{line.id}/image/{attachment.id}"):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertEqual(response.status_code, 200)
                self.assertTrue(response.headers["Content-Type"].startswith("image/"))
                self.assertIn("private", response.headers["Cache-Control"])
        line.order_id.action_confirm()
        self.assertEqual(self.url_open(f"/shop/personalization/line/{line.id}/proof").status_code, 200)
        portal = self.url_open(f"/my/orders/{line.order_id.id}").text
        self.assertIn(f"/shop/personalization/line/{line.id}/proof", portal)

    @mute_logger("odoo.http")
    def test_others_get_a_404_for_the_image_and_proof(self):
        line = self._alices_mug_line()
        attachment = line.product_custom_attribute_value_ids.personalization_attachment_id
        urls = [
            f"/shop/personalization/line/{line.id}/proof",
            f"/shop/personalization/line/{line.id}/image/{attachment.id}",
            f"/shop/personalization/upload/{attachment.id}",
            f"/web/content/{attachment.id}",
            f"/web/content/{line.personalization_proof_id.id}",
        ]
        for who in ("gift_bob", None):
            self.authenticate(who, who)
            for url in urls:
                with self.subTest(who=who, url=url):
                    self.assertIn(self.url_open(url).status_code, (403, 404))
            # Odoo's image route answers its placeholder picture, never the photo.
            for private in (attachment, line.personalization_proof_id):
                with self.subTest(who=who, image=private.id):
                    self.assertNotEqual(self.url_open(f"/web/image/{private.id}").content, private.raw)
        # Another attachment of the line, or an id that names none, is not served either.
        self.authenticate("gift_alice", "gift_alice")
        other = self.env["ir.attachment"].create(
            {"name": "note.txt", "raw": b"staff only", "res_model": "sale.order.line", "res_id": line.id}
        )
        self.assertEqual(self.url_open(f"/shop/personalization/line/{line.id}/image/{other.id}").status_code, 404)

    @mute_logger("odoo.http")
    def test_hostile_ids_in_the_image_routes_answer_404(self):
        line = self._alices_mug_line()
        for raw in HOSTILE_IDS:
            for url in (f"/shop/personalization/line/{raw}/proof",
                        f"/shop/personalization/line/{line.id}/image/{raw}",
                        f"/shop/personalization/upload/{raw}"):
                with self.subTest(url=url):
                    self.assertEqual(self.url_open(url).status_code, 404)

    def test_a_guest_sees_the_proof_of_their_own_cart_only(self):
        self.authenticate(None, None)
        upload = self._upload(self.photo_field, self.photo).json()
        self._add(self.mug, texts={"Your photo": upload["id"]})
        line = self.env["sale.order.line"].search(
            [("product_custom_attribute_value_ids.personalization_attachment_id", "=", upload["id"])]
        )
        self.assertEqual(self.url_open(f"/shop/personalization/line/{line.id}/proof").status_code, 200)
        self.authenticate(None, None)  # another guest: a new session without that cart
        with mute_logger("odoo.http"):
            self.assertEqual(self.url_open(f"/shop/personalization/line/{line.id}/proof").status_code, 404)
