from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import PersonalizationCase, make_image


@tagged("post_install", "-at_install")
class TestPersonalizationAccess(PersonalizationCase):
    """The uploaded photo and the proof follow the order's visibility (they are attachments of its line)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_owner = new_test_user(cls.env, "gift_portal_owner", groups="base.group_portal")
        cls.portal_other = new_test_user(cls.env, "gift_portal_other", groups="base.group_portal")
        cls.salesman_own = new_test_user(cls.env, "gift_sales_own", groups="sales_team.group_sale_salesman")
        cls.salesman_seller = new_test_user(cls.env, "gift_sales_seller", groups="sales_team.group_sale_salesman")
        cls.salesman_all = new_test_user(cls.env, "gift_sales_all",
                                         groups="sales_team.group_sale_salesman_all_leads")
        cls.stock_user = new_test_user(cls.env, "gift_stock", groups="stock.group_stock_user")
        cls.manager = new_test_user(cls.env, "gift_manager", groups="sales_team.group_sale_manager")
        order = cls.env["sale.order"].create({
            "partner_id": cls.portal_owner.partner_id.id, "user_id": cls.salesman_seller.id,
        })
        cls.line = cls._order_line(cls.mug, ["No card"], order=order)
        cls.line._personalization_set_image(cls.ptal(cls.mug, cls.attr_photo), make_image(400, 400))
        cls.photo = cls.line.product_custom_attribute_value_ids.personalization_attachment_id
        cls.proof = cls.line.personalization_proof_id
        order.action_confirm()

    def _can_read(self, user, attachment):
        attachment = attachment.with_user(user)
        try:
            attachment.check_access("read")
            attachment.read(["datas"])
        except AccessError:
            return False
        return True

    def test_staff_of_the_order_read_the_photo_and_the_proof(self):
        for user in (self.salesman_seller, self.salesman_all, self.stock_user, self.manager):
            for attachment in (self.photo, self.proof):
                with self.subTest(user=user.login, attachment=attachment.name):
                    self.assertTrue(self._can_read(user, attachment))

    def test_other_customer_and_other_salesperson_cannot_read_them(self):
        for user in (self.portal_other, self.salesman_own, self.env.ref("base.public_user")):
            for attachment in (self.photo, self.proof):
                with self.subTest(user=user.login, attachment=attachment.name):
                    self.assertFalse(self._can_read(user, attachment))
            try:
                found = self.env["ir.attachment"].with_user(user).search([("res_model", "=", "sale.order.line")])
            except AccessError:
                found = self.env["ir.attachment"]
            self.assertFalse(found & (self.photo | self.proof))

    def test_salespeople_read_and_write_the_texts_of_the_orders_they_see_only(self):
        customs = self.line.product_custom_attribute_value_ids
        Custom = self.env["product.attribute.custom.value"]
        for user in (self.salesman_seller, self.salesman_all, self.manager):
            with self.subTest(user=user.login):
                self.assertEqual(Custom.with_user(user).search([("id", "in", customs.ids)]), customs)
                customs.with_user(user).check_access("write")
        # Sale's rights alone let a salesperson of their own documents read and rewrite them.
        self.assertFalse(Custom.with_user(self.salesman_own).search([("id", "in", customs.ids)]))
        for operation in ("read", "write", "unlink"):
            with self.subTest(operation=operation), self.assertRaises(AccessError):
                customs.with_user(self.salesman_own).check_access(operation)

    def test_portal_users_have_no_direct_attachment_access_even_to_their_own(self):
        # Odoo gives portal users no ir.attachment rights: the shop serves their own images through their order.
        self.assertFalse(self._can_read(self.portal_owner, self.photo))

    def test_attachments_are_neither_public_nor_shared_by_token(self):
        for attachment in (self.photo, self.proof):
            self.assertFalse(attachment.public)
            self.assertFalse(attachment.access_token)

    def test_owner_reads_the_proof_through_the_line(self):
        line = self.line.with_user(self.portal_owner)
        self.assertTrue(line.personalization_proof_image)
        with self.assertRaises(AccessError):
            self.line.with_user(self.portal_other).personalization_proof_image  # noqa: B018


@tagged("post_install", "-at_install")
class TestPersonalizedTextsAccess(PersonalizationCase):
    """The personalised texts (custom values of order lines) of one customer are not read by another, whoever gives
    portal and public users read access to custom values (website_sale does; so does this test)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        model_id = cls.env["ir.model"]._get_id("product.attribute.custom.value")
        for group in ("base.group_portal", "base.group_public"):
            cls.env["ir.model.access"].create({
                "name": "custom values, read as website_sale gives it", "model_id": model_id,
                "group_id": cls.env.ref(group).id, "perm_read": True,
            })
        cls.alice = new_test_user(cls.env, "texts_alice", groups="base.group_portal")
        cls.bob = new_test_user(cls.env, "texts_bob", groups="base.group_portal")
        cls.alice_text = cls._order_line(cls.keyring, texts={"Engraving text": "Anna"}, partner=cls.alice.partner_id
                                         ).product_custom_attribute_value_ids
        cls.bob_text = cls._order_line(cls.keyring, texts={"Engraving text": "Bob"}, partner=cls.bob.partner_id
                                       ).product_custom_attribute_value_ids

    def test_a_customer_reads_the_texts_of_their_own_orders_only(self):
        Custom = self.env["product.attribute.custom.value"]
        self.assertEqual(Custom.with_user(self.alice).search([]), self.alice_text)
        self.assertEqual(self.alice_text.with_user(self.alice).custom_value, "Anna")
        with self.assertRaises(AccessError):
            self.bob_text.with_user(self.alice).read(["custom_value"])
        self.assertEqual(Custom.with_user(self.bob).search([]), self.bob_text)

    def test_a_colleague_of_the_same_company_reads_the_company_orders_texts(self):
        # As sale's own rule on order lines: the orders of the commercial partner, whoever placed them.
        company = self.env["res.partner"].create({"name": "Texts Ltd", "is_company": True})
        self.alice.partner_id.parent_id = company
        colleague = new_test_user(self.env, "texts_colleague", groups="base.group_portal")
        colleague.partner_id.parent_id = company
        found = self.env["product.attribute.custom.value"].with_user(colleague).search([])
        self.assertEqual(found, self.alice_text)

    def test_the_public_user_reads_no_texts(self):
        # Every website visitor is this one user: the shop reads a visitor's own cart as superuser instead.
        public = self.env.ref("base.public_user")
        self.assertFalse(self.env["product.attribute.custom.value"].with_user(public).search([]))
        with self.assertRaises(AccessError):
            self.alice_text.with_user(public).read(["custom_value"])
