from odoo.addons.payment_custom.tests.common import PaymentCustomCommon

VIETCOMBANK_BIN = "970436"
ACCOUNT_NUMBER = "0071000123456"


def emv_fields(payload):
    """An EMV QR payload's top-level fields, tag -> value (each field is a 2-digit tag, a 2-digit length, the value)."""
    fields, position = {}, 0
    while position < len(payload):
        tag, length = payload[position:position + 2], int(payload[position + 2:position + 4])
        fields[tag] = payload[position + 4:position + 4 + length]
        position += 4 + length
    return fields


class WireTransferQrCommon(PaymentCustomCommon):
    """The company in Ho Chi Minh City with a Vietcombank account in VND, and wire transfers showing QR codes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.currency_vnd = cls._enable_currency("VND")
        # Odoo shows a payment's status box (and the QR code in it) on an order's page only with a message to show.
        cls.provider = cls._prepare_provider(code="custom", custom_mode="wire_transfer", update_values={
            "qr_code": True, "pending_msg": "<p>Please transfer the amount to our Vietcombank account.</p>",
        })
        cls.payment_method_id = cls.provider.payment_method_ids[:1].id
        # Only the accounts these tests make (a database may hold others, the demo shop's Vietcombank one included).
        cls.company.partner_id.bank_ids.active = False
        cls.company.partner_id.write({"country_id": cls.env.ref("base.vn").id, "city": "Hồ Chí Minh"})
        cls.vietcombank = cls.env["res.bank"].create({"name": "Vietcombank (test)", "bic": VIETCOMBANK_BIN})
        cls.vnd_account = cls._vietcombank_account()

    @classmethod
    def _vietcombank_account(cls, **values):
        return cls.env["res.partner.bank"].create({
            "acc_number": ACCOUNT_NUMBER,
            "partner_id": cls.company.partner_id.id,
            "bank_id": cls.vietcombank.id,
            "currency_id": cls.currency_vnd.id,
            "proxy_type": "bank_acc",
            "proxy_value": ACCOUNT_NUMBER,
            "include_reference": True,
            **values,
        })

    def _pending_transfer(self, currency, amount=1_250_000, reference="S00042-1", **values):
        tx = self._create_transaction(
            "redirect", currency_id=currency.id, amount=amount, reference=reference, **values
        )
        tx._set_pending()
        return tx
