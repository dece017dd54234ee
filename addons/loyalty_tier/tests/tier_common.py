from datetime import timedelta

from odoo import fields
from odoo.fields import Command
from odoo.tests import TransactionCase


class LoyaltyTierCase(TransactionCase):
    """A loyalty program with three tiers (Member from the first euro, Silver, Gold) and helpers for customers,
    their cards and their confirmed orders."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, loyalty_no_mail=True))
        # Programs of other modules' data must not apply to the orders of these tests.
        cls.env["loyalty.program"].search([]).write({"active": False})
        cls.today = cls.env["loyalty.program"]._loyalty_today()
        cls.currency = cls.env.company.currency_id
        cls.product = cls.env["product.product"].create(
            {"name": "Trail Runner 42", "list_price": 100.0, "taxes_id": [Command.clear()]}
        )
        cls.program = cls.env["loyalty.program"].create(
            {
                "name": "Stride Club",
                "program_type": "loyalty",
                "trigger": "auto",
                "applies_on": "both",
                "tier_grace_days": 30,
                "tier_review_interval_days": 365,
                "tier_ids": [
                    Command.create({"name": "Member", "sequence": 1, "qualify_by": "spend", "min_spend": 0}),
                    Command.create(
                        {
                            "name": "Silver",
                            "sequence": 2,
                            "qualify_by": "spend_or_orders",
                            "min_spend": 500,
                            "min_orders": 3,
                            "points_multiplier": 1.5,
                        }
                    ),
                    Command.create(
                        {
                            "name": "Gold",
                            "sequence": 3,
                            "qualify_by": "spend",
                            "min_spend": 1000,
                            "points_multiplier": 2,
                        }
                    ),
                ],
            }
        )
        cls.member, cls.silver, cls.gold = cls.program.tier_ids.sorted("sequence")

    @classmethod
    def _customer(cls, name, tier=None, **card_values):
        """A customer with a card of the program, holding ``tier`` (set as a past review would have)."""
        email = f"{name.lower().replace(' ', '.')}@example.com"
        partner = cls.env["res.partner"].create({"name": name, "email": email})
        values = {"program_id": cls.program.id, "partner_id": partner.id, "points": 0}
        if tier:
            values.update(
                tier_id=tier.id,
                tier_since=cls.today - timedelta(days=200),
                tier_review_date=cls.today + timedelta(days=165),
            )
        values.update(card_values)
        card = cls.env["loyalty.card"].create(values)
        return partner, card

    @classmethod
    def _order(cls, partner, amount, days_ago=0, confirm=True, currency=None):
        """An order of ``amount`` (untaxed) for ``partner``, confirmed and dated ``days_ago`` days back."""
        values = {
            "partner_id": partner.id,
            "order_line": [
                Command.create(
                    {
                        "product_id": cls.product.id,
                        "product_uom_qty": 1,
                        "price_unit": amount,
                        "tax_ids": [Command.clear()],
                    }
                )
            ],
        }
        if currency:
            values["pricelist_id"] = (
                cls.env["product.pricelist"].create({"name": f"{currency.name} list", "currency_id": currency.id}).id
            )
        order = cls.env["sale.order"].create(values)
        if confirm:
            order.action_confirm()
            # Confirming stamps the order with now; the tests replay a year of history.
            order.date_order = fields.Datetime.now() - timedelta(days=days_ago)
        return order
