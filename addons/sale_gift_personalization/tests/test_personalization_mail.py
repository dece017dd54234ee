from odoo.tests import tagged

from odoo.addons.mail.tests.common import MockEmail

from .common import PersonalizationCase


@tagged("post_install", "-at_install")
class TestPersonalizationMail(PersonalizationCase, MockEmail):
    """sale's confirmation mail lists product names only: the customer also reads what will be made, escaped."""

    def _confirm_and_mail(self, line):
        line.order_id.action_confirm()
        with self.mock_mail_gateway():
            line.order_id._send_order_confirmation_mail()
        return "".join(mail["body"] for mail in self._mails)

    def test_confirmation_mail_shows_each_personalised_line(self):
        line = self._order_line(self.keyring, values=("Script", "Gold"), texts={"Engraving text": "Anh <b>&</b> Linh"})
        body = self._confirm_and_mail(line)
        self.assertIn("o_personalization_mail", body)
        self.assertIn("Engraved Keyring", body)
        self.assertIn("Anh &lt;b&gt;&amp;&lt;/b&gt; Linh", body, "the customer's text is shown as text")
        self.assertNotIn("<b>&</b>", body)
        self.assertIn("Script", body)
        self.assertIn("Gold", body)

    def test_plain_orders_and_chatter_notes_are_unchanged(self):
        plain = self.env["product.product"].create({"name": "Plain Mug", "list_price": 9.0})
        order = self.env["sale.order"].create({
            "partner_id": self.customer.id,
            "order_line": [(0, 0, {"product_id": plain.id})],
        })
        order.action_confirm()
        with self.mock_mail_gateway():
            order._send_order_confirmation_mail()
        self.assertTrue(self._mails)
        self.assertNotIn("o_personalization_mail", "".join(mail["body"] for mail in self._mails))
        line = self._order_line(self.keyring, values=("Sans",), texts={"Engraving text": "Minh"})
        line.order_id.message_subscribe(partner_ids=self.customer.ids)
        with self.mock_mail_gateway():
            line.order_id.message_post(body="Your parcel leaves tomorrow", message_type="comment",
                                       subtype_xmlid="mail.mt_comment", partner_ids=self.customer.ids)
        self.assertTrue(self._mails)
        self.assertNotIn("o_personalization_mail", "".join(mail["body"] for mail in self._mails))
