from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ShopPersonalizationCase


@tagged("post_install", "-at_install")
class TestPersonalizationTour(ShopPersonalizationCase):
    """The product page flow in a browser: refused add, text, font, colour, option, upload, add, cart, edit."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Every kind of field on one product: gcore's keyring (text with font and colour) plus an option and a photo.
        cls.frame = cls.keyring
        cls.frame.write({
            "attribute_line_ids": [
                (0, 0, {"attribute_id": cls.attr_gift.id, "value_ids": [(6, 0, cls.attr_gift.value_ids.ids)],
                        "personalization_kind": "option", "sequence": 40}),
                (0, 0, {"attribute_id": cls.attr_photo.id, "value_ids": [(6, 0, cls.attr_photo.value_ids.ids)],
                        "personalization_kind": "image", "sequence": 50, "personalization_box_width": 30,
                        "personalization_box_height": 30}),
            ],
        })

    def _tour(self):
        # The tour's first add to cart is refused on purpose (the engraving is missing): odoo.http logs it.
        with mute_logger("odoo.http"):
            self.start_tour(self.frame.website_url, "website_sale_gift_personalization_flow", login="gift_alice")
        line = self._cart(self.alice).order_line
        self.assertEqual(len(line), 1)
        values = {value["label"]: value["value"] for value in line._get_personalization_values()}
        self.assertEqual(values["Engraving"], "Tom & Anna")
        self.assertEqual(values["Font"], "Script")
        self.assertEqual(values["Gift options"], "Gift wrap")
        self.assertEqual(values["Photo"], "holiday.png")
        self.assertEqual(line.price_unit, 15.0)

    def test_product_page_flow_on_a_desktop(self):
        self._tour()


@tagged("post_install", "-at_install")
class TestPersonalizationTourOnPhone(TestPersonalizationTour):
    browser_size = "390x844"
    touch_enabled = True

    # Odoo's test loader runs only the test methods a class defines itself.
    def test_product_page_flow_on_a_phone(self):
        self._tour()
