from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_amount, format_date

# How many of a customer's usual products a suggestion proposes.
USUAL_PRODUCTS = 3
# A cart counts as abandoned when untouched for a day; after a month it is too cold to call about.
CART_IDLE = timedelta(days=1)
CART_TOO_OLD = timedelta(days=30)
# Repurchase is suggested from a week before the customer's expected next order.
REPURCHASE_LEAD_DAYS = 7
# "High value": the top two monetary quintiles.
HIGH_VALUE_SCORE = 4


class CrmCustomerSuggestion(models.Model):
    _name = "crm.customer.suggestion"
    _description = "Sales Suggestion"
    _order = "partner_value desc, id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    user_id = fields.Many2one(
        related="partner_id.user_id",
        string="Salesperson",
        store=True,
        index=True,
    )
    kind = fields.Selection(
        [
            ("repurchase", "Due for repurchase"),
            ("value_at_risk", "High value at risk"),
            ("abandoned_cart", "Abandoned cart"),
        ],
        required=True,
        readonly=True,
        index=True,
    )
    reference = fields.Char(
        required=True,
        readonly=True,
        help="What this suggestion is about (the last order date, the cart...): the same suggestion is never made "
        "twice, so a dismissed one stays dismissed.",
    )
    # The facts are noted when the suggestion is made and the sentence written when it is read, so that each reader
    # gets it in their own language (the nightly cron writes in its user's).
    reason = fields.Text(compute="_compute_reason")
    reason_facts = fields.Json(string="Reason facts", readonly=True, copy=False)
    product_ids = fields.Many2many("product.product", string="Products to propose", readonly=True)
    order_id = fields.Many2one("sale.order", string="Cart", readonly=True, ondelete="cascade", index="btree_not_null")
    state = fields.Selection(
        [("new", "New"), ("dismissed", "Dismissed"), ("done", "Opportunity created")],
        default="new",
        required=True,
        index=True,
        readonly=True,
    )
    lead_id = fields.Many2one(
        "crm.lead", string="Opportunity", readonly=True, ondelete="set null", index="btree_not_null"
    )
    lead_won_status = fields.Selection(related="lead_id.won_status", string="Won/Lost")
    partner_value = fields.Monetary(
        related="partner_id.insight_lifetime_value",
        string="Lifetime value",
        store=True,
        currency_field="partner_currency_id",
    )
    partner_currency_id = fields.Many2one(related="partner_id.insight_currency_id", string="Reporting currency")
    partner_churn_risk = fields.Selection(related="partner_id.insight_churn_risk")
    partner_phone = fields.Char(related="partner_id.phone", string="Phone")
    partner_email = fields.Char(related="partner_id.email", string="E-mail")

    _suggestion_unique = models.UniqueIndex(
        "(partner_id, kind, reference)", "This suggestion was already made for this customer."
    )

    @api.depends("kind", "reason_facts")
    def _compute_reason(self):
        for suggestion in self:
            facts = suggestion.reason_facts
            suggestion.reason = suggestion._reason_text(facts) if facts else False

    def action_create_opportunity(self):
        """One opportunity per suggestion, carrying its reason and products; the suggestion is done and linked."""
        if self.filtered(lambda suggestion: suggestion.state != "new"):
            raise UserError(self.env._("Only new suggestions can become opportunities."))
        leads = self.env["crm.lead"].create([suggestion._opportunity_values() for suggestion in self])
        for suggestion, lead in zip(self, leads):
            suggestion.write({"state": "done", "lead_id": lead.id})
        if len(leads) == 1:
            return {
                "type": "ir.actions.act_window",
                "res_model": "crm.lead",
                "res_id": leads.id,
                "view_mode": "form",
                "views": [(False, "form")],
            }
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Opportunities"),
            "res_model": "crm.lead",
            "domain": [("id", "in", leads.ids)],
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
        }

    def action_dismiss(self):
        if self.filtered(lambda suggestion: suggestion.state == "done"):
            raise UserError(self.env._("A suggestion that became an opportunity cannot be dismissed."))
        self.write({"state": "dismissed"})

    def action_restore(self):
        self.filtered(lambda suggestion: suggestion.state == "dismissed").write({"state": "new"})

    def _opportunity_values(self):
        self.ensure_one()
        kind = dict(self._fields["kind"]._description_selection(self.env))[self.kind]
        description = Markup("<p>%s</p>") % self.reason
        if self.product_ids:
            description += Markup("<p>%s</p><ul>%s</ul>") % (
                self.env._("Products to propose:"),
                Markup().join(Markup("<li>%s</li>") % product.display_name for product in self.product_ids),
            )
        return {
            "type": "opportunity",
            "name": self.env._("%(kind)s: %(customer)s", kind=kind, customer=self.partner_id.name),
            "partner_id": self.partner_id.id,
            "user_id": self.partner_id.user_id.id or self.env.uid,
            "description": description,
            "expected_revenue": self.order_id.amount_untaxed if self.order_id else 0.0,
        }

    def _reason_text(self, facts):
        """The reason of this suggestion in the reader's language from its ``reason_facts``; bridges add their kinds."""
        self.ensure_one()
        if self.kind == "repurchase":
            return self.env._(
                "Usually orders every %(rhythm)s days; last order on %(last)s, next one expected around %(expected)s.",
                rhythm=facts["rhythm"],
                last=format_date(self.env, facts["last"]),
                expected=format_date(self.env, facts["expected"]),
            )
        if self.kind == "value_at_risk":
            currency = self.env["res.currency"].browse(facts["currency_id"])
            return self.env._(
                "Lifetime value %(value)s over %(orders)s orders, now at high risk of leaving: %(why)s",
                value=format_amount(self.env, facts["value"], currency),
                orders=facts["orders"],
                why=self.env["res.partner"]._insight_churn_reason(
                    facts["days_since_last"], facts["rhythm"], facts["own_rhythm"]
                ),
            )
        if self.kind == "abandoned_cart":
            return self.env._(
                "Cart %(order)s of %(amount)s left untouched since %(date)s.",
                order=facts["order"],
                amount=format_amount(self.env, facts["amount"], self.env["res.currency"].browse(facts["currency_id"])),
                date=format_date(self.env, facts["date"]),
            )
        return False

    # --- Generation (nightly) -------------------------------------------------------------------------------
    @api.model
    def _generate_suggestions(self, now=None):
        """Make today's suggestions: each candidate of each kind is created unless the same one (customer, kind,
        reference) exists in any state, so dismissed suggestions are never made again; new suggestions whose
        reason is gone (the customer ordered, the cart was confirmed) are removed. Returns the number created."""
        now = now or fields.Datetime.now()
        suggestions = self.sudo()
        candidates = {
            (values["partner_id"], values["kind"], values["reference"]): values
            for values in suggestions._suggestion_candidates(now)
        }
        existing = suggestions.search_fetch([], ["partner_id", "kind", "reference", "state"])
        known = {(s.partner_id.id, s.kind, s.reference): s for s in existing}
        existing.filtered(
            lambda s: s.state == "new" and (s.partner_id.id, s.kind, s.reference) not in candidates
        ).unlink()
        created = suggestions.create([values for key, values in candidates.items() if key not in known])
        return len(created)

    def _suggestion_candidates(self, now):
        """Every kind's candidates as ``create`` values with ``partner_id``, ``kind`` and ``reference``; bridges
        (loyalty) add their kinds by extending this."""
        # The UTC day of ``now``, as the metrics date orders (their UTC day): not the day of whoever runs this.
        today = now.date()
        return (
            self._candidates_repurchase(today)
            + self._candidates_value_at_risk(today)
            + self._candidates_abandoned_cart(now)
        )

    def _suggestable_partners(self, domain):
        """Commercial customers matching ``domain`` who may be sold to (never blocked ones)."""
        return self.env["res.partner"].search_fetch(
            [("customer_status", "!=", "blocked"), ("insight_order_count", ">", 0), *domain],
            [
                "insight_order_count",
                "insight_last_order_date",
                "insight_average_days_between",
                "insight_expected_order_date",
                "insight_lifetime_value",
            ],
        )

    def _candidates_repurchase(self, today):
        partners = self._suggestable_partners(
            [
                ("insight_order_count", ">=", 2),
                ("insight_expected_order_date", "<=", today + timedelta(days=REPURCHASE_LEAD_DAYS)),
                ("insight_churn_risk", "in", ["low", "medium"]),
            ]
        )
        usual = self._usual_products(partners)
        return [
            {
                "partner_id": partner.id,
                "kind": "repurchase",
                "reference": str(partner.insight_last_order_date),
                "reason_facts": {
                    "rhythm": round(partner.insight_average_days_between),
                    "last": str(partner.insight_last_order_date),
                    "expected": str(partner.insight_expected_order_date),
                },
                "product_ids": [fields.Command.set(usual.get(partner.id, []))],
            }
            for partner in partners
        ]

    def _candidates_value_at_risk(self, today):
        partners = self._suggestable_partners(
            [("insight_churn_risk", "=", "high"), ("insight_monetary_score", ">=", HIGH_VALUE_SCORE)]
        )
        usual = self._usual_products(partners)
        return [
            {
                "partner_id": partner.id,
                "kind": "value_at_risk",
                "reference": str(partner.insight_last_order_date),
                "reason_facts": {
                    "value": partner.insight_lifetime_value,
                    # The currency the value is in (the former one while a new reporting currency is converted).
                    "currency_id": partner.insight_currency_id.id,
                    "orders": partner.insight_order_count,
                    # The churn reason's facts, as the segment refresh found them: its expected date is one rhythm
                    # after the last order.
                    "days_since_last": (today - partner.insight_last_order_date).days,
                    "rhythm": (partner.insight_expected_order_date - partner.insight_last_order_date).days
                    if partner.insight_expected_order_date
                    else round(partner.insight_average_days_between),
                    "own_rhythm": partner.insight_order_count >= 2 and partner.insight_average_days_between > 0,
                },
                "product_ids": [fields.Command.set(usual.get(partner.id, []))],
            }
            for partner in partners
        ]

    def _candidates_abandoned_cart(self, now):
        """Draft orders with product lines whose order and lines were last touched between a month and a day ago,
        of customers who may be sold to (never the website's anonymous visitors)."""
        public_partners = (
            self.env.ref("base.group_public").sudo().with_context(active_test=False).all_user_ids.partner_id
        )
        self.env["sale.order"].flush_model(["state", "partner_id", "write_date"])
        self.env["sale.order.line"].flush_model(["order_id", "display_type", "product_id", "write_date"])
        rows = self.env.execute_query(
            SQL(
                """
            SELECT so.id
              FROM sale_order so
              JOIN sale_order_line line ON line.order_id = so.id
                   AND line.display_type IS NULL AND line.product_id IS NOT NULL
             WHERE so.state = 'draft'
               AND so.partner_id <> ALL(%(public)s)
               AND so.write_date BETWEEN %(oldest)s AND %(idle)s
          GROUP BY so.id
            HAVING MAX(line.write_date) <= %(idle)s
            """,
                public=public_partners.ids or [0],
                oldest=now - CART_TOO_OLD,
                idle=now - CART_IDLE,
            )
        )
        orders = self.env["sale.order"].browse(row[0] for row in rows)
        candidates = []
        for order in orders:
            partner = order.partner_id.commercial_partner_id
            if partner.customer_status == "blocked":
                continue
            lines = order.order_line.filtered(lambda line: not line.display_type and line.product_id)
            candidates.append(
                {
                    "partner_id": partner.id,
                    "kind": "abandoned_cart",
                    "reference": str(order.id),
                    "order_id": order.id,
                    "reason_facts": {
                        "order": order.name,
                        "amount": order.amount_total,
                        "currency_id": order.currency_id.id,
                        "date": str(order.write_date.date()),
                    },
                    "product_ids": [fields.Command.set(lines.product_id.ids)],
                }
            )
        return candidates

    def _usual_products(self, partners):
        """``{partner_id: [product ids]}``: each customer's most ordered products (by number of confirmed orders,
        then quantity), at most ``USUAL_PRODUCTS``, in one query for all of them; services are left out."""
        if not partners:
            return {}
        self.env["sale.order"].flush_model(["state", "partner_id"])
        self.env["sale.order.line"].flush_model(
            ["order_id", "product_id", "product_uom_qty", "display_type", "is_downpayment"]
        )
        rows = self.env.execute_query(
            SQL(
                """
            SELECT partner.commercial_partner_id, line.product_id
              FROM sale_order_line line
              JOIN sale_order so ON so.id = line.order_id
              JOIN res_partner partner ON partner.id = so.partner_id
              JOIN product_product product ON product.id = line.product_id
              JOIN product_template template ON template.id = product.product_tmpl_id
             WHERE so.state = 'sale'
               AND partner.commercial_partner_id = ANY(%s)
               AND line.display_type IS NULL
               AND NOT COALESCE(line.is_downpayment, FALSE)
               AND template.type <> 'service'
          GROUP BY partner.commercial_partner_id, line.product_id
          ORDER BY partner.commercial_partner_id, COUNT(DISTINCT so.id) DESC, SUM(line.product_uom_qty) DESC,
                   line.product_id
            """,
                partners.ids,
            )
        )
        usual = defaultdict(list)
        for partner_id, product_id in rows:
            if len(usual[partner_id]) < USUAL_PRODUCTS:
                usual[partner_id].append(product_id)
        return usual
