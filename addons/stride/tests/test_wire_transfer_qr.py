from odoo import Command
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestWireTransferQr(TransactionCase):
    """The wire transfer instructions carry the QR code of the company's bank account, made by Odoo."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.transfer = cls.env.ref("payment.payment_provider_transfer")
        cls.transfer._transfer_ensure_pending_msg_is_set()  # the transfer details the QR code sits beside
        cls.company = cls.transfer.company_id
        cls.partner = cls.env["res.partner"].create({"name": "Transfer Shopper"})

    def _pending_transfer(self, currency_xmlid, amount):
        tx = self.env["payment.transaction"].create({
            "provider_id": self.transfer.id,
            "payment_method_id": self.env.ref("payment_custom.payment_method_wire_transfer").id,
            "amount": amount,
            "currency_id": self.env.ref(currency_xmlid).id,
            "partner_id": self.partner.id,
            "reference": f"STRIDE-TRANSFER-{currency_xmlid}",
            "operation": "online_redirect",
        })
        tx._set_pending()
        return tx

    def _company_bank_account(self, **values):
        # First in order: the instructions use the company's first account.
        self.company.partner_id.bank_ids = [Command.create({"sequence": -100, **values})]
        return self.company.partner_id.bank_ids.sorted()[:1]

    def _instructions(self, tx):
        return str(self.env["ir.qweb"]._render("payment.state_header", {"tx": tx}))

    def test_transfer_instructions_show_the_bank_qr_code(self):
        self._company_bank_account(acc_number="BE71 0961 2345 6769", acc_holder_name="Stride")
        html = self._instructions(self._pending_transfer("base.EUR", 84.99))
        self.assertIn("Scan me in your banking app", html)
        self.assertIn('src="data:image/png;base64,', html)

    def test_no_qr_code_when_the_bank_account_cannot_make_one(self):
        # A USD account has no QR standard in Odoo: the instructions stay as they were, without an empty card.
        self._company_bank_account(acc_number="000123456789")
        self.assertNotIn("Scan me in your banking app", self._instructions(self._pending_transfer("base.USD", 99.0)))

    def test_invoice_shows_the_qr_code_of_its_bank_account(self):
        account = self._company_bank_account(acc_number="BE71 0961 2345 6769", acc_holder_name="Stride")
        invoice = self.env["account.move"].create({
            "move_type": "out_invoice",
            "partner_id": self.partner.id,
            "currency_id": self.env.ref("base.EUR").id,
            "partner_bank_id": account.id,
            "invoice_line_ids": [Command.create({"name": "Trail runner", "quantity": 1, "price_unit": 84.99})],
        })
        self.assertTrue(invoice.display_qr_code)
        self.assertTrue(invoice._generate_qr_code(silent_errors=True))
        self.assertEqual(invoice.qr_code_method, "sct_qr")
