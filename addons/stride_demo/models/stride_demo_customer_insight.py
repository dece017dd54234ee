import logging
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.tools import SQL

from odoo.addons.sale_order_pipeline.models.sale_order import replaying_history

from ..lib import customer_insight
from .stride_demo_builder import SEED, demo_xmlid

_logger = logging.getLogger(__name__)

# The best customers by lifetime value are the shop's VIPs.
VIP_COUNT = 5
# Open opportunities get a call in the agent's or manager's activities, the first one already overdue.
CALL_IN_DAYS = (-2, 3)


# One file per subject is the point of the builder (see readme/DEVELOP.md), hence several classes inheriting it.
class StrideDemoBuilder(models.AbstractModel):
    """Customer Insight: the customers' profile (salesperson, status, consent, currency), abandoned carts, then
    crm_customer_insight's own metrics backfill, segment refresh and suggestions run, and what the sales team made of
    a few suggestions."""

    _inherit = "stride.demo.builder"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _stride_demo_steps(self):
        # 70: after every step that sells (the order history 51, the loyalty campaign 55, the personalised gifts 56)
        # and the stock steps (60-62), so that the metrics and suggestions see the whole history.
        return super()._stride_demo_steps() + [(70, "_demo_customer_insight")]

    def _demo_customer_insight(self, shop):
        partners, users = shop["partners"], shop["users"]
        today = shop["today"] or fields.Date.context_today(self)
        plan = customer_insight.plan_customer_insight(
            SEED, [partner.country_id.code for partner in partners], shop["plans"], len(shop["variants"]),
            shop["regular"],
        )
        self._demo_insight_profiles(plan, partners, users["agent"])
        Partner = self.env["res.partner"]
        Partner._insight_backfill()
        vips = Partner.search(
            [("id", "in", partners.ids), ("customer_status", "=", "active"), ("insight_order_count", ">", 0)],
            order="insight_lifetime_value desc, id", limit=VIP_COUNT,
        )
        vips.customer_status = "vip"
        Partner._insight_refresh_segments()
        # Right before the suggestions run: nothing may touch the carts between their aging and the run.
        carts = self._demo_abandoned_carts(plan, partners, shop["variants"], today)
        self.env["crm.customer.suggestion"]._generate_suggestions()
        segments = self._demo_insight_segments()
        outcomes = self._demo_suggestion_outcomes(partners, users, today)
        # The won opportunity's order is the customer's newest: the nightly refresh would see it, so does the demo.
        Partner._insight_refresh_segments()
        shop["insight"] = {
            "plan": plan,
            "agent_customers": partners.browse([partners.ids[index] for index in plan.agent_customers]),
            "blocked": partners[plan.blocked],
            "vips": vips,
            "carts": carts,
            "segments": segments,
            **outcomes,
        }
        self._log_insight_spread(partners)

    def _log_insight_spread(self, partners):
        """What the demo shows, in the install log: customers per segment and churn risk, suggestions per kind."""
        def counts(model, domain, field):
            return dict(self.env[model]._read_group(domain, [field], ["__count"]))

        _logger.info(
            "Stride demo Customer Insight: segments %s; churn risks %s; suggestions %s; suggestion states %s",
            counts("res.partner", [("id", "in", partners.ids)], "insight_segment"),
            counts("res.partner", [("id", "in", partners.ids)], "insight_churn_risk"),
            counts("crm.customer.suggestion", [("partner_id", "in", partners.ids)], "kind"),
            counts("crm.customer.suggestion", [("partner_id", "in", partners.ids)], "state"),
        )

    def _demo_insight_profiles(self, plan, partners, agent):
        """The agent's customers, marketing consent, the preferred currency of each customer's pricelist (which
        follows their country) and the one customer the shop stopped selling to online."""
        partners.browse([partners.ids[index] for index in plan.agent_customers]).user_id = agent
        partners.browse([partners.ids[index] for index in sorted(plan.consenting)]).insight_marketing_consent = True
        by_currency = partners.grouped(lambda partner: partner.property_product_pricelist.currency_id)
        for currency, customers in by_currency.items():
            customers.preferred_currency_id = currency
        partners[plan.blocked].customer_status = "blocked"

    def _demo_abandoned_carts(self, plan, partners, variants, today):
        """Website carts left a few days ago; their date of last change is what makes a cart abandoned, so it is set
        to the day the customer left it (the ORM stamps every write with the current time)."""
        website = self.env["website"].get_current_website()
        carts = self.env["sale.order"].create([
            {
                "partner_id": partners[cart.customer].id,
                "website_id": website.id,
                "date_order": self._at_shop_hours(today - timedelta(days=cart.age_days), cart.customer),
                "order_line": [
                    Command.create({"product_id": variants[variant].id, "product_uom_qty": quantity})
                    for variant, quantity in cart.lines
                ],
            }
            for cart in plan.carts
        ])
        self.env.flush_all()
        # Two set-based updates, whatever the number of carts: each cart and its lines last changed at its date.
        self.env.cr.execute(SQL(
            "UPDATE sale_order SET write_date = date_order WHERE id IN %s", tuple(carts.ids),
        ))
        self.env.cr.execute(SQL(
            """UPDATE sale_order_line line SET write_date = cart.date_order
                 FROM sale_order cart
                WHERE cart.id = line.order_id AND cart.id IN %s""",
            tuple(carts.ids),
        ))
        carts.invalidate_recordset(["write_date"])
        carts.order_line.invalidate_recordset(["write_date"])
        self._register_xmlids({f"stride_demo.sale_order_cart_{number}_demo": cart
                               for number, cart in enumerate(carts, start=1)})
        return carts

    def _demo_insight_segments(self):
        """Saved segments beside crm_customer_insight's own, as a marketer of the shop would define them."""
        segments = self.env["crm.customer.segment"].create([
            {
                "name": segment.name,
                "kind": segment.kind,
                "sequence": 100 + number,
                "domain": segment.domain,
                "description": segment.description,
            }
            for number, segment in enumerate(customer_insight.SEGMENTS)
        ])
        self._register_xmlids({demo_xmlid("crm_customer_segment", segment.key): record
                               for segment, record in zip(customer_insight.SEGMENTS, segments)})
        return segments

    def _demo_suggestion_outcomes(self, partners, users, today):
        """A few of the suggestions worked as the agent (their customers first) or the manager would: one sold with
        its quotation confirmed and the opportunity won, one lost, two calls to make, one dismissed."""
        # Not the portal login's: its orders and points are what the loyalty and order steps left for the demo.
        suggestions = self.env["crm.customer.suggestion"].search(
            [("partner_id", "in", (partners - users["customer"].partner_id).ids)], order="id",
        )
        suggestions = suggestions.sorted(lambda suggestion: (suggestion.user_id != users["agent"], suggestion.id))
        outcomes = customer_insight.plan_suggestion_outcomes(suggestions.mapped("kind"))
        result = {"won": self.env["crm.lead"], "lost": self.env["crm.lead"], "open": self.env["crm.lead"]}
        calls = iter(CALL_IN_DAYS)
        for index, outcome in sorted(outcomes.items()):
            suggestion = suggestions[index]
            seller = suggestion.user_id or users["crm_manager"]
            if outcome == customer_insight.DISMISSED:
                suggestion.with_user(seller).action_dismiss()
                result["dismissed"] = suggestion
                continue
            suggestion.with_user(seller).action_create_opportunity()
            lead = suggestion.lead_id
            if outcome == customer_insight.WON:
                result["won_order"] = self._demo_won_quotation(lead, suggestion, seller)
                lead.action_set_won()
            elif outcome == customer_insight.LOST:
                lead.action_set_lost(lost_reason_id=self.env.ref("crm.lost_reason_1").id)
            else:
                lead.with_context(mail_activity_quick_update=True).activity_schedule(
                    "mail.mail_activity_data_call", date_deadline=today + timedelta(days=next(calls)),
                    user_id=seller.id,
                )
            result[outcome] |= lead
        self._register_xmlids({
            **{f"stride_demo.crm_lead_suggestion_{outcome}_{number}_demo": lead
               for outcome in ("won", "lost", "open") for number, lead in enumerate(result[outcome], start=1)},
            **({"stride_demo.sale_order_suggestion_won_demo": result["won_order"]} if "won_order" in result else {}),
        })
        return result

    def _demo_won_quotation(self, lead, suggestion, seller):
        """The quotation the call sold, one pair of the customer's usual product with the most stock (the stock
        alerts stay as the history left them), confirmed without mailing the made-up customer."""
        products = suggestion.product_ids or suggestion.order_id.order_line.product_id
        product = max(products, key=lambda product: (product.free_qty, -product.id))
        order = self.env["sale.order"].create({
            "partner_id": suggestion.partner_id.id,
            "opportunity_id": lead.id,
            "user_id": seller.id,
            "origin": lead.name,
            "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 1})],
        })
        with replaying_history():
            order.action_confirm()
        return order
