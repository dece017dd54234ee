from datetime import datetime

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import Form, new_test_user, tagged

from .common import PersonalizationCase, make_image

REPORT = "sale_gift_personalization.action_report_personalization_sheet"


@tagged("post_install", "-at_install")
class TestProductionSheet(PersonalizationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.tz = "UTC"
        # a day before any demo history (stride_demo replays the 18 months before its install: a fixed recent day
        # met its orders once the calendar reached it)
        cls.day = datetime(2020, 3, 2, 9, 0)
        cls.payload = "<script>alert(1)</script>"
        cls.ptal(cls.keyring, cls.attr_engraving).personalization_max_length = 40
        cls.keyring_line = cls._order_line(cls.keyring, ["Script", "Gold"], {"Engraving text": cls.payload})
        cls.second_keyring = cls._order_line(cls.keyring, ["Sans", "Black"], {"Engraving text": "Ben"})
        cls.mug_line = cls._order_line(cls.mug, ["Gift wrap", "No card"])
        cls.mug_line._personalization_set_image(cls.ptal(cls.mug, cls.attr_photo), make_image(400, 400))
        cls.draft_line = cls._order_line(cls.keyring, ["Sans", "Black"], {"Engraving text": "Draft"})
        cls.other_day_line = cls._order_line(cls.keyring, ["Sans", "Black"], {"Engraving text": "Later"})
        for line in cls.keyring_line | cls.second_keyring | cls.mug_line | cls.other_day_line:
            line.order_id.action_confirm()
        (cls.keyring_line | cls.second_keyring | cls.mug_line | cls.draft_line).order_id.date_order = cls.day
        cls.other_day_line.order_id.date_order = datetime(2020, 3, 3, 9, 0)

    def _wizard(self, day):
        form = Form(self.env["sale.personalization.sheet.wizard"])
        form.date = day
        return form.save()

    def test_sheet_lists_the_days_confirmed_personalised_lines(self):
        lines = self._wizard(self.day.date())._get_lines()
        self.assertEqual(lines, self.keyring_line | self.second_keyring | self.mug_line)
        salesman = new_test_user(self.env, "gift_sheet_sales", groups="sales_team.group_sale_salesman_all_leads")
        action = self._wizard(self.day.date()).with_user(salesman).action_print()
        self.assertEqual(action["report_name"], "sale_gift_personalization.report_personalization_sheet")
        self.assertEqual(action["context"]["active_ids"], lines.ids)

    def test_sheet_groups_by_product_with_texts_options_and_proofs(self):
        lines = self._wizard(self.day.date())._get_lines()
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            REPORT, lines.ids, data={"date": fields.Date.to_string(self.day.date())})
        html = html.decode()
        self.assertEqual(html.count("<h3"), 2, "one group per product")
        self.assertLess(html.index("Engraved Keyring"), html.index("Printed Mug"))
        self.assertIn("Ben", html)
        self.assertIn("Gift wrap", html)
        self.assertEqual(html.count('alt="Proof"'), 3)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", html)
        self.assertNotIn(self.payload, html)

    def test_empty_day_says_so(self):
        with self.assertRaises(UserError):
            self._wizard(datetime(2020, 1, 1).date()).action_print()

    def test_picking_carries_the_personalisation_and_the_proof(self):
        move = self.second_keyring.move_ids
        self.assertTrue(move)
        self.assertIn("Engraving: Engraving text: Ben", move.description_picking)
        self.assertTrue(move.personalization_proof_thumbnail)

    def test_packer_sees_the_proof_on_the_move(self):
        stock_user = self.env["res.users"].create({
            "name": "Packer", "login": "gift_packer",
            "group_ids": [(6, 0, [self.env.ref("stock.group_stock_user").id])],
        })
        move = self.second_keyring.move_ids.with_user(stock_user)
        self.assertTrue(move.personalization_proof_thumbnail)
