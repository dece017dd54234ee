from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCustomerProfile(TransactionCase):
    """Custom customer fields are Odoo's contact properties, defined by a Customer Insight administrator."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        groups = "crm_customer_insight.group_customer_insight_"
        cls.admin = new_test_user(cls.env, "insight_admin", groups=groups + "admin")
        cls.agent = new_test_user(cls.env, "insight_agent", groups=groups + "agent")
        cls.customer = cls.env["res.partner"].create({"name": "Mai", "customer_rank": 1, "user_id": cls.agent.id})
        cls.other = cls.env["res.partner"].create({"name": "Hugo", "customer_rank": 1, "user_id": cls.agent.id})

    def _define_shoe_size(self, user):
        self.customer.with_user(user).properties = [
            {
                "name": "shoe_size",
                "string": "Shoe size",
                "type": "char",
                "value": "38",
                "definition_changed": True,
            }
        ]

    def test_an_insight_admin_defines_a_property_every_customer_gets(self):
        self.assertFalse(self.admin.has_group("base.group_system"))
        self._define_shoe_size(self.admin)
        self.assertEqual(self.customer.properties, {"shoe_size": "38"})
        self.other.with_user(self.agent).properties = {"shoe_size": "44"}
        self.assertEqual(self.other.properties, {"shoe_size": "44"})
        definition = self.env["properties.base.definition"]._get_definition_for_property_field(
            "res.partner", "properties"
        )
        self.assertEqual([prop["name"] for prop in definition.properties_definition], ["shoe_size"])

    def test_an_agent_fills_properties_but_does_not_define_them(self):
        with self.assertRaises(AccessError):
            self._define_shoe_size(self.agent)
            self.env.flush_all()

    def test_the_insight_page_shows_the_profile(self):
        arch = self.env["res.partner"].with_user(self.agent).get_view(view_type="form")["arch"]
        page = arch[arch.index('name="customer_insight"') :]
        for field in ("customer_status", "preferred_currency_id", "country_id", "state_id", "lang", "tz"):
            with self.subTest(field=field):
                self.assertIn(f'name="{field}"', page)
