from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.stride_demo.lib import catalog
from odoo.addons.stride_demo.lib.roles import ROLE_GROUPS


class StrideRecordsMixin:
    """Records the tests build for themselves, so that they do not depend on what the demo shop holds."""

    @classmethod
    def _role_user(cls, role, **values):
        """A user with exactly the groups of a demo role; the password is the login."""
        login = f"stride_test_{role}"
        return new_test_user(cls.env, login=login, password=login, groups=",".join(ROLE_GROUPS[role]), **values)

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

    @classmethod
    def _order(cls, partner, product, confirm=True):
        order = cls.env["sale.order"].create({
            "partner_id": partner.id,
            "order_line": [Command.create({"product_id": product.product_variant_id.id, "product_uom_qty": 1})],
        })
        if confirm:
            order.action_confirm()
        return order


class StrideDemoMixin:
    """For the tests of the demo shop itself, which installing stride_demo builds."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shoes = cls.env["product.template"].browse([
            cls.env.ref(f"stride_demo.product_template_{model.code.lower().replace('-', '_')}_demo").id
            for model in catalog.shoe_models()
        ])
