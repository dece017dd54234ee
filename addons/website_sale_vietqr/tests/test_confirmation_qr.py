from unittest.mock import patch

from lxml import html

from odoo import http
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.payment_custom_vietqr.tests.common import (
    ACCOUNT_NUMBER,
    VIETCOMBANK_BIN,
    WireTransferQrCommon,
    emv_fields,
)

CONFIRMATION = "//*[@name='order_confirmation']"
QR_CARD = "//*[contains(@class, 'o_qr_code_card')]"
PICTURE = "data:image/png;base64,U3RyaWRl"


@tagged("post_install", "-at_install")
class TestConfirmationQr(WireTransferQrCommon, HttpCase):
    """A shopper who chose the wire transfer finds the VietQR code of their order on the shop's confirmation and on
    their order's page; nobody else does."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = cls.portal_partner
        cls.other_portal_user = new_test_user(cls.env, "portal_other", groups="base.group_portal")
        cls.website = cls.env["website"].get_current_website()
        cls.product = cls.env["product.product"].create(
            {"name": "Trail Runner 42", "list_price": 50.0, "taxes_id": [Command.clear()], "sale_ok": True}
        )

    def _pending_order(self, currency, price):
        pricelist = self.env["product.pricelist"].create(
            {"name": f"Shop in {currency.name}", "currency_id": currency.id}
        )
        order = self.env["sale.order"].create({
            "partner_id": self.partner.id,
            "pricelist_id": pricelist.id,
            "website_id": self.website.id,
            "order_line": [Command.create({"product_id": self.product.id, "price_unit": price})],
        })
        tx = self._pending_transfer(
            currency, amount=order.amount_total, reference=f"{order.name}-1", sale_order_ids=[Command.set(order.ids)]
        )
        # What the payment's processing does for a wire transfer (sale's _post_process).
        order.action_quotation_sent()
        order.reference = tx._compute_sale_order_reference(order)
        return order, tx

    def _open(self, login, url, last_order=None, params=None):
        session = self.authenticate(login, login)
        if last_order:
            session["sale_last_order_id"] = last_order.id
            http.root.session_store.save(session)
        return self.url_open(url, params=params, allow_redirects=False)

    @staticmethod
    def _qr_codes(response, card=CONFIRMATION):
        if not response.content:
            return []
        return html.fromstring(response.content).xpath(f"{card}//img[starts-with(@src, 'data:image/png')]/@src")

    def test_the_confirmation_shows_the_vietqr_code_of_an_order_in_vnd(self):
        order, tx = self._pending_order(self.currency_vnd, 1_250_000)
        response = self._open("portal_user", "/shop/confirmation", last_order=order)
        self.assertEqual(response.status_code, 200)
        [qr_code] = self._qr_codes(response)
        self.assertTrue(qr_code.startswith("data:image/png;base64,"))
        # That picture is the transfer's own code (the same payload is drawn into other PNG bytes inside a request).
        with patch.object(type(tx), "_get_wire_transfer_qr_code", autospec=True, return_value=PICTURE) as qr:
            response = self._open("portal_user", "/shop/confirmation", last_order=order)
        self.assertEqual(self._qr_codes(response), [PICTURE])
        self.assertEqual(qr.call_args.args[0], tx)
        account, vals = tx._get_wire_transfer_qr_params()
        fields = emv_fields(account._get_qr_vals(**vals))
        self.assertEqual(emv_fields(emv_fields(fields["38"])["01"]), {"00": VIETCOMBANK_BIN, "01": ACCOUNT_NUMBER})
        self.assertEqual(fields["54"], "1250000")
        self.assertEqual(emv_fields(fields["62"]), {"08": order.reference}, "the communication the page asks for")

    def test_the_confirmation_of_an_order_in_usd_shows_no_code(self):
        order, _tx = self._pending_order(self.currency_usd, 49.99)
        response = self._open("portal_user", "/shop/confirmation", last_order=order)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self._qr_codes(response), [])
        self.assertIn(order.reference, response.text, "the transfer's communication is still shown")

    def test_the_customer_finds_the_code_on_their_order_page(self):
        order, tx = self._pending_order(self.currency_vnd, 1_250_000)
        with patch.object(type(tx), "_get_wire_transfer_qr_code", autospec=True, return_value=PICTURE) as qr:
            response = self._open("portal_user", f"/my/orders/{order.id}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self._qr_codes(response, QR_CARD), [PICTURE])
        self.assertEqual(qr.call_args.args[0], tx)

    def test_no_one_else_sees_the_code_with_the_order_or_payment_ids(self):
        order, tx = self._pending_order(self.currency_vnd, 1_250_000)
        hostile = {"sale_order_id": order.id, "order_id": f"{order.id} OR 1=1", "tx_id": tx.id,
                   "access_token": "<script>alert(1)</script>"}
        for login in ("portal_other", None):
            for url, params in (
                ("/shop/confirmation", {"sale_order_id": order.id}),
                ("/shop/confirmation", hostile),
                (f"/my/orders/{order.id}", None),
                (f"/my/orders/{order.id}", {"access_token": "' OR ''='"}),
                ("/payment/status", hostile),
            ):
                with self.subTest(login=login, url=url, params=params):
                    response = self._open(login, url, params=params)
                    self.assertIn(response.status_code, (200, 303, 403, 404))
                    self.assertEqual(self._qr_codes(response) + self._qr_codes(response, QR_CARD), [])
                    self.assertNotIn(order.reference, response.text)
