from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ShopPersonalizationCase


@tagged("post_install", "-at_install")
class TestShopCart(ShopPersonalizationCase):
    """Add to cart, server-side rules and editing a line, through the shop's own routes."""

    def test_personalised_add_keeps_the_values_on_the_line(self):
        self.authenticate("gift_alice", "gift_alice")
        self._add(self.keyring, ("Script", "Gold"), {"Engraving text": "  Anna & Tom  "})
        line = self._cart(self.alice).order_line
        self.assertEqual(len(line), 1)
        values = {value["label"]: value["value"] for value in line._get_personalization_values()}
        self.assertEqual(values["Engraving"], "Anna & Tom")
        self.assertEqual(values["Font"], "Script")
        self.assertEqual(values["Ink colour"], "Gold")
        self.assertIn("Engraving text: Anna & Tom", line.name)

    def test_option_extra_prices_reach_the_line(self):
        self.authenticate("gift_alice", "gift_alice")
        upload = self._upload(self.ptal(self.mug, self.attr_photo), self.photo).json()
        self._add(self.mug, ("Gift wrap", "Gift box"), {"Your photo": upload["id"], "With a message": "Happy day"})
        line = self._cart(self.alice).order_line
        self.assertEqual(line.price_unit, 15.0 + 3.0 + 5.0 + 2.0)

    def test_same_product_personalised_twice_makes_two_lines(self):
        self.authenticate("gift_alice", "gift_alice")
        self._add(self.keyring, texts={"Engraving text": "Anna"})
        self._add(self.keyring, texts={"Engraving text": "Tom"})
        self._add(self.keyring, texts={"Engraving text": "Tom"})
        lines = self._cart(self.alice).order_line
        self.assertEqual(len(lines), 3)
        self.assertEqual(
            sorted(lines.product_custom_attribute_value_ids.mapped("custom_value")), ["Anna", "Tom", "Tom"]
        )

    @mute_logger("odoo.http")
    def test_missing_required_text_is_refused_and_nothing_is_added(self):
        self.authenticate("gift_alice", "gift_alice")
        self._add(self.keyring, texts={"Engraving text": "Anna"})
        cart = self._cart(self.alice)
        message = self._add_refused(self.keyring, ("Script",), {"Engraving text": "   "})
        self.assertIn("Engraving", message)
        self.assertEqual(len(cart.order_line), 1)

    @mute_logger("odoo.http")
    def test_first_add_refused_leaves_no_cart(self):
        self.authenticate("gift_alice", "gift_alice")
        self._add_refused(self.keyring, texts={"Engraving text": ""})
        self.assertFalse(self._cart(self.alice).order_line)

    @mute_logger("odoo.http")
    def test_text_rules_are_checked_by_the_server(self):
        self.authenticate("gift_alice", "gift_alice")
        for text in ("x" * 21, "Anna\u202eevil", "two\nlines", "nul\x00", ["list"], {"a": 1}):
            with self.subTest(text=text):
                self.assertIn("Engraving", self._add_refused(self.keyring, texts={"Engraving text": text}))
        self.assertFalse(self._cart(self.alice).order_line)

    @mute_logger("odoo.http")
    def test_condition_makes_a_field_required_only_when_its_value_is_chosen(self):
        self.authenticate("gift_alice", "gift_alice")
        photo = self._upload(self.ptal(self.mug, self.attr_photo), self.photo).json()["id"]
        # A gift box asks for the card message.
        message = self._add_refused(self.mug, ("Gift box",), {"Your photo": photo, "With a message": ""})
        self.assertIn("Greeting card", message)
        # Without the box, a message typed in the hidden field never reaches the order.
        self._add(self.mug, ("Gift wrap",), {"Your photo": photo, "With a message": "Hidden words"})
        line = self._cart(self.alice).order_line
        self.assertEqual(len(line), 1)
        self.assertNotIn("Hidden words", line.name)
        self.assertNotIn("Hidden words", line.product_custom_attribute_value_ids.mapped("custom_value"))

    @mute_logger("odoo.http")
    def test_missing_required_image_is_refused(self):
        self.authenticate("gift_alice", "gift_alice")
        self.assertIn("Photo", self._add_refused(self.mug, texts={"Your photo": ""}))

    def test_markup_in_a_text_or_file_name_shows_as_text_in_cart_checkout_and_portal(self):
        self.authenticate("gift_alice", "gift_alice")
        script = "<script>x()</script>"
        image_tag = "<img src=x onerror=alert(1)>"
        upload = self._upload(self.ptal(self.mug, self.attr_photo), self.photo, f"{image_tag}.png").json()
        self.assertEqual(upload["name"], f"{image_tag}.png")
        self._add(self.mug, ("Gift wrap",), {"Your photo": upload["id"], "Engraving text": script})
        order = self._cart(self.alice)
        self.assertIn(script, order.order_line.name)
        self.assertIn(image_tag, order.order_line.name)
        for url in ("/shop/cart", "/shop/checkout?try_skip_step=false", f"/my/orders/{order.id}"):
            with self.subTest(url=url):
                html = self.url_open(url).text
                self.assertNotIn(script, html)
                self.assertNotIn(image_tag, html)
                self.assertIn("&lt;script&gt;x()&lt;/script&gt;", html)

    def test_a_guest_sees_and_edits_the_texts_of_their_own_cart(self):
        # The public user may read no custom values (sale_gift_personalization's rule, as every visitor is that one
        # user): the shop reads the visitor's own cart as superuser, so a guest's texts still show and edit.
        self.authenticate(None, None)
        self._add(self.keyring, ("Script",), {"Engraving text": "Guest gift"})
        line = self.env["sale.order.line"].search(
            [("product_custom_attribute_value_ids.custom_value", "=", "Guest gift")]
        )
        cart = line.order_id
        self.assertEqual(cart.partner_id, self.website.user_id.partner_id)
        for url in ("/shop/cart", f"{self.keyring.website_url}?personalization_line={line.id}"):
            with self.subTest(url=url):
                self.assertIn("Guest gift", self.url_open(url).text)
        self._add(self.keyring, texts={"Engraving text": "Edited"}, personalization_line_id=line.id)
        self.assertEqual(cart.order_line.product_custom_attribute_value_ids.custom_value, "Edited")
        self.assertIn("Edited", self.url_open("/shop/cart").text)

    def test_edit_saves_into_the_line_and_keeps_its_quantity(self):
        self.authenticate("gift_alice", "gift_alice")
        self._add(self.keyring, ("Sans",), {"Engraving text": "Anna"})
        self._add(self.keyring, texts={"Engraving text": "Other line"})
        cart = self._cart(self.alice)
        line = cart.order_line.filtered(lambda sol: "Anna" in sol.name)
        self.make_jsonrpc_request("/shop/cart/update", {"line_id": line.id, "quantity": 3})
        position = cart.order_line.ids.index(line.id)
        page = self.url_open(f"{self.keyring.website_url}?personalization_line={line.id}").text
        self.assertIn('value="Anna"', page)
        self.assertIn(f'data-edit-line-id="{line.id}"', page)

        self._add(self.keyring, ("Script", "Gold"), {"Engraving text": "Tom"}, personalization_line_id=line.id)
        self.assertFalse(line.exists())
        self.assertEqual(len(cart.order_line), 2)
        edited = cart.order_line.sorted()[position]
        self.assertIn("Tom", edited.name)
        self.assertIn("Script", edited.name)
        self.assertEqual(edited.product_uom_qty, 3)

    def test_edit_of_an_image_line_keeps_the_uploaded_image(self):
        self.authenticate("gift_alice", "gift_alice")
        photo = self._upload(self.ptal(self.mug, self.attr_photo), self.photo).json()["id"]
        self._add(self.mug, texts={"Your photo": photo})
        line = self._cart(self.alice).order_line
        self._add(self.mug, ("Gift wrap",), {"Your photo": photo}, personalization_line_id=line.id)
        edited = self._cart(self.alice).order_line
        self.assertEqual(len(edited), 1)
        self.assertEqual(edited.product_custom_attribute_value_ids.personalization_attachment_id.id, photo)
        attachment = self.env["ir.attachment"].browse(photo)
        self.assertEqual((attachment.res_model, attachment.res_id), ("sale.order.line", edited.id))

    @mute_logger("odoo.http")
    def test_nobody_edits_another_customers_line(self):
        self.authenticate("gift_alice", "gift_alice")
        self._add(self.keyring, texts={"Engraving text": "Anna"})
        alices_line = self._cart(self.alice).order_line
        self.authenticate("gift_bob", "gift_bob")
        self._add(self.keyring, texts={"Engraving text": "Bob"})
        for raw in (alices_line.id, str(alices_line.id), "²", "٣", "99999999999999999999", -1, 0, "1e3"):
            with self.subTest(line=raw):
                message = self._add_refused(
                    self.keyring, texts={"Engraving text": "Hacked"}, personalization_line_id=raw
                )
                self.assertIn("no longer in your cart", message)
        page = self.url_open(f"{self.keyring.website_url}?personalization_line={alices_line.id}")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("Anna", page.text)
        self.assertEqual(alices_line.product_custom_attribute_value_ids.custom_value, "Anna")
        self.assertEqual(len(self._cart(self.bob).order_line), 1)

    def test_hostile_edit_parameters_on_the_product_page_are_ignored(self):
        for raw in ("²", "٣", "99999999999999999999", "<script>", "-1"):
            with self.subTest(raw=raw):
                response = self.url_open(f"{self.keyring.website_url}?personalization_line={raw}")
                self.assertEqual(response.status_code, 200)
                self.assertNotIn("data-edit-line-id=", response.text)
