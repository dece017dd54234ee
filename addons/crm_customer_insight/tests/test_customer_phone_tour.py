from odoo.tests import HttpCase, tagged

from .privacy_common import PrivacyCommon


@tagged("post_install", "-at_install")
class TestCustomerPhoneTour(PrivacyCommon, HttpCase):
    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_privacy_records()
        cls.order.action_confirm()
        cls._privacy_history()

    def test_agent_opens_the_insight_page_and_the_timeline_on_a_phone(self):
        self.start_tour(f"/odoo/res.partner/{self.customer.id}", "crm_customer_insight_phone", login="privacy_agent")
