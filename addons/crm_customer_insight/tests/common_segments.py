from datetime import date

from odoo.tests import TransactionCase, new_test_user

TODAY = date(2026, 6, 15)


class SegmentsCase(TransactionCase):
    """Customers whose metrics are written directly (the metrics engine is the core helper's), the other customers
    of the database set aside, and one user per role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        # Quintiles rank every customer: keep those of the database (demo, other addons) out of ours.
        partners = cls.env["res.partner"]
        partners.search([("insight_order_count", ">", 0)]).write({"insight_order_count": 0})
        partners.search([("insight_segment", "!=", False)]).write({"insight_segment": False})
        # ... with their scores and risks cleared (a demo shop carries them), and no VIP of theirs in our segments.
        partners._insight_refresh_segments(today=TODAY)
        partners.search([("customer_status", "=", "vip")]).write({"customer_status": "active"})
        insight = "crm_customer_insight.group_customer_insight_"
        cls.agent = new_test_user(cls.env, "insight_agent", groups=insight + "agent", name="Agnes Agent")
        cls.other_agent = new_test_user(cls.env, "insight_agent2", groups=insight + "agent", name="Otto Agent")
        cls.manager = new_test_user(
            cls.env,
            "insight_manager",
            groups=insight + "manager,mass_mailing.group_mass_mailing_user",
            name="Mona Manager",
        )
        cls.readonly = new_test_user(cls.env, "insight_readonly", groups=insight + "readonly", name="Rita Reader")
        cls.portal = new_test_user(cls.env, "insight_portal", groups="base.group_portal", name="Paul Portal")

    @classmethod
    def _customer(cls, name, last_order=None, orders=0, value=0.0, days_between=0.0, **extra):
        return cls.env["res.partner"].create(
            {
                "name": name,
                "email": f"{name.lower().replace(' ', '.')}@example.com",
                "customer_rank": 1,
                "insight_last_order_date": last_order,
                "insight_first_order_date": last_order,
                "insight_order_count": orders,
                "insight_lifetime_value": value,
                "insight_average_days_between": days_between,
                **extra,
            }
        )
