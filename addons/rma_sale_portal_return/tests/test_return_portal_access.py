import re

from odoo import http
from odoo.tests import HttpCase, tagged

from .common import ReturnCase


@tagged("post_install", "-at_install")
class TestReturnPortalAccess(HttpCase, ReturnCase):
    """A customer sees and asks for returns of their own orders only: anyone else's is a 404 (never a 500)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Bob's return, made by staff as rma_sale's wizard does.
        wizard = (
            cls.env["sale.order.rma.wizard"]
            .with_context(active_id=cls.other_order.id)
            .create(
                {
                    "location_id": cls.warehouse.rma_loc_id.id,
                    "line_ids": [
                        (0, 0, {**cls._wizard_line(cls.other_order), "operation_id": cls.refund_operation.id})
                    ],
                }
            )
        )
        cls.other_rma = wizard.create_rma()
        cls.other_rma.action_confirm()

    @classmethod
    def _wizard_line(cls, order):
        data = order.get_delivery_rma_data()[0]
        return {
            "product_id": data["product"].id,
            "quantity": 1,
            "allowed_quantity": data["quantity"],
            "sale_line_id": data["sale_line_id"].id,
            "uom_id": data["uom"].id,
            "picking_id": data["picking"].id,
        }

    def _token(self):
        page = self.url_open(f"/my/requestrma/{self.order.id}")
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def test_another_customers_order_is_not_found(self):
        self.authenticate("return_ana", "return_ana")
        token = self._token()
        self.assertEqual(self.url_open(f"/my/requestrma/{self.other_order.id}").status_code, 404)
        response = self.url_open(
            f"/my/orders/{self.other_order.id}/requestrma",
            data={"csrf_token": token, **self._row(self.other_order)},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(len(self.other_order.rma_ids), 1)

    def test_another_customers_return_is_not_found(self):
        self.authenticate("return_ana", "return_ana")
        self.assertEqual(self.url_open(f"/my/rmas/{self.other_rma.id}").status_code, 404)
        self.assertEqual(self.url_open("/my/rmas/987654321").status_code, 404)
        page = self.url_open("/my/rmas")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn(self.other_rma.name, page.text)
        self.authenticate("return_bob", "return_bob")
        self.assertEqual(self.url_open(f"/my/rmas/{self.other_rma.id}").status_code, 200)

    def test_a_visitor_without_the_link_is_not_found(self):
        self.authenticate(None, None)
        self.assertEqual(self.url_open(f"/my/requestrma/{self.order.id}").status_code, 404)
        self.assertEqual(self.url_open(f"/my/rmas/{self.other_rma.id}").status_code, 404)

    def test_a_link_with_a_non_ascii_token_is_not_found(self):
        # Odoo compares the token with consteq, which raises on non-ASCII text: the link answered 500.
        self.authenticate(None, None)
        for token in ("١٢٣", "é" * 40):
            with self.subTest(token=token[:3]):
                self.assertEqual(self.url_open(f"/my/requestrma/{self.order.id}?access_token={token}").status_code,
                                 404)
                self.assertEqual(self.url_open(f"/my/rmas/{self.other_rma.id}?access_token={token}").status_code,
                                 404)
                response = self.url_open(
                    f"/my/orders/{self.order.id}/requestrma",
                    data={"csrf_token": http.Request.csrf_token(self), "access_token": token, **self._row(self.order)},
                    allow_redirects=False,
                )
                self.assertEqual(response.status_code, 404)
        self.assertFalse(self.order.rma_ids)

    def test_odd_list_parameters_are_ignored(self):
        self.authenticate("return_bob", "return_bob")
        for query in ("sale_id=abc", "sale_id=٣", "sortby=zzz", "date_begin=x&date_end=y", "page=abc"):
            with self.subTest(query=query):
                self.assertEqual(self.url_open(f"/my/rmas?{query}").status_code, 200)
        page = self.url_open(f"/my/rmas?sale_id={self.other_order.id}")
        self.assertIn(self.other_rma.name, page.text)

    def test_a_returns_link_prints_only_its_own_transfers(self):
        # Ana's own return link must not print Bob's delivery slip (rma checked the link, not the transfer).
        own = (
            self.env["sale.order.rma.wizard"]
            .with_context(active_id=self.order.id)
            .create(
                {
                    "location_id": self.warehouse.rma_loc_id.id,
                    "line_ids": [(0, 0, {**self._wizard_line(self.order), "operation_id": self.refund_operation.id})],
                }
            )
            .create_rma()
        )
        own._portal_ensure_token()
        self.authenticate("return_ana", "return_ana")
        bob_delivery = self.other_order.picking_ids[:1]
        for rma_id, picking_id in ((own.id, bob_delivery.id), (987654321, bob_delivery.id), (own.id, 987654321)):
            with self.subTest(rma=rma_id, picking=picking_id):
                response = self.url_open(
                    f"/my/rma/picking/pdf/{rma_id}/{picking_id}?access_token={own.access_token}",
                    allow_redirects=False,
                )
                self.assertIn(response.status_code, (302, 303))
                self.assertTrue(response.headers["Location"].endswith("/my"))
