from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import ShoeCase


@tagged("post_install", "-at_install")
class TestShoeAccess(ShoeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env, "shoe_manager", groups="sales_team.group_sale_manager,product.group_product_manager"
        )
        cls.salesman = new_test_user(cls.env, "shoe_salesman", groups="sales_team.group_sale_salesman")
        cls.portal = new_test_user(cls.env, "shoe_portal", groups="base.group_portal")
        cls.public = cls.env.ref("base.public_user")

    def test_everyone_reads_brands_and_charts(self):
        for user in (self.manager, self.salesman, self.portal, self.public):
            self.assertEqual(self.brand.with_user(user).name, "Runsmall")
            self.assertEqual(self.env["shoe.size.chart"].with_user(user).recommend_size(252, "eu", self.brand), "40")

    def test_only_product_managers_edit_brands_and_charts(self):
        self.brand.with_user(self.manager).fit_note = "Runs small"
        self.brand_chart.line_ids.with_user(self.manager).foot_length_mm = 256
        for user in (self.salesman, self.portal, self.public):
            with self.assertRaises(AccessError):
                self.brand.with_user(user).write({"fit_note": "Runs large"})
            with self.assertRaises(AccessError):
                self.env["shoe.brand"].with_user(user).create({"name": "Intruder"})
            with self.assertRaises(AccessError):
                self.brand_chart.line_ids.with_user(user).write({"foot_length_mm": 250})
            with self.assertRaises(AccessError):
                self.brand_chart.with_user(user).unlink()

    def test_only_product_managers_create_size_runs(self):
        wizard = (
            self.env["shoe.size.run.wizard"]
            .with_user(self.manager)
            .create({"product_tmpl_id": self.template.id, "size_from": "40", "size_to": "41"})
        )
        wizard.action_create_size_run()
        self.assertEqual(len(self.template.product_variant_ids), 2)
        with self.assertRaises(AccessError):
            self.env["shoe.size.run.wizard"].with_user(self.salesman).create(
                {"product_tmpl_id": self.template.id, "size_from": "40", "size_to": "41"}
            )
