import base64

from odoo.tests import HttpCase, new_test_user, tagged

from .common import PersonalizationCase, make_image


@tagged("post_install", "-at_install")
class TestPersonalizationHttp(HttpCase, PersonalizationCase):
    """The photo and the proof over HTTP: never by attachment id to outsiders; the proof through the order line."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner = new_test_user(cls.env, "gift_http_owner", password="gift_http_owner",
                                  groups="base.group_portal")
        cls.other = new_test_user(cls.env, "gift_http_other", password="gift_http_other",
                                  groups="base.group_portal")
        cls.seller = new_test_user(cls.env, "gift_http_seller", password="gift_http_seller",
                                   groups="sales_team.group_sale_salesman")
        order = cls.env["sale.order"].create({"partner_id": cls.owner.partner_id.id, "user_id": cls.seller.id})
        cls.line = cls._order_line(cls.mug, ["No card"], order=order)
        cls.line._personalization_set_image(cls.ptal(cls.mug, cls.attr_photo), make_image(400, 400))
        cls.photo = cls.line.product_custom_attribute_value_ids.personalization_attachment_id
        cls.proof = cls.line.personalization_proof_id
        cls.proof_url = f"/web/image/sale.order.line/{cls.line.id}/personalization_proof_thumbnail"

    def _get(self, url, login=None):
        self.authenticate(login, login)  # None: a public visitor
        return self.url_open(url, allow_redirects=False)

    def test_outsiders_cannot_fetch_the_photo_or_the_proof_by_id(self):
        secrets = (self.photo.raw, self.proof.raw, base64.b64decode(self.line.personalization_proof_thumbnail))
        for login in (None, "gift_http_other"):
            for url in (f"/web/content/{self.photo.id}", f"/web/content/ir.attachment/{self.photo.id}/datas",
                        f"/web/content/{self.proof.id}"):
                with self.subTest(login=login, url=url):
                    self.assertIn(self._get(url, login).status_code, (403, 404))
            # /web/image answers Odoo's placeholder picture for what the visitor may not read
            for url in (f"/web/image/{self.photo.id}", f"/web/image/{self.proof.id}", self.proof_url):
                with self.subTest(login=login, url=url):
                    self.assertNotIn(self._get(url, login).content, secrets)

    def test_the_orders_customer_and_salesperson_see_the_proof_of_the_line(self):
        thumbnail = base64.b64decode(self.line.personalization_proof_thumbnail)
        for login in ("gift_http_owner", "gift_http_seller"):
            with self.subTest(login=login):
                response = self._get(self.proof_url, login)
                self.assertEqual((response.status_code, response.content), (200, thumbnail))
        self.assertEqual(self._get(f"/web/content/{self.photo.id}", "gift_http_seller").content, self.photo.raw)
