from contextlib import ExitStack, contextmanager
from datetime import timedelta
from unittest.mock import patch

from odoo.fields import Command
from odoo.tests import new_test_user

from odoo.addons.loyalty_tier.models.loyalty_card import LoyaltyCard
from odoo.addons.loyalty_tier.models.loyalty_program import LoyaltyProgram
from odoo.addons.loyalty_tier.models.sale_order import SaleOrder
from odoo.addons.website_sale_loyalty_tier.models.sale_order import SaleOrder as WebsiteSaleOrder
from odoo.addons.website_sale_loyalty_tier.models.website import Website


def make_loyalty_shop(env):
    """A published product, a loyalty program with three tiers and two rewards, a perk for Silver members, and two
    portal customers with cards and history: ``loyal`` (Silver, 150 points, 40 of them expiring in 10 days) and
    ``other`` (Gold, someone else's card nobody else may see)."""
    env = env(context=dict(env.context, tracking_disable=True, loyalty_no_mail=True))
    records = {"website": env["website"].get_current_website()}
    # "Today" as the shop sees it: the day Odoo's loyalty checks the website's orders on (its salesperson's timezone),
    # whoever reads the page; not the test user's day.
    today = records["today"] = records["website"]._loyalty_tier_today()
    # The test shop has one loyalty program: a demo shop's own club (stride_demo) would show a second box.
    env["loyalty.program"].search([("program_type", "=", "loyalty")]).action_archive()
    records["product"] = env["product.template"].create({
        "name": "Loyalty Test Trail Runner",
        "list_price": 100.0,
        "is_published": True,
        "sale_ok": True,
        "taxes_id": [Command.clear()],
    })
    program = records["program"] = env["loyalty.program"].create({
        "name": "Stride Test Rewards",
        "program_type": "loyalty",
        "trigger": "auto",
        "applies_on": "both",
        "portal_visible": True,
        "portal_point_name": "Points",
        "expiry_reminder_days": 14,
        "rule_ids": [Command.create({"reward_point_mode": "money", "reward_point_amount": 1})],
        "reward_ids": [
            Command.create({
                "reward_type": "discount", "discount": 10, "discount_mode": "percent",
                "discount_applicability": "order", "required_points": 100, "description": "Ten percent off",
            }),
            Command.create({
                "reward_type": "discount", "discount": 50, "discount_mode": "per_order",
                "discount_applicability": "order", "required_points": 500, "description": "Fifty off a pair",
            }),
        ],
    })
    tiers = env["loyalty.tier"].create([
        {"program_id": program.id, "name": "Member", "sequence": 1, "min_spend": 0},
        {"program_id": program.id, "name": "Silver", "sequence": 2, "min_spend": 500,
         "perk_description": "Free delivery on every order"},
        {"program_id": program.id, "name": "Gold", "sequence": 3, "min_spend": 1500, "points_multiplier": 1.5},
    ])
    records["member"], records["silver"], records["gold"] = tiers
    records["perk"] = env["loyalty.program"].create({
        "name": "Silver Members Five Percent",
        "program_type": "promotion",
        "trigger": "auto",
        "applies_on": "current",
        "required_tier_ids": [Command.set(records["silver"].ids)],
        "rule_ids": [Command.create({"minimum_amount": 0})],
        "reward_ids": [Command.create({
            "reward_type": "discount", "discount": 5, "discount_mode": "percent", "discount_applicability": "order",
        })],
    })
    records["loyal_user"] = new_test_user(env, login="loyal_customer", groups="base.group_portal",
                                          name="Lou Loyal", email="lou@example.com")
    records["other_user"] = new_test_user(env, login="other_customer", groups="base.group_portal",
                                           name="Otto Other", email="otto@example.com")
    records["card"] = env["loyalty.card"].create({
        "program_id": program.id, "partner_id": records["loyal_user"].partner_id.id, "points": 150,
    })
    records["card"].write({
        "tier_id": records["silver"].id, "next_expiry_points": 40, "next_expiry_date": today + timedelta(days=10),
    })
    records["other_card"] = env["loyalty.card"].create({
        "program_id": program.id, "partner_id": records["other_user"].partner_id.id, "points": 999,
    })
    records["other_card"].tier_id = records["gold"]
    History = env["loyalty.history"]
    records["expiring_line"] = History.create({
        "card_id": records["card"].id, "description": "Order LT-001", "issued": 100, "entry_kind": "value",
        "entry_date": today - timedelta(days=355), "expiry_date": today + timedelta(days=10), "points_remaining": 40,
    })
    records["later_line"] = History.create({
        "card_id": records["card"].id, "description": "Third order bonus", "issued": 60, "entry_kind": "frequency",
        "entry_date": today - timedelta(days=20), "expiry_date": today + timedelta(days=345), "points_remaining": 60,
    })
    records["used_line"] = History.create({
        "card_id": records["card"].id, "description": "<script>alert('loyalty')</script>", "used": 10,
        "entry_kind": "order", "entry_date": today - timedelta(days=5),
    })
    History.create({
        "card_id": records["other_card"].id, "description": "Otto's secret order", "issued": 999,
        "entry_kind": "value",
    })
    return records


def make_variant_product(env):
    """A published product in two sizes, Small at 100 and Large at 150 (a price extra of 50)."""
    size = env["product.attribute"].create({
        "name": "Loyalty Test Size",
        "display_type": "radio",
        "create_variant": "always",
        "value_ids": [Command.create({"name": "Small"}), Command.create({"name": "Large"})],
    })
    template = env["product.template"].create({
        "name": "Loyalty Test Sized Runner",
        "list_price": 100.0,
        "is_published": True,
        "sale_ok": True,
        "taxes_id": [Command.clear()],
        "attribute_line_ids": [
            Command.create({"attribute_id": size.id, "value_ids": [Command.set(size.value_ids.ids)]}),
        ],
    })
    values = template.attribute_line_ids.product_template_value_ids
    values.filtered(lambda value: value.name == "Large").price_extra = 50.0
    return template


@contextmanager
def sibling_results(records, preview_total=120.0, points_per_price=1.0):
    """The loyalty figures ``loyalty_tier`` computes (its earning and tier rules, tested there) fixed for these tests,
    which check what the website does with them: a progress from Silver to Gold with 400 to spend, a cart preview of
    ``preview_total`` points, ``points_per_price`` points per unit of price on the product page."""
    program, silver, gold = records["program"], records["silver"], records["gold"]

    def tier_progress(card):
        card.ensure_one()
        if card.tier_id == silver:
            return {"tier": silver, "next_tier": gold, "spend": 1100.0, "orders": 4,
                    "missing_spend": 400.0, "missing_orders": 0, "ratio": 0.6}
        return {"tier": card.tier_id, "next_tier": card.tier_id.browse(), "spend": 0.0, "orders": 0,
                "missing_spend": 0.0, "missing_orders": 0, "ratio": 1.0}

    def points_preview(order):
        order.ensure_one()
        if not program.active:
            return {}
        value = preview_total - 20.0
        return {program.with_env(order.env): {"value": value, "frequency": 20.0, "streak": 0.0, "total": preview_total}}

    def points_for_value(prog, amount, currency, partner=None, date=None):
        prog.ensure_one()
        return amount * points_per_price if prog == program else 0.0

    with ExitStack() as stack:
        stack.enter_context(patch.object(LoyaltyCard, "_tier_progress", tier_progress))
        stack.enter_context(patch.object(SaleOrder, "_loyalty_points_preview", points_preview))
        stack.enter_context(patch.object(LoyaltyProgram, "_points_for_value", points_for_value))
        yield


@contextmanager
def loyalty_tier_switched_off():
    """The shop without ``loyalty_tier``'s own work, to measure what it costs: no points on the product page, no
    points preview, card, tier or perks in the cart, no tier perk checks of the programs (early access included).
    The loyalty programs stay, so Odoo's own loyalty work (sale_loyalty, website_sale_loyalty) is the same."""
    with ExitStack() as stack:
        stack.enter_context(patch.object(Website, "_loyalty_tier_points_for_price", lambda website, *args: []))
        stack.enter_context(patch.object(WebsiteSaleOrder, "_loyalty_tier_cart_summary", lambda order: []))
        stack.enter_context(patch.object(SaleOrder, "_loyalty_tier_refusals", lambda order, programs: {}))
        stack.enter_context(
            patch.object(SaleOrder, "_loyalty_with_early_access", lambda order, domain, prefix: domain)
        )
        yield


def classed(node, name):
    """The elements under ``node`` (lxml) that carry the CSS class ``name``."""
    return node.xpath(f".//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]")


def text(node):
    """The text of ``node`` with its blanks folded, as a reader sees it."""
    return " ".join(node.text_content().split())
