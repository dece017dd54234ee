from unittest.mock import patch

from lxml import html

from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.payment.controllers.post_processing import PaymentPostProcessing

from .common import WireTransferQrCommon

PICTURE = "data:image/png;base64,U3RyaWRl"
HOSTILE_PARAMS = {
    "tx_id": "1 OR 1=1",
    "reference": "<img src=x onerror=alert(1)>",
    "access_token": "' OR ''='",
    "qr_code": "data:image/png;base64,AAAA",
}


@tagged("post_install", "-at_install")
class TestStatusPageQr(WireTransferQrCommon, HttpCase):
    """The payment status page shows the QR code of the transfer the visitor is paying, and no one else's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = cls.portal_partner
        cls.other_portal_user = new_test_user(cls.env, "portal_other", groups="base.group_portal")

    def _qr_codes_on_status_page(self, login, tx=None, params=None):
        session = self.authenticate(login, login)
        if tx:
            session[PaymentPostProcessing.MONITORED_TX_ID_KEY] = tx.id
            http.root.session_store.save(session)
        response = self.url_open("/payment/status", params=params)
        self.assertEqual(response.status_code, 200)
        return html.fromstring(response.content).xpath("//*[contains(@class, 'o_qr_code_card')]//img/@src")

    def test_the_customer_paying_in_vnd_sees_the_vietqr_code(self):
        tx = self._pending_transfer(self.currency_vnd)
        [qr_code] = self._qr_codes_on_status_page("portal_user", tx)
        self.assertTrue(qr_code.startswith("data:image/png;base64,"))
        # That picture is the transfer's own code: the same payload is drawn into different PNG bytes inside a
        # request, so the payload is checked in test_wire_transfer_qr, and here the page shows a known picture.
        with patch.object(type(tx), "_get_wire_transfer_qr_code", autospec=True, return_value=PICTURE) as qr:
            self.assertEqual(self._qr_codes_on_status_page("portal_user", tx), [PICTURE])
        self.assertEqual(qr.call_args.args[0], tx)

    def test_a_transfer_in_usd_shows_no_code(self):
        tx = self._pending_transfer(self.currency_usd, amount=49.99)
        self.assertEqual(self._qr_codes_on_status_page("portal_user", tx), [])

    def test_no_one_else_sees_the_code_whatever_they_send(self):
        tx = self._pending_transfer(self.currency_vnd)
        for login in ("portal_other", None):
            for params in ({"tx_id": tx.id, "reference": tx.reference}, HOSTILE_PARAMS):
                with self.subTest(login=login, params=params):
                    self.assertEqual(self._qr_codes_on_status_page(login, params=params), [])
