from datetime import timedelta
from urllib.parse import quote

import lxml.html

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import classed, make_loyalty_shop, sibling_results, text


@tagged("post_install", "-at_install")
class TestLoyaltyPortalPage(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.records = make_loyalty_shop(cls.env)
        cls.card = cls.records["card"]
        cls.other_card = cls.records["other_card"]

    def setUp(self):
        super().setUp()
        self.enterContext(sibling_results(self.records))

    def _get(self, url, **kwargs):
        response = self.url_open(url, allow_redirects=False, **kwargs)
        return response, (lxml.html.fromstring(response.content) if response.content.strip() else None)

    def test_customer_sees_tier_progress_balance_perks_and_rewards(self):
        self.authenticate("loyal_customer", "loyal_customer")
        response, page = self._get("/my/loyalty")
        self.assertEqual(response.status_code, 200)
        cards = classed(page, "o_loyalty_tier_card")
        self.assertEqual([card.get("data-card-id") for card in cards], [str(self.card.id)])
        card = cards[0]
        self.assertEqual(text(classed(card, "o_loyalty_tier_name")[0]), "Silver")
        self.assertIn("150", text(classed(card, "o_loyalty_tier_balance")[0]))
        bar = classed(classed(card, "o_loyalty_tier_progress")[0], "progress")[0]
        self.assertEqual(bar.get("aria-valuenow"), "60")
        missing = text(classed(card, "o_loyalty_tier_missing")[0])
        self.assertIn("Gold", missing)
        self.assertIn("400", missing)
        perks = text(classed(card, "o_loyalty_tier_perks")[0])
        self.assertIn("Free delivery on every order", perks)
        self.assertIn("Silver Members Five Percent", perks)
        rewards = text(classed(card, "o_loyalty_tier_rewards")[0])
        self.assertIn("Ten percent off", rewards, "100 points needed, 150 on the card")
        self.assertNotIn("Fifty off a pair", rewards, "500 points needed: not yet usable")
        expiry = text(classed(card, "o_loyalty_tier_next_expiry")[0])
        # loyalty_tier computes the next expiry from the history (oldest points first): shown as it says.
        self.assertTrue(self.card.next_expiry_points)
        self.assertIn(f"{self.card._format_points(self.card.next_expiry_points)} expire on", expiry)

    def test_a_perk_that_has_ended_is_not_listed(self):
        self.records["perk"].copy({
            "name": "Silver Spring Sale Ended",
            "date_from": self.records["today"] - timedelta(days=30),
            "date_to": self.records["today"] - timedelta(days=1),
        })
        self.authenticate("loyal_customer", "loyal_customer")
        _response, page = self._get("/my/loyalty")
        perks = text(classed(page, "o_loyalty_tier_perks")[0])
        self.assertIn("Silver Members Five Percent", perks)
        self.assertNotIn("Silver Spring Sale Ended", perks)

    def test_history_shows_expiry_and_highlights_points_about_to_expire(self):
        self.authenticate("loyal_customer", "loyal_customer")
        _response, page = self._get("/my/loyalty")
        lines = classed(page, "o_loyalty_tier_history")[0].xpath("./li")
        self.assertEqual(len(lines), 3)
        expiring = classed(page, "o_loyalty_tier_expiring")
        self.assertEqual(len(expiring), 1)
        self.assertIn("Order LT-001", expiring[0].text_content())
        self.assertIn("Expires soon", expiring[0].text_content())
        later = [line for line in lines if "Third order bonus" in line.text_content()][0]
        self.assertIn("expire on", later.text_content(), "its expiry date is shown, not highlighted")
        self.assertIn("Frequency bonus", later.text_content())

    def test_history_text_is_escaped(self):
        self.authenticate("loyal_customer", "loyal_customer")
        response, page = self._get("/my/loyalty")
        self.assertNotIn(b"<script>alert('loyalty')</script>", response.content)
        self.assertIn("<script>alert('loyalty')</script>", classed(page, "o_loyalty_tier_history")[0].text_content())

    def test_only_the_customers_own_cards_are_shown(self):
        self.authenticate("loyal_customer", "loyal_customer")
        response, page = self._get("/my/loyalty")
        self.assertEqual(len(classed(page, "o_loyalty_tier_card")), 1)
        self.assertNotIn(b"secret order", response.content)
        self.assertEqual([text(badge) for badge in classed(page, "o_loyalty_tier_name")], ["Silver"])

    def test_full_history_of_the_own_card_is_paged(self):
        self.authenticate("loyal_customer", "loyal_customer")
        response, page = self._get(f"/my/loyalty/{self.card.id}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(classed(page, "o_loyalty_tier_history")[0].xpath("./li")), 3)
        # Odoo's pager brings a page past the end back to the last one.
        response, page = self._get(f"/my/loyalty/{self.card.id}/page/2")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(classed(page, "o_loyalty_tier_history")[0].xpath("./li")), 3)

    def test_someone_elses_card_or_a_made_up_id_is_not_found(self):
        self.authenticate("loyal_customer", "loyal_customer")
        for url in (
            f"/my/loyalty/{self.other_card.id}",
            f"/my/loyalty/{self.other_card.id}/page/1",
            "/my/loyalty/999999999",
            "/my/loyalty/99999999999999999999999",
            "/my/loyalty/-1",
            "/my/loyalty/²",
            f"/my/loyalty/{self.card.id}%3Cscript%3E",
            "/my/loyalty/<script>alert(1)</script>",
        ):
            with self.subTest(url=url):
                response, _page = self._get(url)
                self.assertEqual(response.status_code, 404, url)
                self.assertNotIn(b"secret order", response.content)

    def test_hostile_page_numbers_give_a_page_of_the_own_history_or_not_found(self):
        self.authenticate("loyal_customer", "loyal_customer")
        for page in ("0", "1", "-1", "99999999999999999999", "٣"):
            with self.subTest(page=page):
                response, page_html = self._get(f"/my/loyalty/{self.card.id}/page/{page}")
                if response.status_code in (301, 302, 303, 308):  # Werkzeug's ASCII address for unicode digits
                    response, page_html = self._get(response.headers["Location"])
                self.assertEqual(response.status_code, 200, page)
                self.assertEqual(len(classed(page_html, "o_loyalty_tier_history")[0].xpath("./li")), 3)
                self.assertNotIn(b"secret order", response.content)
        for page in ("²", "1.5", "<script>alert(1)</script>"):
            with self.subTest(page=page):
                response, _page = self._get(f"/my/loyalty/{self.card.id}/page/{page}")
                self.assertEqual(response.status_code, 404, page)
        response, _page = self._get(f"/my/loyalty/{self.other_card.id}/page/99999999999999999999")
        self.assertEqual(response.status_code, 404)

    def test_a_page_number_in_the_query_string_is_ignored(self):
        # Only the path's /page/<n> is a page: ?page=² reached Odoo's pager as text, and int() failed (a 500).
        self.authenticate("loyal_customer", "loyal_customer")
        for page in ("²", "٣", "1.5", "<script>alert(1)</script>", "99999999999999999999", "2"):
            with self.subTest(page=page):
                response, page_html = self._get(f"/my/loyalty/{self.card.id}?page={quote(page)}")
                self.assertEqual(response.status_code, 200, page)
                self.assertEqual(len(classed(page_html, "o_loyalty_tier_history")[0].xpath("./li")), 3)
                self.assertNotIn(b"<script>alert(1)</script>", response.content)
                self.assertNotIn(b"secret order", response.content)

    def test_unicode_digits_lead_to_no_card(self):
        # Werkzeug reads "٣" as 3 and redirects to the ASCII address, which then answers like any other id.
        self.authenticate("loyal_customer", "loyal_customer")
        for digits in ("٣", "١٢", str(self.other_card.id).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))):
            with self.subTest(digits=digits):
                response = self.url_open(f"/my/loyalty/{digits}")
                self.assertIn(response.status_code, (200, 404))
                self.assertNotIn(b"secret order", response.content)
                if response.status_code == 200:
                    self.assertEqual(response.url.rsplit("/", 1)[-1], str(self.card.id))

    def test_hostile_query_strings_and_bodies_give_the_page(self):
        self.authenticate("loyal_customer", "loyal_customer")
        for url in ("/my/loyalty?card_id=%d" % self.other_card.id, "/my/loyalty?x=<script>alert(1)</script>",
                    "/my/loyalty?page=٣"):
            with self.subTest(url=url):
                response, _page = self._get(url)
                self.assertEqual(response.status_code, 200)
                self.assertNotIn(b"<script>alert(1)</script>", response.content)
                self.assertNotIn(b"secret order", response.content)
        with mute_logger("odoo.http"):  # Odoo warns about the forged CSRF token
            response = self.url_open("/my/loyalty", data={"points": "1000000", "csrf_token": "x" * 1_000_000},
                                     allow_redirects=False)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.card.points, 150)

    def test_visitors_are_sent_to_sign_in(self):
        self.authenticate(None, None)
        for url in ("/my/loyalty", f"/my/loyalty/{self.card.id}"):
            with self.subTest(url=url):
                response, _page = self._get(url)
                self.assertIn(response.status_code, (302, 303))
                self.assertIn("/web/login", response.headers["Location"])

    def test_portal_home_links_the_loyalty_page_with_a_counter(self):
        self.authenticate("loyal_customer", "loyal_customer")
        _response, page = self._get("/my/home")
        self.assertTrue(page.xpath("//a[@href='/my/loyalty']"))
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["loyalty_tier_card_count"]})
        self.assertEqual(counters["loyalty_tier_card_count"], 1)

    def test_a_customer_without_a_card_gets_a_clean_page(self):
        self.authenticate("other_customer", "other_customer")
        self.other_card.active = False
        response, page = self._get("/my/loyalty")
        self.assertEqual(response.status_code, 200)
        self.assertFalse(classed(page, "o_loyalty_tier_card"))
        self.assertTrue(classed(classed(page, "o_loyalty_tier_portal")[0], "alert-info"))
