from odoo import models


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    def _get_wire_transfer_qr_params(self):
        """The company bank account this wire transfer's QR code pays into, and Odoo's QR values for it
        (``res.partner.bank._build_qr_code_vals``); an empty account and None when no QR code is to be shown.

        Odoo's own pages take the company's first bank account whatever the currency, so a VND order met a USD
        account and showed nothing. Here the first account in the transfer's currency (or in none) that Odoo can
        make a QR code for wins: for VND a Vietnamese account with its bank's BIC and a proxy (VietQR, l10n_vn).
        The accounts are read as superuser: the customer paying never reads the company's bank accounts.
        """
        self.ensure_one()
        no_account = self.env["res.partner.bank"]
        provider = self.provider_id.sudo()
        if provider.custom_mode != "wire_transfer" or not provider.qr_code or self.state not in ("draft", "pending"):
            return no_account, None
        accounts = self.company_id.sudo().partner_id.bank_ids.filtered(
            lambda account: not account.currency_id or account.currency_id == self.currency_id
        )
        communication = self._get_communication()
        for account in accounts:
            vals = account._build_qr_code_vals(self.amount, communication, None, self.currency_id, self.partner_id)
            if vals:
                return account, vals
        return no_account, None

    def _get_wire_transfer_qr_code(self):
        """This wire transfer's QR code as an image data URI, or None (see ``_get_wire_transfer_qr_params``)."""
        account, vals = self._get_wire_transfer_qr_params()
        return account._get_qr_code_base64(**vals) if vals else None
