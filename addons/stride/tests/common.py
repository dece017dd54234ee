from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.sale_order_pipeline.models.sale_order import replaying_history


class StrideRecordsMixin:
    """Records the Stride tests build for themselves, so that they pass with and without the demo shop."""

    @classmethod
    def _shop_category(cls, name="Test Trail Running"):
        return cls.env["product.public.category"].create({"name": name})

    @classmethod
    def _shoe(cls, name, category, published=True, price=129.99):
        return cls.env["product.template"].create({
            "name": name,
            "type": "consu",
            "list_price": price,
            "is_published": published,
            "public_categ_ids": [Command.set(category.ids)],
        })


class StrideCustomersMixin:
    """Two portal customers, alice and bob, each with the records a customer owns (password: their login)."""

    @classmethod
    def _customer_records_setup(cls, prefix="matrix"):
        """Two portal customers, each with an order (a personalised line, a stage, a carrier update, a product
        review), a return, a ticket and a loyalty card with its history: ``cls.owned[name][model]``."""
        attribute = cls.env["product.attribute"].create({
            "name": f"{prefix} engraving", "create_variant": "no_variant",
            "value_ids": [Command.create({"name": "Text", "is_custom": True})],
        })
        cls.gift = cls.env["product.template"].create({
            "name": f"{prefix} engraved keyring", "type": "consu", "list_price": 10.0,
            "attribute_line_ids": [Command.create({
                "attribute_id": attribute.id, "value_ids": [Command.set(attribute.value_ids.ids)],
            })],
        })
        cls.program = cls.env["loyalty.program"].create({"name": f"{prefix} loyalty", "program_type": "loyalty"})
        cls.customers = {
            name: new_test_user(cls.env, login=f"{prefix}_{name}", groups="base.group_portal",
                                email=f"{prefix}.{name}@example.com")
            for name in ("alice", "bob")
        }
        cls.owned = {
            name: cls._customer_records(user, f"Private text of {name}") for name, user in cls.customers.items()
        }

    @classmethod
    def _customer_records(cls, user, text):
        partner = user.partner_id
        engraving = cls.gift.attribute_line_ids.product_template_value_ids
        order = cls.env["sale.order"].create({"partner_id": partner.id, "order_line": [Command.create({
            "product_id": cls.gift.product_variant_id.id,
            "product_no_variant_attribute_value_ids": [Command.set(engraving.ids)],
            "product_custom_attribute_value_ids": [Command.create({
                "custom_product_template_attribute_value_id": engraving.id, "custom_value": text,
            })],
        })]})
        order.pipeline_stage = "shipping"  # carrier updates exist for orders on their way only
        with replaying_history():
            transit = cls.env["sale.order.transit.event"].create({"order_id": order.id, "status": "in_transit"})
        card = cls.env["loyalty.card"].create({"program_id": cls.program.id, "partner_id": partner.id, "points": 10})
        rma = cls.env["rma"].create({
            "partner_id": partner.id, "product_id": cls.gift.product_variant_id.id, "order_id": order.id,
        })
        rma.message_subscribe(partner_ids=partner.ids)  # as when the customer asks for the return in the portal
        return {
            "sale.order": order,
            "sale.order.line": order.order_line,
            "product.attribute.custom.value": order.order_line.product_custom_attribute_value_ids,
            "sale.order.stage.history": cls.env["sale.order.stage.history"].create(
                {"order_id": order.id, "stage": "confirmed"}
            ),
            "sale.order.transit.event": transit,
            "sale.order.product.review": cls.env["sale.order.product.review"].create(
                {"order_id": order.id, "product_tmpl_id": cls.gift.id, "partner_id": partner.id}
            ),
            "rma": rma,
            "helpdesk.ticket": cls.env["helpdesk.ticket"].create(
                {"name": text, "description": text, "partner_id": partner.id}
            ),
            "loyalty.card": card,
            "loyalty.history": cls.env["loyalty.history"].create(
                {"card_id": card.id, "description": text, "issued": 10}
            ),
            "loyalty.tier.history": cls.env["loyalty.tier.history"].create(
                {"card_id": card.id, "direction": "up", "reason": text}
            ),
        }
