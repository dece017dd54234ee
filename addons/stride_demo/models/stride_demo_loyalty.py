from datetime import timedelta

from odoo import Command, api, fields, models

from odoo.addons.sale_order_pipeline.models.sale_order import replaying_history

from ..lib import loyalty

TIER_NAMES = ("Member", "Silver", "Gold", "Platinum")
REMINDER_DAYS = 14


# One file per subject is the point of the builder (see readme/DEVELOP.md), hence several classes inheriting it.
class StrideDemoBuilder(models.AbstractModel):
    """The loyalty club: points earned by the order history, tiers reviewed month by month, expired and expiring
    points, and a running campaign for the best customers with some codes already redeemed."""

    _inherit = "stride.demo.builder"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _stride_demo_steps(self):
        # 55: after the order history (51), before the stock alerts (61) that look at the last weeks' sales.
        return super()._stride_demo_steps() + [(55, "_demo_loyalty")]

    def _demo_loyalty(self, shop):
        today = shop["today"] or fields.Date.context_today(self)
        orders = shop["orders"].filtered(lambda order: order.state == "sale")
        customer = shop["users"]["customer"].partner_id
        program = self._demo_loyalty_program(today, orders, customer)
        self._demo_loyalty_points(program, orders, today)
        self._demo_loyalty_tiers(program, orders, today)
        shop["loyalty_program"] = program
        shop["loyalty_campaign"] = self._demo_loyalty_campaign(program, shop["gifts"].product_variant_ids, today)

    def _demo_loyalty_program(self, today, orders, customer):
        """Stride Club: a point per euro, a bonus for the third order in 90 days and for monthly streaks, €5 off per
        100 points; points last about a year, chosen so that the demo customer has points expiring within days."""
        customer_days = [(today - order.date_order.date()).days for order in orders if order.partner_id == customer]
        program = self.env["loyalty.program"].create({
            "name": "Stride Club",
            "program_type": "loyalty",
            "applies_on": "both",
            "trigger": "auto",
            "portal_visible": True,
            "portal_point_name": "Points",
            "points_trigger": "confirm",
            "frequency_bonus_nth": 3,
            "frequency_bonus_window_days": 90,
            "frequency_bonus_points": 50,
            "streak_bonus_points": 10,
            "streak_bonus_max_months": 6,
            "points_validity_days": loyalty.validity_days(customer_days, REMINDER_DAYS),
            "expiry_reminder_days": REMINDER_DAYS,
            "tier_grace_days": 30,
            "rule_ids": [Command.create({"reward_point_mode": "money", "reward_point_amount": 1, "minimum_amount": 0})],
            "reward_ids": [Command.create({
                "reward_type": "discount",
                "discount_mode": "per_order",
                "discount": 5,
                "discount_applicability": "order",
                "required_points": 100,
            })],
        })
        self._register_xmlids({"stride_demo.loyalty_program_club_demo": program})
        return program

    def _demo_loyalty_points(self, program, orders, today):
        """Every counted order earns its points, dated the day of the order as if the club had always been there;
        then the points older than the validity expire (one dated expiry line per card)."""
        orders._loyalty_award_points()
        self._demo_date_points(program, orders)
        while program._loyalty_expire_batch(today, 10000):
            pass

    def _demo_date_points(self, program, orders):
        """Points earned the day of their order rather than the day the demo was built."""
        lines = self.env["loyalty.history"].search([("order_model", "=", "sale.order"), ("order_id", "in", orders.ids)])
        dates = {order.id: order.date_order.date() for order in orders}
        for line in lines:
            earned = dates[line.order_id]
            line.write({"entry_date": earned, "expiry_date": program._loyalty_expiry_date(earned)})
        lines.card_id._loyalty_replay_lots()

    def _demo_loyalty_tiers(self, program, orders, today):
        """Member, Silver, Gold and Platinum at round spends that give every tier members, then the monthly reviews
        of the last year replayed, so that the tier history has its moves month by month."""
        spends = loyalty.yearly_spends(
            ((order.partner_id.id, order.date_order.date(), order._loyalty_value_in(program.currency_id))
             for order in orders),
            today,
        )
        thresholds = loyalty.tier_thresholds(list(spends.values()), len(TIER_NAMES))
        tiers = self.env["loyalty.tier"].create([
            {
                "program_id": program.id,
                "name": name,
                "sequence": 10 * (index + 1),
                "qualify_by": "spend",
                "min_spend": threshold,
                "points_multiplier": 1 + index * 0.25,
            }
            for index, (name, threshold) in enumerate(zip(TIER_NAMES, thresholds))
        ])
        self._register_xmlids({
            f"stride_demo.loyalty_tier_{name.lower()}_demo": tier for name, tier in zip(TIER_NAMES, tiers)
        })
        for review_day in loyalty.monthly_reviews(today, 12):
            program._cron_review_tiers(today=review_day)

    def _demo_loyalty_campaign(self, program, gifts, today):
        """A running campaign for Gold and Platinum members (15% off), launched two weeks ago without mailing the
        made-up customers; some of them already used their code on an order of a gift (made to order: the stock
        the later steps look at stays as the history left it)."""
        coupons = self.env["loyalty.program"].create({
            "name": "Thank you: 15% off",
            "program_type": "coupons",
            "trigger": "with_code",
            "applies_on": "current",
            "reward_ids": [Command.create({
                "reward_type": "discount",
                "discount_mode": "percent",
                "discount": 15,
                "discount_applicability": "order",
                "required_points": 1,
            })],
        })
        gold, platinum = (self.env.ref(f"stride_demo.loyalty_tier_{name}_demo") for name in ("gold", "platinum"))
        campaign = self.env["loyalty.campaign"].create({
            "name": "Gold and Platinum thank-you",
            "loyalty_program_id": program.id,
            "tier_ids": [Command.set((gold | platinum).ids)],
            "coupon_program_id": coupons.id,
            "valid_until": today + timedelta(days=45),
        })
        campaign.with_context(loyalty_no_mail=True).action_launch()
        campaign.launch_date = fields.Datetime.now() - timedelta(days=14)
        self._register_xmlids({"stride_demo.loyalty_campaign_thank_you_demo": campaign})
        orders = self.env["sale.order"]
        with replaying_history():
            for index, coupon in enumerate(campaign.coupon_ids.sorted("id")):
                if index % 5 in (0, 2):  # two codes in five redeemed
                    orders |= self._demo_redeem(coupon, gifts[index % len(gifts)], today - timedelta(days=index % 12))
        self._demo_date_points(program, orders)
        return campaign

    def _demo_redeem(self, coupon, product, day):
        order = self.env["sale.order"].create({
            "partner_id": coupon.partner_id.id,
            "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 1})],
        })
        rewards = order._try_apply_code(coupon.code)[coupon]
        order._apply_program_reward(rewards[:1], coupon)
        order.action_confirm()
        order.date_order = self._at_shop_hours(day, coupon.id)
        return order
