import re
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from ..controllers import portal
from .common import ReturnCase, png_photo


@tagged("post_install", "-at_install")
class TestReturnPortal(HttpCase, ReturnCase):
    """The return form refuses what it cannot take with a 4xx page saying why, and creates nothing then."""

    def setUp(self):
        super().setUp()
        self.authenticate("return_ana", "return_ana")
        page = self.url_open(f"/my/requestrma/{self.order.id}")
        self.assertEqual(page.status_code, 200)
        self.page = page.text
        self.token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def _post(self, data=None, files=None, order=None):
        return self.url_open(
            f"/my/orders/{(order or self.order).id}/requestrma",
            data={"csrf_token": self.token, **(data or {})},
            files=files,
            allow_redirects=False,
        )

    def _assert_refused(self, response, message, status=400):
        self.assertEqual(response.status_code, status, response.text[:300])
        self.assertIn(message, response.text)
        self.assertFalse(self.order.rma_ids, "a refused request creates no return")

    def test_the_page_offers_the_delivered_items_the_window_and_photos(self):
        self.assertIn("Returns are accepted for 30 days after delivery.", self.page)
        self.assertIn('name="0-quantity"', self.page)
        self.assertIn('name="photos"', self.page)
        self.assertIn('enctype="multipart/form-data"', self.page)

    def test_a_script_in_the_reason_is_kept_as_text(self):
        response = self._post(self._row(self.order, reason='<script>alert("x")</script> too <b>big</b>'))
        self.assertIn(response.status_code, (302, 303))
        description = str(self.order.rma_ids.description)
        self.assertNotIn("<script", description)
        self.assertNotIn("<b>", description)
        self.assertIn("&lt;script&gt;", description)

    def test_quantities_that_are_not_plain_numbers_are_refused(self):
        for quantity in ("²", "٣", "-1", "1e3", "nan", "abc"):
            with self.subTest(quantity=quantity):
                self._assert_refused(self._post(self._row(self.order, quantity=quantity)), "is not a quantity")

    def test_more_than_delivered_is_refused(self):
        self._assert_refused(self._post(self._row(self.order, quantity="3")), "You can return at most 2 of")

    def test_what_is_already_asked_back_cannot_be_asked_again(self):
        self.assertIn(self._post(self._row(self.order, quantity="2")).status_code, (302, 303))
        response = self._post(self._row(self.order, quantity="1"))
        self.assertEqual(response.status_code, 400)
        self.assertEqual(len(self.order.rma_ids), 1)

    def test_a_reason_is_required_and_bounded(self):
        self._assert_refused(self._post(self._row(self.order, reason="  ")), "Tell us why you are returning")
        self._assert_refused(self._post(self._row(self.order, reason="x" * 2001)), "please keep it to 2000")

    def test_nothing_chosen_or_an_unknown_operation_is_refused(self):
        self._assert_refused(self._post(self._row(self.order, quantity="0")), "Choose the quantity of at least one")
        row = {**self._row(self.order), "0-operation_id": "999999"}
        self._assert_refused(self._post(row), "Choose what you would like for")

    def test_another_customers_line_in_my_form_is_refused(self):
        self._assert_refused(self._post(self._row(self.other_order)), "Only items delivered with order")
        self.assertFalse(self.other_order.rma_ids)

    def test_an_address_that_is_not_offered_is_refused(self):
        row = {**self._row(self.order), "partner_shipping_id": str(self.other_user.partner_id.id)}
        self._assert_refused(self._post(row), "Choose one of the addresses offered")

    def test_outside_the_window_the_return_is_refused_with_its_end_date(self):
        self.order.picking_ids.date_done = fields.Datetime.now() - timedelta(days=31)
        self._assert_refused(self._post(self._row(self.order)), "returns are accepted for 30 days after delivery")
        page = self.url_open(f"/my/requestrma/{self.order.id}")
        self.assertIn("Nothing on this order can be returned any more.", page.text)
        self.company.rma_portal_return_days = 60
        self.assertIn(self._post(self._row(self.order)).status_code, (302, 303))

    def test_photos_must_be_real_images(self):
        row = self._row(self.order)
        text = ("notes.png", b"just text, not a picture", "image/png")
        self._assert_refused(self._post(row, files={"photos": text}), "is not a photo")
        html = ("x.png", b"<svg onload=alert(1)></svg>", "image/png")
        self._assert_refused(self._post(row, files={"photos": html}), "is not a photo")
        forged = ("forged.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "image/png")
        self._assert_refused(self._post(row, files={"photos": forged}), "forged.png is not a photo")

    def test_photos_over_the_limits_are_refused(self):
        row = self._row(self.order)
        # 64 megapixels in a few kilobytes: refused by its size in pixels before anything is decoded.
        bomb = ("bomb.png", png_photo((8000, 8000), mode="1"), "image/png")
        self._assert_refused(self._post(row, files={"photos": bomb}), "at most 50 megapixels")
        with patch.object(portal, "MAX_PHOTO_BYTES", 20):  # the test photo is about 80 bytes
            self._assert_refused(
                self._post(row, files={"photos": ("big.png", png_photo(), "image/png")}), "larger than"
            )
        four = [("photos", (f"p{i}.png", png_photo(), "image/png")) for i in range(4)]
        self._assert_refused(self._post(row, files=four), "Send at most 3 photos.")

    def test_a_huge_body_is_refused_before_reading_it(self):
        with patch.object(portal, "MAX_BODY_BYTES", 1024):
            response = self._post({**self._row(self.order), "0-description": "x" * 4096})
        self._assert_refused(response, "Your request is too large", status=413)

    @mute_logger("odoo.http")
    def test_a_form_without_csrf_token_is_refused(self):
        response = self.url_open(
            f"/my/orders/{self.order.id}/requestrma", data=self._row(self.order), allow_redirects=False
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.order.rma_ids)
