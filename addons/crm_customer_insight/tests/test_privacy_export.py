import base64
import io
import json
import zipfile

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from .privacy_common import PrivacyCommon


@tagged("post_install", "-at_install")
class TestPrivacyExport(PrivacyCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_privacy_records()
        cls.order.action_confirm()
        cls._privacy_history()

    def _export(self, file_format, user="admin", partner=None):
        partner = (partner or self.contact).with_user(self.users[user])
        wizard_action = partner.action_insight_privacy_export()
        wizard = (
            self.env["crm.customer.privacy.wizard"]
            .with_user(self.users[user])
            .with_context(**wizard_action["context"])
            .create({"export_format": file_format})
        )
        action = wizard.action_confirm()
        attachment_id = int(action["url"].split("/web/content/")[1].split("?")[0])
        return action, self.env["ir.attachment"].browse(attachment_id)

    def test_json_export_holds_every_kind_of_data_of_the_customer_and_its_contacts(self):
        action, attachment = self._export("json")
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertIn("download=true", action["url"])
        data = json.loads(base64.b64decode(attachment.datas))
        # The first kinds are this addon's; bridges (loyalty) add theirs after them.
        self.assertEqual(
            list(data)[:7], ["profile", "orders", "order_lines", "invoices", "messages", "activities", "feedback"]
        )
        self.assertEqual({row["name"] for row in data["profile"]}, {"Lumen Gifts", "Ana Lumen"})
        profile = next(row for row in data["profile"] if row["name"] == "Lumen Gifts")
        self.assertEqual(profile["city"], "Hà Nội")
        self.assertEqual(profile["comment"].strip(), "Prefers calls after 5 pm")
        self.assertEqual(profile["country_id"], "Vietnam")
        self.assertEqual([row["name"] for row in data["orders"]], [self.order.name])
        self.assertEqual(data["order_lines"][0]["price_subtotal"], 80.0)
        bodies = " ".join(row["body"] for row in data["messages"])
        self.assertIn("gift-wrap", bodies)
        self.assertIn("Called back", bodies)
        self.assertEqual([row["summary"] for row in data["activities"]], ["Call about the engraving"])
        self.assertEqual([(row["rating"], row["feedback"]) for row in data["feedback"]], [(5.0, "Lovely wrapping")])
        # Another customer's order never leaks in.
        self.assertNotIn(self.other_order.name, json.dumps(data))

    def test_csv_export_is_a_zip_of_one_csv_per_kind(self):
        _action, attachment = self._export("csv")
        self.assertEqual(attachment.mimetype, "application/zip")
        with zipfile.ZipFile(io.BytesIO(base64.b64decode(attachment.datas))) as archive:
            self.assertIn("profile.csv", archive.namelist())
            self.assertIn("orders.csv", archive.namelist())
            orders = archive.read("orders.csv").decode("utf-8-sig")
        self.assertIn(self.order.name, orders)

    def test_export_is_logged_and_its_file_readable_by_admins_only(self):
        _action, attachment = self._export("json")
        log = self.env["crm.customer.privacy.log"].search([("partner_id", "=", self.customer.id)])
        self.assertEqual(len(log), 1)
        self.assertEqual((log.operation, log.file_format, log.user_id), ("export", "json", self.users["admin"]))
        self.assertEqual((attachment.res_model, attachment.res_id), (log._name, log.id))
        attachment.with_user(self.users["admin"]).check_access("read")
        for role in ("manager", "agent", "readonly", "portal"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                attachment.with_user(self.users[role]).check_access("read")

    def test_only_admins_may_export(self):
        for role in ("manager", "agent", "readonly", "portal"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                self.contact.with_user(self.users[role])._insight_privacy_export("json")
            with self.subTest(role=role), self.assertRaises(AccessError):
                self.contact.with_user(self.users[role]).action_insight_privacy_export()
        self.assertFalse(self.env["crm.customer.privacy.log"].search([("partner_id", "=", self.customer.id)]))

    def test_csv_cells_cannot_smuggle_a_spreadsheet_formula(self):
        self.customer.function = '=HYPERLINK("http://evil.example","click")'
        _action, attachment = self._export("csv")
        with zipfile.ZipFile(io.BytesIO(base64.b64decode(attachment.datas))) as archive:
            profile = archive.read("profile.csv").decode("utf-8-sig")
        self.assertIn("'=HYPERLINK", profile)
