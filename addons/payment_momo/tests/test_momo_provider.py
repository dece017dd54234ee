from odoo.tests import tagged

from odoo.addons.payment_momo.tests.common import MomoCommon


@tagged("post_install", "-at_install")
class TestMomoProvider(MomoCommon):
    def test_momo_is_offered_for_vnd_only(self):
        self.assertEqual(self.momo.available_currency_ids, self.currency)
        compatible = self.env["payment.provider"]._get_compatible_providers(
            self.company.id, self.partner.id, self.amount, currency_id=self.currency.id
        )
        self.assertIn(self.momo, compatible)
        compatible = self.env["payment.provider"]._get_compatible_providers(
            self.company.id, self.partner.id, 100.0, currency_id=self.currency_euro.id
        )
        self.assertNotIn(self.momo, compatible)

    def test_enabling_momo_activates_odoo_momo_payment_method(self):
        self.assertEqual(self.momo._get_default_payment_method_codes(), {"momo"})
        self.momo.state = "disabled"
        self.payment_method.active = False
        self.momo.state = "test"
        self.assertTrue(self.payment_method.active)
        self.assertEqual(self.momo.payment_method_ids, self.payment_method)

    def test_momo_supports_partial_refunds_only_no_tokens(self):
        self.assertEqual(self.momo.support_refund, "partial")
        self.assertFalse(self.momo.support_tokenization)
        self.assertFalse(self.momo.support_manual_capture)

    def test_keys_are_readable_by_settings_admins_only(self):
        provider_fields = self.env["payment.provider"]._fields
        self.assertEqual(provider_fields["momo_secret_key"].groups, "base.group_system")
        self.assertEqual(provider_fields["momo_access_key"].groups, "base.group_system")
