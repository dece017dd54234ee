from unittest.mock import patch

from odoo.addons.payment.tests.common import PaymentCommon
from odoo.addons.payment_momo.models.payment_provider import PaymentProvider
from odoo.addons.payment_momo.tests.fake_momo import FakeMomo


class MomoCommon(PaymentCommon):
    """A MoMo provider in test mode talking to a fake MoMo on 127.0.0.1, and a VND transaction to pay."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fake_momo = FakeMomo("MOMOSTRIDE01", "F8BBA842ECF85", "K951B6PE1waDMi640xX08PD3vg6EkVlz").start()
        cls.addClassCleanup(cls.fake_momo.stop)
        cls.startClassPatcher(patch.object(PaymentProvider, "_momo_get_api_url", lambda provider: cls.fake_momo.url))

        cls.momo = cls._prepare_provider(
            "momo",
            update_values={
                "momo_partner_code": "MOMOSTRIDE01",
                "momo_access_key": "F8BBA842ECF85",
                "momo_secret_key": "K951B6PE1waDMi640xX08PD3vg6EkVlz",
            },
        )
        cls.provider = cls.momo
        cls.currency = cls._enable_currency("VND")
        cls.payment_method = cls.env.ref("payment.payment_method_momo")
        cls.payment_method_id = cls.payment_method.id
        cls.payment_method_code = cls.payment_method.code
        cls.amount = 150000
        cls.reference = "S00042"

    def setUp(self):
        super().setUp()
        self.fake_momo.reset()

    def _create_momo_order(self, **values):
        """A redirect transaction whose order MoMo created (the customer is on MoMo's payment page)."""
        tx = self._create_transaction("redirect", **values)
        processing_values = tx._get_processing_values()
        self.assertIn("redirect_form_html", processing_values)
        self.assertIn(tx.reference, self.fake_momo.orders)
        return tx
