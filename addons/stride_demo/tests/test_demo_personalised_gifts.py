from odoo.tests import TransactionCase, tagged

from odoo.addons.stride_demo.lib import personalised_gifts as gifts


@tagged("post_install", "-at_install")
class TestDemoPersonalisedGifts(TransactionCase):
    """The demo shop sells personalised gifts (an engraved keyring, a printed photo mug, a gift box with a card) and
    has personalised orders at every stage of the pipeline, each with its proof."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.products = cls.env["product.template"].browse([
            cls.env.ref(f"stride_demo.product_template_gft_{code}_demo").id for code in ("07", "11", "12")
        ])
        cls.orders = cls.env["sale.order"].search(
            [("order_line.product_template_id", "in", cls.products.ids),
             ("order_line.product_custom_attribute_value_ids", "!=", False)]
        )

    def test_the_three_gifts_are_personalised_and_published(self):
        self.assertTrue(all(self.products.mapped("is_personalized")))
        self.assertTrue(all(self.products.mapped("is_published")))
        self.assertTrue(all(self.products.mapped("personalization_base_image")))
        keyring = self.products[0]
        kinds = set(keyring.attribute_line_ids.mapped("personalization_kind"))
        self.assertEqual(kinds, {"text", "font", "color"})

    def test_personalised_orders_across_the_pipeline_with_proofs(self):
        self.assertGreaterEqual(len(self.orders), len(gifts.GIFT_ORDERS))
        stages = set(self.orders.mapped("pipeline_stage"))
        self.assertGreaterEqual(len(stages), 4, stages)
        lines = self.orders.order_line.filtered("is_personalized")
        self.assertTrue(all(lines.mapped("personalization_proof_id")), "every personalised line has its proof")
        for line in lines:
            self.assertFalse(line._personalization_missing_fields(), line.order_id.name)
        photos = lines.product_custom_attribute_value_ids.personalization_attachment_id
        self.assertTrue(photos, "the mugs carry their photo")
        self.assertFalse(any(photos.mapped("public")))
