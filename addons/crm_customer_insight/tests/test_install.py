from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    def test_reporting_currency_defaults_to_the_main_company_currency(self):
        partner = self.env["res.partner"].create({"name": "Ana"})
        self.assertEqual(partner.insight_currency_id, self.env.ref("base.main_company").currency_id)
        self.assertEqual(partner.customer_status, "active")
