from odoo import Command


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
