from odoo.tests import tagged

from .common import ACCOUNT_NUMBER, VIETCOMBANK_BIN, WireTransferQrCommon, emv_fields


@tagged("post_install", "-at_install")
class TestWireTransferQr(WireTransferQrCommon):
    """Which bank account a wire transfer's QR code pays into, and what the code says."""

    def _payload(self, tx):
        account, vals = tx._get_wire_transfer_qr_params()
        self.assertEqual(account, self.vnd_account)
        return account._get_qr_vals(**vals)

    def test_a_transfer_in_vnd_gets_a_vietqr_code_for_the_vietcombank_account(self):
        tx = self._pending_transfer(self.currency_vnd)
        payload = self._payload(tx)
        fields = emv_fields(payload)
        merchant = emv_fields(fields["38"])
        beneficiary = emv_fields(merchant["01"])
        self.assertEqual(merchant["00"], "A000000727", "NAPAS, the VietQR network")
        self.assertEqual(beneficiary, {"00": VIETCOMBANK_BIN, "01": ACCOUNT_NUMBER})
        self.assertEqual(merchant["02"], "QRIBFTTA", "a transfer to a bank account")
        self.assertEqual(fields["53"], "704", "VND")
        self.assertEqual(fields["54"], "1250000")
        self.assertEqual(fields["58"], "VN")
        self.assertEqual(fields["60"], "Ho Chi Minh")
        self.assertEqual(emv_fields(fields["62"]), {"08": "S00042-1"}, "the payment's reference, for reconciling")
        crc = self.env["res.partner.bank"]._get_crc16(payload[:-4].encode())
        self.assertEqual(payload[-4:], format(crc, "04X"))
        self.assertTrue(tx._get_wire_transfer_qr_code().startswith("data:image/png;base64,"))

    def test_accounts_in_another_currency_or_without_a_proxy_are_passed_over(self):
        usd_account = self._vietcombank_account(
            acc_number="0071000111111", proxy_value="0071000111111", currency_id=self.currency_usd.id, sequence=1
        )
        without_proxy = self._vietcombank_account(acc_number="0071000222222", proxy_type="none", sequence=2)
        self.vnd_account.sequence = 3
        self.company.partner_id.invalidate_recordset(["bank_ids"])  # the accounts in their new order
        self.assertEqual(self.company.partner_id.bank_ids[:2], usd_account | without_proxy)
        self._payload(self._pending_transfer(self.currency_vnd))

    def test_a_transfer_in_usd_or_eur_gets_no_code_and_no_error(self):
        for currency in (self.currency_usd, self.currency_euro):
            with self.subTest(currency=currency.name):
                tx = self._pending_transfer(currency, amount=49.99, reference=f"S00043-{currency.name}")
                self.assertEqual(tx._get_wire_transfer_qr_params(), (self.env["res.partner.bank"], None))
                self.assertIsNone(tx._get_wire_transfer_qr_code())

    def test_no_code_without_an_account_that_qualifies(self):
        tx = self._pending_transfer(self.currency_vnd)
        self.vnd_account.active = False
        self.assertIsNone(tx._get_wire_transfer_qr_code())
        without_bic = self.env["res.bank"].create({"name": "A bank without BIC"})
        for number, change in enumerate(({"proxy_value": False}, {"proxy_type": "none"}, {"bank_id": without_bic.id})):
            with self.subTest(change=change):
                account = self._vietcombank_account(acc_number=f"007100033333{number}", **change)
                self.assertIsNone(tx._get_wire_transfer_qr_code())
                account.active = False
        self.vnd_account.active = True
        self.company.partner_id.country_id = self.env.ref("base.us")
        self.assertIsNone(tx._get_wire_transfer_qr_code(), "VietQR is for the accounts of a company in Vietnam")

    def test_no_code_when_the_provider_shows_none_or_the_payment_is_no_longer_awaited(self):
        tx = self._pending_transfer(self.currency_vnd)
        self.provider.qr_code = False
        self.assertIsNone(tx._get_wire_transfer_qr_code())
        self.provider.qr_code = True
        tx._set_done()
        self.assertIsNone(tx._get_wire_transfer_qr_code())

    def test_another_provider_shows_no_code(self):
        tx = self._create_transaction(
            "redirect", provider_id=self.dummy_provider.id, currency_id=self.currency_vnd.id, amount=1_250_000
        )
        self.assertIsNone(tx._get_wire_transfer_qr_code())
