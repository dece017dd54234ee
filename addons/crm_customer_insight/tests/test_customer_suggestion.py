from datetime import date, datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_segments import SegmentsCase

NOW = datetime(2026, 6, 15, 9, 0)


@tagged("post_install", "-at_install")
class TestCustomerSuggestion(SegmentsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        product = cls.env["product.product"]
        cls.boots = product.create({"name": "Trail Boots", "list_price": 120.0, "type": "consu"})
        cls.socks = product.create({"name": "Wool Socks", "list_price": 10.0, "type": "consu"})
        cls.laces = product.create({"name": "Spare Laces", "list_price": 3.0, "type": "consu"})
        cls.care = product.create({"name": "Care Kit", "list_price": 15.0, "type": "consu"})
        cls.engraving = product.create({"name": "Engraving", "list_price": 5.0, "type": "service"})
        # Due: orders every 30 days, last order 25 days ago, expected in 5 days.
        cls.due = cls._customer(
            "Dora Due",
            date(2026, 5, 21),
            4,
            800.0,
            30.0,
            user_id=cls.agent.id,
            insight_expected_order_date=date(2026, 6, 20),
            insight_churn_risk="low",
            insight_monetary_score=3,
        )
        # Valuable and long gone.
        cls.valuable = cls._customer(
            "Vic Valuable",
            date(2025, 11, 1),
            12,
            9000.0,
            20.0,
            user_id=cls.other_agent.id,
            insight_expected_order_date=date(2025, 11, 21),
            insight_churn_risk="high",
            insight_monetary_score=5,
            insight_churn_reason="No order for 226 days; usually orders every 20 days.",
        )
        # Not due yet, and a blocked customer who would be due.
        cls.calm = cls._customer(
            "Carl Calm",
            date(2026, 6, 10),
            3,
            300.0,
            40.0,
            insight_expected_order_date=date(2026, 7, 20),
            insight_churn_risk="low",
            insight_monetary_score=2,
        )
        cls.blocked = cls._customer(
            "Bea Blocked",
            date(2026, 5, 1),
            5,
            700.0,
            30.0,
            customer_status="blocked",
            insight_expected_order_date=date(2026, 5, 31),
            insight_churn_risk="medium",
            insight_monetary_score=3,
        )
        for qty, products in ((2, cls.boots | cls.socks | cls.engraving), (1, cls.socks | cls.laces), (5, cls.care)):
            cls._order(cls.due, products, qty).action_confirm()
        # The confirmations above (all today) recomputed Dora's metrics from her orders: give her history back.
        cls.due.write({
            "insight_last_order_date": date(2026, 5, 21),
            "insight_first_order_date": date(2026, 5, 21),
            "insight_order_count": 4,
            "insight_lifetime_value": 800.0,
            "insight_average_days_between": 30.0,
        })
        cls.cart = cls._order(cls.calm, cls.boots | cls.laces, 1)
        cls.fresh_cart = cls._order(cls.valuable, cls.socks, 1)
        cls.env.flush_all()
        cls._age(cls.cart, NOW - timedelta(days=2))
        cls._age(cls.fresh_cart, NOW - timedelta(hours=3))

    @classmethod
    def _order(cls, partner, products, qty):
        return cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [fields.Command.create({"product_id": p.id, "product_uom_qty": qty}) for p in products],
            }
        )

    @classmethod
    def _age(cls, order, when):
        cls.env.cr.execute("UPDATE sale_order SET write_date = %s WHERE id = %s", (when, order.id))
        cls.env.cr.execute("UPDATE sale_order_line SET write_date = %s WHERE order_id = %s", (when, order.id))
        order.invalidate_recordset()
        order.order_line.invalidate_recordset()

    def _generate(self, now=NOW):
        suggestions = self.env["crm.customer.suggestion"]
        suggestions._generate_suggestions(now=now)
        return suggestions.search([("partner_id", "in", (self.due | self.valuable | self.calm | self.blocked).ids)])

    def _of(self, suggestions, kind):
        return suggestions.filtered(lambda suggestion: suggestion.kind == kind)

    def test_a_customer_near_their_rhythm_is_due_for_repurchase_with_their_usual_products(self):
        repurchase = self._of(self._generate(), "repurchase")
        self.assertEqual(repurchase.partner_id, self.due)
        self.assertEqual(
            repurchase.reason,
            "Usually orders every 30 days; last order on 05/21/2026, next one expected around 06/20/2026.",
        )
        # Socks in two orders, then care kit by quantity, then boots; the engraving service is no product to propose.
        self.assertEqual(repurchase.product_ids.ids, (self.socks | self.care | self.boots).ids)

    def test_a_valuable_customer_at_high_risk_is_flagged(self):
        at_risk = self._of(self._generate(), "value_at_risk")
        self.assertEqual(at_risk.partner_id, self.valuable)
        self.assertIn("9,000.00", at_risk.reason)
        self.assertIn("No order for 226 days; usually orders every 20 days.", at_risk.reason)

    def test_a_cart_untouched_for_a_day_is_an_abandoned_cart(self):
        carts = self._of(self._generate(), "abandoned_cart")
        self.assertEqual(carts.order_id, self.cart)
        self.assertEqual(carts.partner_id, self.calm)
        self.assertEqual(carts.product_ids, self.boots | self.laces)
        self.assertIn(self.cart.name, carts.reason)

    def test_the_generation_costs_the_same_queries_for_more_customers_and_carts(self):
        suggestions = self.env["crm.customer.suggestion"]
        suggestions._generate_suggestions(now=NOW)
        suggestions.search([]).unlink()
        self.env.flush_all()
        queries = self.env.cr.sql_log_count
        suggestions._generate_suggestions(now=NOW)
        self.env.flush_all()
        queries = self.env.cr.sql_log_count - queries
        suggestions.search([]).unlink()
        carts = self.env["sale.order"]
        customers = self.due | self.valuable | self.calm | self.blocked
        for index in range(5):
            extra = self._customer(
                f"Extra Due {index}",
                date(2026, 5, 21),
                3,
                9000.0 + index,
                20.0,
                insight_expected_order_date=date(2026, 6, 10),
                insight_churn_risk="medium" if index % 2 else "high",
                insight_monetary_score=5,
            )
            customers |= extra
            carts |= self._order(extra, self.boots | self.socks, 1 + index)
        self.env.flush_all()
        for cart in carts:
            self._age(cart, NOW - timedelta(days=3))
        # Every kind's candidates in a constant number of queries (customers, usual products, carts, existing
        # suggestions, the inserts), however many customers and carts there are.
        with self.assertQueryCount(queries):
            suggestions._generate_suggestions(now=NOW)
        # The three of the fixture, and of the extra customers two repurchases, three at risk and five carts (counted
        # on this test's customers: a database with the demo shop has customers of its own to suggest).
        self.assertEqual(suggestions.search_count([("partner_id", "in", customers.ids)]), 3 + 10)

    def test_each_reader_reads_the_reason_in_their_language(self):
        # The nightly cron writes as its own user: the reason is made at read time from the facts it noted.
        self.env["res.lang"]._activate_lang("fr_FR")
        suggestions = self._generate()
        french = suggestions.with_context(lang="fr_FR")
        french.invalidate_recordset(["reason"])
        self.assertIn("Commande d'habitude tous les 30 jours", self._of(french, "repurchase").reason)
        self.assertIn(f"Panier {self.cart.name}", self._of(french, "abandoned_cart").reason)
        self.assertIn("Aucune commande depuis 226 jours", self._of(french, "value_at_risk").reason)

    def test_blocked_customers_get_no_suggestion(self):
        self.assertNotIn(self.blocked, self._generate().partner_id)

    def test_a_dismissed_suggestion_is_not_made_again(self):
        repurchase = self._of(self._generate(), "repurchase")
        repurchase.action_dismiss()
        suggestions = self._generate(NOW + timedelta(days=1))
        self.assertEqual(self._of(suggestions, "repurchase"), repurchase)
        self.assertEqual(repurchase.state, "dismissed")

    def test_a_new_order_opens_a_new_repurchase_cycle(self):
        repurchase = self._of(self._generate(), "repurchase")
        repurchase.action_dismiss()
        self.due.write({"insight_last_order_date": date(2026, 6, 14), "insight_expected_order_date": date(2026, 7, 14)})
        self.assertFalse(self._of(self._generate(), "repurchase") - repurchase)
        self.due.insight_expected_order_date = date(2026, 6, 16)
        self.assertEqual(len(self._of(self._generate(), "repurchase")), 2)

    def test_a_suggestion_whose_reason_is_gone_disappears(self):
        cart = self._of(self._generate(), "abandoned_cart")
        self.cart.action_confirm()
        self._generate()
        self.assertFalse(cart.exists())

    def test_one_click_creates_an_opportunity_with_the_reason_and_products(self):
        repurchase = self._of(self._generate(), "repurchase").with_user(self.agent)
        action = repurchase.action_create_opportunity()
        lead = self.env["crm.lead"].browse(action["res_id"])
        self.assertEqual(repurchase.lead_id, lead)
        self.assertEqual(repurchase.state, "done")
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.partner_id, self.due)
        self.assertEqual(lead.user_id, self.agent)
        self.assertEqual(lead.name, "Due for repurchase: Dora Due")
        self.assertIn("Usually orders every 30 days", lead.description)
        self.assertIn("Wool Socks", lead.description)
        with self.assertRaises(UserError):
            repurchase.action_create_opportunity()
        with self.assertRaises(UserError):
            repurchase.action_dismiss()

    def test_results_count_opportunities_won_and_their_revenue_per_kind(self):
        suggestions = self._generate()
        repurchase, cart = self._of(suggestions, "repurchase"), self._of(suggestions, "abandoned_cart")
        self._of(suggestions, "value_at_risk").action_dismiss()
        (repurchase | cart).action_create_opportunity()
        quotation = self._order(self.due, self.boots, 1)
        quotation.opportunity_id = repurchase.lead_id
        quotation.action_confirm()
        quotation.insight_amount = 240.0
        unconfirmed = self._order(self.due, self.boots, 3)
        unconfirmed.opportunity_id = repurchase.lead_id
        unconfirmed.insight_amount = 360.0
        repurchase.lead_id.action_set_won()
        self.env.flush_all()
        report = self.env["crm.customer.suggestion.report"]
        rows = {
            row["kind"]: row
            for row in report.search_read(
                [("partner_id", "in", (self.due | self.valuable | self.calm).ids)],
                ["kind", "suggestion_count", "dismissed_count", "opportunity_count", "won_count", "won_revenue"],
            )
        }
        self.assertEqual(
            [rows["repurchase"][key] for key in ("opportunity_count", "won_count", "won_revenue")], [1, 1, 240.0]
        )
        self.assertEqual(
            [rows["abandoned_cart"][key] for key in ("opportunity_count", "won_count", "won_revenue")], [1, 0, 0.0]
        )
        self.assertEqual(rows["value_at_risk"]["dismissed_count"], 1)
        totals = report._read_group(
            [("partner_id", "in", (self.due | self.valuable | self.calm).ids)], ["kind"], ["won_revenue:sum"]
        )
        self.assertEqual(dict(totals)["repurchase"], 240.0)

    def test_agents_see_and_work_only_their_customers_suggestions(self):
        suggestions = self._generate()
        mine = self.env["crm.customer.suggestion"].with_user(self.agent).search([("id", "in", suggestions.ids)])
        self.assertEqual(mine.partner_id, self.due)
        theirs = self._of(suggestions, "value_at_risk").with_user(self.agent)
        with self.assertRaises(AccessError):
            theirs.action_dismiss()
        report = self.env["crm.customer.suggestion.report"].with_user(self.agent)
        self.assertEqual(report.search([("suggestion_id", "in", suggestions.ids)]).partner_id, self.due)

    def test_managers_see_all_suggestions(self):
        suggestions = self._generate()
        seen = self.env["crm.customer.suggestion"].with_user(self.manager).search([("id", "in", suggestions.ids)])
        self.assertEqual(seen, suggestions)
        self._of(seen, "value_at_risk").action_dismiss()

    def test_readers_see_all_but_change_nothing(self):
        suggestions = self._generate()
        seen = self.env["crm.customer.suggestion"].with_user(self.readonly).search([("id", "in", suggestions.ids)])
        self.assertEqual(seen, suggestions)
        with self.assertRaises(AccessError):
            self._of(seen, "repurchase").action_dismiss()

    def test_portal_users_are_refused(self):
        suggestions = self._generate()
        with self.assertRaises(AccessError):
            suggestions.with_user(self.portal).read(["reason"])
        with self.assertRaises(AccessError):
            self.env["crm.customer.suggestion.report"].with_user(self.portal).search([])
