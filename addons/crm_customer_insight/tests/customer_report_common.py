from datetime import date, datetime, timedelta

from odoo import Command
from odoo.tests import TransactionCase, new_test_user


class CustomerReportCase(TransactionCase):
    """Customers, orders and activities the report and role tests share. The metrics and ``insight_amount`` are
    written directly (they belong to the metrics engine), after the orders are confirmed so that nothing computed on
    confirmation overwrites them: every figure the tests expect is computed by hand from these values."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.vietnam = cls.env.ref("base.vn")
        cls.germany = cls.env.ref("base.de")
        cls.agent_a = new_test_user(
            cls.env, "insight_agent_a", groups="crm_customer_insight.group_customer_insight_agent"
        )
        cls.agent_b = new_test_user(
            cls.env, "insight_agent_b", groups="crm_customer_insight.group_customer_insight_agent"
        )
        cls.manager = new_test_user(
            cls.env, "insight_manager", groups="crm_customer_insight.group_customer_insight_manager"
        )
        cls.readonly = new_test_user(
            cls.env, "insight_readonly", groups="crm_customer_insight.group_customer_insight_readonly"
        )
        cls.product = cls.env["product.product"].create({"name": "Trail Runner 42", "list_price": 100.0})
        Partner = cls.env["res.partner"]
        cls.ana = Partner.create({"name": "Ana Nguyen", "country_id": cls.vietnam.id, "user_id": cls.agent_a.id})
        cls.ana_delivery = Partner.create({"name": "Ana's shop", "type": "delivery", "parent_id": cls.ana.id})
        cls.bert = Partner.create({"name": "Bert Schulz", "country_id": cls.germany.id, "user_id": cls.agent_b.id})
        cls.chloe = Partner.create({"name": "Chloe Weber", "country_id": cls.germany.id, "user_id": cls.agent_a.id})
        cls.vendor = Partner.create({"name": "Leather Supplies", "country_id": cls.germany.id})
        cls.unassigned = Partner.create({"name": "Nobody's customer", "country_id": cls.vietnam.id})

        # Confirmed orders (date, amount in the reporting currency, salesperson), one cancelled, one quotation.
        cls.ana_order_1 = cls._order(cls.ana, datetime(2026, 1, 10, 9), 100.0, cls.agent_a)
        cls.ana_order_2 = cls._order(cls.ana, datetime(2026, 1, 25, 9), 150.0, cls.agent_a)
        cls.bert_order = cls._order(cls.bert, datetime(2026, 1, 20, 9), 120.0, cls.agent_b)
        cls.chloe_order = cls._order(cls.chloe, datetime(2026, 2, 5, 9), 80.0, cls.agent_a)
        cls.chloe_cancelled = cls._order(cls.chloe, datetime(2026, 2, 6, 9), 500.0, cls.agent_a, state="cancel")
        cls.chloe_quotation = cls._order(cls.chloe, datetime(2026, 2, 7, 9), 700.0, cls.agent_a, state="draft")
        cls.unassigned_order = cls._order(cls.unassigned, datetime(2026, 2, 9, 9), 60.0, cls.manager)

        cls._metrics(cls.ana, date(2026, 1, 10), 300.0, 3, "champions", "low", False)
        cls._metrics(cls.bert, date(2026, 1, 20), 120.0, 1, "new", "high", "No order for 200 days; expected every 60")
        cls._metrics(cls.chloe, date(2026, 2, 5), 80.0, 2, "at_risk", "medium", "Next order 20 days late")
        cls._metrics(cls.unassigned, date(2026, 2, 9), 60.0, 1, "new", "low", False)
        cls.customers = cls.ana | cls.bert | cls.chloe | cls.unassigned

        # Activities: agent A has one done, two open of which one overdue on customer documents, and one elsewhere
        # (a product, not customer work); agent B one overdue on an order.
        today = date.today()
        cls.ana_call = cls.ana.activity_schedule(
            "mail.mail_activity_data_todo", date_deadline=today + timedelta(days=5), user_id=cls.agent_a.id
        )
        cls.ana_late_call = cls.ana.activity_schedule(
            "mail.mail_activity_data_todo", date_deadline=today - timedelta(days=3), user_id=cls.agent_a.id
        )
        cls.ana_order_done_call = cls.ana_order_1.activity_schedule(
            "mail.mail_activity_data_todo", date_deadline=today - timedelta(days=1), user_id=cls.agent_a.id
        )
        cls.ana_order_done_call.action_done()
        cls.product.product_tmpl_id.activity_schedule(
            "mail.mail_activity_data_todo", date_deadline=today - timedelta(days=1), user_id=cls.agent_a.id
        )
        cls.bert_order_call = cls.bert_order.activity_schedule(
            "mail.mail_activity_data_todo", date_deadline=today - timedelta(days=2), user_id=cls.agent_b.id
        )

    @classmethod
    def _order(cls, partner, when, amount, salesperson, state="sale"):
        order = cls.env["sale.order"].create({
            "partner_id": partner.id,
            "user_id": salesperson.id,
            "order_line": [Command.create({"product_id": cls.product.id, "product_uom_qty": 1})],
        })
        if state == "sale":
            order.action_confirm()
        elif state == "cancel":
            order._action_cancel()
        order.date_order = when
        order.insight_amount = amount
        return order

    @classmethod
    def _metrics(cls, partner, first_order, lifetime_value, orders, segment, churn_risk, churn_reason):
        partner.write({
            "insight_first_order_date": first_order,
            "insight_lifetime_value": lifetime_value,
            "insight_order_count": orders,
            "insight_average_order": lifetime_value / orders,
            "insight_segment": segment,
            "insight_churn_risk": churn_risk,
            "insight_churn_reason": churn_reason,
        })
