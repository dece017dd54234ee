from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user


class LoyaltyCampaignCase(TransactionCase):
    """A loyalty program with Silver and Gold members, a 10% coupons program and a product to sell."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["loyalty.program"].search([]).action_archive()  # no other promotion in the way
        cls.loyalty = cls.env["loyalty.program"].create({"name": "Stride Club", "program_type": "loyalty"})
        cls.silver, cls.gold = cls.env["loyalty.tier"].create(
            [
                {"program_id": cls.loyalty.id, "name": "Silver", "sequence": 20, "min_spend": 500},
                {"program_id": cls.loyalty.id, "name": "Gold", "sequence": 30, "min_spend": 1500},
            ]
        )
        cls.gold_fr, cls.gold_en, cls.silver_en, cls.gold_no_email = cls.env["res.partner"].create(
            [
                {"name": "Camille Gold", "email": "camille@example.com", "lang": "fr_FR"},
                {"name": "Alex Gold", "email": "alex@example.com", "lang": "en_US"},
                {"name": "Sam Silver", "email": "sam@example.com", "lang": "en_US"},
                {"name": "Nomail Gold", "lang": "en_US"},
            ]
        )
        cls.cards = cls.env["loyalty.card"].create(
            [
                {"program_id": cls.loyalty.id, "partner_id": partner.id, "points": points, "tier_id": tier.id}
                for partner, points, tier in (
                    (cls.gold_fr, 300, cls.gold),
                    (cls.gold_en, 120, cls.gold),
                    (cls.silver_en, 40, cls.silver),
                    (cls.gold_no_email, 10, cls.gold),
                )
            ]
        )
        cls.coupons_program = cls.env["loyalty.program"].create(
            {
                "name": "Gold thank-you",
                "program_type": "coupons",
                "trigger": "with_code",
                "applies_on": "current",
                "reward_ids": [
                    Command.create(
                        {
                            "reward_type": "discount",
                            "discount": 10,
                            "discount_mode": "percent",
                            "discount_applicability": "order",
                            "required_points": 1,
                        }
                    )
                ],
            }
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Trail Runner 42", "list_price": 200.0, "taxes_id": []}
        )
        cls.manager = new_test_user(cls.env, "loyalty_manager", groups="sales_team.group_sale_manager")
        cls.salesman_all = new_test_user(
            cls.env, "loyalty_salesman_all", groups="sales_team.group_sale_salesman_all_leads"
        )
        cls.salesman_own = new_test_user(cls.env, "loyalty_salesman_own", groups="sales_team.group_sale_salesman")
        cls.stock_user = new_test_user(cls.env, "loyalty_stock_user", groups="base.group_user")
        cls.portal = new_test_user(cls.env, "loyalty_portal", groups="base.group_portal")

    @classmethod
    def _campaign(cls, **values):
        return cls.env["loyalty.campaign"].create(
            {
                "name": "Gold spring offer",
                "loyalty_program_id": cls.loyalty.id,
                "tier_ids": [Command.set(cls.gold.ids)],
                "coupon_program_id": cls.coupons_program.id,
                **values,
            }
        )

    def _order(self, partner):
        return self.env["sale.order"].create(
            {"partner_id": partner.id, "order_line": [Command.create({"product_id": self.product.id})]}
        )

    def _redeem(self, order, coupon):
        status = order._try_apply_code(coupon.code)
        self.assertNotIn("error", status, status.get("error"))
        rewards = status[coupon]
        self.assertNotIn("error", order._apply_program_reward(rewards[:1], coupon))
