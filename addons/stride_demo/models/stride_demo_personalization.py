import base64
from datetime import datetime, time

from odoo import Command, api, models

from odoo.addons.sale_order_pipeline.models.sale_order import replaying_history

from ..lib import catalog, history
from ..lib import personalised_gifts as gifts
from .stride_demo_builder import demo_xmlid


class StrideDemoBuilder(models.AbstractModel):
    """Personalised gifts: the engraved keyring with its font and ink colour, a printed photo mug and a gift box
    with a greeting card, and a few personalised orders across the pipeline (proofs rendered by the server)."""

    _inherit = "stride.demo.builder"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _stride_demo_steps(self):
        # 56: after the loyalty club (55), whose campaign orders gifts without a personalisation; before the stock
        # alerts (61).
        return super()._stride_demo_steps() + [(56, "_demo_personalised_gifts")]

    def _demo_personalised_gifts(self, shop):
        attributes = self._demo_personalisation_attributes(shop)
        products = self._demo_personalised_products(shop, attributes)
        shop["personalised_orders"] = self._demo_personalised_orders(shop, products)

    def _demo_personalisation_attributes(self, shop):
        Attribute = self.env["product.attribute"]
        attributes = {
            "font": Attribute.create({
                "name": "Font", "create_variant": "no_variant", "display_type": "pills",
                "value_ids": [
                    Command.create({"name": "Sans", "personalization_font": "sans", "sequence": 1}),
                    Command.create({"name": "Script", "personalization_font": "script", "sequence": 2}),
                    Command.create({"name": "Handwriting", "personalization_font": "handwriting", "sequence": 3}),
                ],
            }),
            "ink": Attribute.create({
                "name": "Ink colour", "create_variant": "no_variant", "display_type": "color",
                "value_ids": [
                    Command.create({"name": "Silver", "html_color": "#c0c0c0", "sequence": 1}),
                    Command.create({"name": "Gold", "html_color": "#d4a017", "sequence": 2}),
                    Command.create({"name": "Black", "html_color": "#1b1b1b", "sequence": 3}),
                ],
            }),
            "photo": Attribute.create({
                "name": "Photo", "create_variant": "no_variant",
                "value_ids": [Command.create({"name": "Your photo", "is_custom": True})],
            }),
            "gift_options": Attribute.create({
                "name": "Gift options", "create_variant": "no_variant", "display_type": "multi",
                "value_ids": [
                    Command.create({"name": "Gift wrap", "default_extra_price": 3.0, "sequence": 1}),
                    Command.create({"name": "Gift box", "default_extra_price": 5.0, "sequence": 2}),
                ],
            }),
            "card": Attribute.create({
                "name": "Greeting card", "create_variant": "no_variant", "display_type": "radio",
                "value_ids": [
                    Command.create({"name": "No card", "sequence": 1}),
                    Command.create({"name": "With a message", "is_custom": True, "default_extra_price": 2.0,
                                    "sequence": 2}),
                ],
            }),
        }
        self._register_xmlids({
            demo_xmlid("product_attribute", key): attribute for key, attribute in attributes.items()
        })
        attributes["text"] = shop["attributes"]["personalisation"]
        return attributes

    def _demo_base_image(self, colour_hex):
        """A 512 px picture of the gift: the print area is its middle half."""
        return self._draw("gift", colour_hex, "#ffffff", " ")

    def _demo_personalised_products(self, shop, attributes):
        area = {"personalization_area_left": 128, "personalization_area_top": 160,
                "personalization_area_width": 256, "personalization_area_height": 192}
        keyring = self.env.ref(demo_xmlid("product_template", "GFT-07"))
        keyring.write({"personalization_base_image": self._demo_base_image("#c19a6b"), **area})
        keyring.attribute_line_ids.filtered(lambda line: line.attribute_id == attributes["text"]).write({
            "personalization_kind": "text", "personalization_required": True, "personalization_max_length": 20,
            "personalization_box_left": 5, "personalization_box_top": 25,
            "personalization_box_width": 90, "personalization_box_height": 50, "sequence": 1,
        })
        keyring.write({"attribute_line_ids": [
            Command.create({"attribute_id": attributes[key].id,
                            "value_ids": [Command.set(attributes[key].value_ids.ids)],
                            "personalization_kind": kind, "sequence": sequence})
            for key, kind, sequence in (("font", "font", 2), ("ink", "color", 3))
        ]})
        text_line = self._demo_line(keyring, attributes["text"])
        text_line.write({
            "personalization_font_line_id": self._demo_line(keyring, attributes["font"]).id,
            "personalization_color_line_id": self._demo_line(keyring, attributes["ink"]).id,
        })
        gift_category = shop["categories"][catalog.GIFT_CATEGORY]
        common = {
            "type": "consu",
            "categ_id": gift_category["internal"].id,
            "public_categ_ids": [Command.set(gift_category["public"].ids)],
            "is_published": True,
        }
        mug = self.env["product.template"].create({
            **common, **area,
            "name": "Printed Photo Mug",
            "default_code": "GFT-11",
            "list_price": 17.99,
            "standard_price": round(17.99 * catalog.COST_RATIO, 2),
            "website_sequence": 110,
            "description_sale": "Your photo and a line of text printed on a white ceramic mug.",
            "image_1920": self._draw("gift", "#f4f1ea", "#2e6b4f", "M"),
            "personalization_base_image": self._demo_base_image("#f4f1ea"),
            "attribute_line_ids": [
                Command.create({"attribute_id": attributes["photo"].id,
                                "value_ids": [Command.set(attributes["photo"].value_ids.ids)],
                                "personalization_kind": "image", "personalization_required": True, "sequence": 1,
                                "personalization_box_left": 15, "personalization_box_top": 0,
                                "personalization_box_width": 70, "personalization_box_height": 75}),
                Command.create({"attribute_id": attributes["text"].id,
                                "value_ids": [Command.set(attributes["text"].value_ids.ids)],
                                "personalization_kind": "text", "personalization_max_length": 30, "sequence": 2,
                                "personalization_box_left": 0, "personalization_box_top": 78,
                                "personalization_box_width": 100, "personalization_box_height": 22}),
                Command.create({"attribute_id": attributes["gift_options"].id,
                                "value_ids": [Command.set(attributes["gift_options"].value_ids.ids)],
                                "personalization_kind": "option", "sequence": 3}),
            ],
        })
        gift_box = self.env["product.template"].create({
            **common, **area,
            "name": "Stride Gift Box with Card",
            "default_code": "GFT-12",
            "list_price": 9.99,
            "standard_price": round(9.99 * catalog.COST_RATIO, 2),
            "website_sequence": 111,
            "description_sale": "A sturdy gift box for any pair, with a greeting card written for you.",
            "image_1920": self._draw("gift", "#1f3a5f", "#d4a017", "B"),
            "personalization_base_image": self._demo_base_image("#1f3a5f"),
            "attribute_line_ids": [
                Command.create({"attribute_id": attributes["card"].id,
                                "value_ids": [Command.set(attributes["card"].value_ids.ids)],
                                "personalization_kind": "text", "personalization_required": True,
                                "personalization_max_length": 200, "sequence": 1,
                                "personalization_box_left": 5, "personalization_box_top": 10,
                                "personalization_box_width": 90, "personalization_box_height": 80}),
                Command.create({"attribute_id": attributes["gift_options"].id,
                                "value_ids": [Command.set(attributes["gift_options"].value_ids[:1].ids)],
                                "personalization_kind": "option", "sequence": 2}),
            ],
        })
        self._register_xmlids({
            demo_xmlid("product_template", "GFT-11"): mug,
            demo_xmlid("product_template", "GFT-12"): gift_box,
        })
        return {"keyring": keyring, "mug": mug, "gift_box": gift_box}

    @api.model
    def _demo_line(self, template, attribute):
        return template.attribute_line_ids.filtered(lambda line: line.attribute_id == attribute)

    def _demo_personalised_orders(self, shop, products):
        """The planned personalised orders, moved through the pipeline without mailing anyone."""
        today = shop["today"]
        users = shop["users"]
        photo = base64.b64decode(self._draw("gift", "#4a9fd8", "#f26b5b", "\u2665"))
        SaleOrder = self.env["sale.order"]
        orders = SaleOrder
        for plan, day in zip(gifts.GIFT_ORDERS, gifts.order_dates(today)):
            template = products[plan.product]
            partner = users["customer"].partner_id if plan.customer is None else shop["partners"][plan.customer]
            values = template.attribute_line_ids.product_template_value_ids.filtered(
                lambda ptav, plan=plan: ptav.name in plan.options
            )
            order = SaleOrder.create({
                "partner_id": partner.id,
                "date_order": datetime.combine(day, time(10, 30)),
                "user_id": users["manager"].id,
                "website_id": self.env["website"].get_current_website().id,
                "order_line": [Command.create({
                    "product_id": template.product_variant_id.id,
                    "product_no_variant_attribute_value_ids": [Command.set(values.ids)],
                })],
            })
            line = order.order_line[:1]
            for attribute_name, text in plan.texts.items():
                attribute_line = template.attribute_line_ids.filtered(
                    lambda ptal, name=attribute_name: ptal.attribute_id.name == name
                )
                line._personalization_set_text(attribute_line, text)
            image_lines = template.attribute_line_ids.filtered(lambda ptal: ptal.personalization_kind == "image")
            for attribute_line in image_lines:
                line._personalization_set_image(attribute_line, photo, "holiday.png")
            orders |= order
        self._demo_move_personalised_orders(orders, users)
        return orders

    def _demo_move_personalised_orders(self, orders, users):
        stage_of = dict(zip(orders, (plan.stage for plan in gifts.GIFT_ORDERS)))
        confirmed = orders.filtered(lambda order: stage_of[order] != gifts.QUOTATION)
        dates = {order: order.date_order for order in orders}
        with replaying_history():
            orders.filtered(lambda order: stage_of[order] == gifts.QUOTATION).action_quotation_sent()
            confirmed.action_confirm()
            shipped = confirmed.filtered(lambda order: stage_of[order] in (gifts.SHIPPING, gifts.DELIVERED))
            carrier = self.env.ref("stride_demo.delivery_carrier_express_demo")
            numbers = {order.id: history.tracking_number(900 + index) for index, order in enumerate(shipped)}
            self._ship(shipped, dates, parcels=(carrier, numbers))
            packing = confirmed.filtered(lambda order: stage_of[order] == gifts.PACKAGING)
            packing.with_user(users["warehouse"]).action_pipeline_advance()
            for order in confirmed.filtered(lambda order: stage_of[order] == gifts.DELIVERED):
                who = users["customer"] if order.partner_id == users["customer"].partner_id else users["manager"]
                order.with_user(who).action_pipeline_confirm_receipt()
        for order, day in dates.items():
            order.date_order = day
