import lxml.html

from odoo.tests import HttpCase, tagged

from odoo.addons.website_sale_loyalty_tier.tests.common import make_loyalty_shop, sibling_results


@tagged("post_install", "-at_install")
class TestDashboardLoyalty(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.records = make_loyalty_shop(cls.env)

    def setUp(self):
        super().setUp()
        self.enterContext(sibling_results(self.records))

    def _cards(self, login):
        self.authenticate(login, login)
        response = self.url_open("/my")
        self.assertEqual(response.status_code, 200)
        page = lxml.html.fromstring(response.content)
        return page.xpath("//div[contains(@class, 'o_portal_dashboard_loyalty_card')]")

    def test_customer_sees_their_tier_points_and_progress(self):
        cards = self._cards("loyal_customer")
        self.assertEqual([card.get("data-card-id") for card in cards], [str(self.records["card"].id)])
        self.assertEqual(cards[0].xpath(".//*[contains(@class, 'o_portal_dashboard_loyalty_tier')]")[0].text, "Silver")
        self.assertIn("150", cards[0].text_content())
        self.assertEqual(cards[0].xpath(".//*[@role='progressbar']")[0].get("aria-valuenow"), "60")
        self.assertIn("Gold", cards[0].text_content())

    def test_someone_elses_card_is_not_shown(self):
        cards = self._cards("other_customer")
        self.assertEqual([card.get("data-card-id") for card in cards], [str(self.records["other_card"].id)])
        self.assertNotIn("Silver", cards[0].text_content())
