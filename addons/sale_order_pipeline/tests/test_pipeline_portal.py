import re
from unittest.mock import patch

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import PipelineCase

# Queries of the customer's warm order page beyond those of the page of an order just confirmed (its timeline has one
# stage, nothing shipped, no carrier update, no rating): what the later stages' sections cost, whatever other modules
# add to the page (returns, live chat, wishlists...: the same on both pages). Measured 2026-12-02.
SHIPPED_ORDER_EXTRA = 2  # a shipped order: more stages, the tracking link and the receipt button (+1 measured)
RATED_ORDER_EXTRA = 3  # delivered and rated, two carrier updates: each section one query (+1 measured)


@tagged("post_install", "-at_install")
class TestPipelinePortal(HttpCase, PipelineCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls._shipped_order("TRK-55")

    def _csrf_token(self, url):
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        return re.search(r'csrf_token(?:" value=|: )"([^"]+)"', page.text).group(1)

    def _page_queries(self, order):
        """The queries of the customer's order page once warm (as ``assertQueryCount`` counts them)."""
        url = order.get_portal_url()
        self.assertEqual(self.url_open(url).status_code, 200)
        with patch("random.random", lambda: 1):  # no random bus garbage collection in the count
            self.env.flush_all()
            count0 = self.cr.sql_log_count
            self.assertEqual(self.url_open(url).status_code, 200)
            self.env.flush_all()
            return self.cr.sql_log_count - count0

    def _confirmed_page_queries(self):
        confirmed = self._order()
        confirmed.action_confirm()
        self.assertEqual(confirmed.pipeline_stage, "confirmed")
        return self._page_queries(confirmed)

    def _post(self, action, **data):
        return self.url_open(
            f"/my/orders/{self.order.id}/pipeline/{action}", data=data, allow_redirects=False, method="POST"
        )

    def test_my_orders_lists_the_stage(self):
        self.authenticate("pipeline_customer", "pipeline_customer")
        page = self.url_open("/my/orders")
        self.assertIn(self.order.name, page.text)
        self.assertIn("Shipping", page.text)

    def test_order_page_shows_timeline_and_tracking(self):
        self.authenticate("pipeline_customer", "pipeline_customer")
        page = self.url_open(self.order.get_portal_url())
        self.assertIn("o_pipeline_timeline", page.text)
        for label in ("Confirmed", "Packaging", "Shipping"):
            self.assertIn(label, page.text)
        self.assertIn("https://track.example.com/TRK-55", page.text)
        self.assertIn("I received my order", page.text)

    def test_customer_confirms_receipt_then_leaves_feedback_once(self):
        self.authenticate("pipeline_customer", "pipeline_customer")
        token = self._csrf_token(self.order.get_portal_url())
        response = self._post("receipt", csrf_token=token)
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.order.pipeline_stage, "delivered")
        self.assertEqual(self.order.pipeline_history_ids[0].user_id, self.customer_user)

        page = self.url_open(self.order.get_portal_url())
        self.assertIn("pipeline_feedback_form", page.text)
        response = self._post("feedback", csrf_token=token, rating="4", comment="Fits well")
        self.assertIn("pipeline=thanks", response.headers["Location"])
        self.assertEqual(self.order.pipeline_stage, "feedback")
        self.assertEqual(self.order.pipeline_feedback_ids.rating, 4)
        self.assertEqual(self.order.pipeline_feedback_ids.comment, "Fits well")

        response = self._post("feedback", csrf_token=token, rating="1", comment="Changed my mind")
        self.assertEqual(response.status_code, 400)
        self.assertIn("already has your feedback", response.text)
        self.assertEqual(len(self.order.pipeline_feedback_ids), 1)
        self.assertEqual(self.order.pipeline_feedback_ids.rating, 4)

    def test_hostile_ratings_answer_with_a_reason_and_keep_the_comment(self):
        self.order.action_pipeline_confirm_receipt()
        self.authenticate("pipeline_customer", "pipeline_customer")
        token = self._csrf_token(self.order.get_portal_url())
        for rating in ("²", "٣", "5.0", "-1", "99", "", "4 stars"):
            with self.subTest(rating=rating):
                response = self._post("feedback", csrf_token=token, rating=rating, comment="Box <b>crushed</b> 📦")
                self.assertEqual(response.status_code, 400)
                self.assertIn("Please give a rating from 1 to 5.", response.text)
                # What the customer typed comes back in the form, escaped.
                self.assertIn("Box &lt;b&gt;crushed&lt;/b&gt; 📦</textarea>", response.text)
                self.assertIn("pipeline_feedback_form", response.text)
        self.assertFalse(self.order.pipeline_feedback_ids)
        self.assertEqual(self.order.pipeline_stage, "delivered")

    def test_rating_is_kept_when_the_comment_is_too_long(self):
        self.order.action_pipeline_confirm_receipt()
        self.authenticate("pipeline_customer", "pipeline_customer")
        token = self._csrf_token(self.order.get_portal_url())
        comment = "Lovely shoes. " * 200
        response = self._post("feedback", csrf_token=token, rating="4", comment=comment)
        self.assertEqual(response.status_code, 400)
        self.assertIn("please keep it to 2000", response.text)
        self.assertIn(f"{comment}</textarea>", response.text)
        [star] = re.findall(r'<input[^>]*id="pipeline_rating_4"[^>]*>', response.text)
        self.assertIn('checked="checked"', star)
        self.assertFalse(self.order.pipeline_feedback_ids)

    def test_feedback_without_csrf_token_is_rejected(self):
        self.order.action_pipeline_confirm_receipt()
        self.authenticate("pipeline_customer", "pipeline_customer")
        with mute_logger("odoo.http"):
            response = self._post("feedback", rating="5")
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.order.pipeline_feedback_ids)

    def test_another_customer_is_refused(self):
        self.authenticate("pipeline_other", "pipeline_other")
        token = self._csrf_token("/my")
        for action in ("confirm", "receipt", "feedback"):
            with self.subTest(action=action), mute_logger("odoo.http"):
                response = self._post(action, csrf_token=token, rating="1")
                self.assertEqual(response.status_code, 403)
        self.assertEqual(self.order.pipeline_stage, "shipping")
        self.assertFalse(self.order.pipeline_feedback_ids)
        # Nor can they open the order page itself.
        with mute_logger("odoo.http"):
            page = self.url_open(f"/my/orders/{self.order.id}", allow_redirects=False)
        self.assertNotEqual(page.status_code, 200)

    def test_unknown_order_is_not_found(self):
        self.authenticate("pipeline_customer", "pipeline_customer")
        token = self._csrf_token("/my")
        for order_id in ("999999999", "99999999999999999999"):
            with self.subTest(order_id=order_id), mute_logger("odoo.http"):
                response = self.url_open(
                    f"/my/orders/{order_id}/pipeline/feedback",
                    data={"csrf_token": token, "rating": "5"},
                    allow_redirects=False,
                )
                self.assertEqual(response.status_code, 404)

    def test_post_without_csrf_token_is_rejected(self):
        self.authenticate("pipeline_customer", "pipeline_customer")
        with mute_logger("odoo.http"):
            response = self._post("receipt")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.order.pipeline_stage, "shipping")

    def test_anonymous_visitor_is_sent_to_login(self):
        response = self._post("receipt")
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])
        self.assertEqual(self.order.pipeline_stage, "shipping")

    def test_customer_confirms_an_order_that_needs_no_payment(self):
        quote = self._order()
        quote.write({"require_signature": False, "require_payment": False})
        self.authenticate("pipeline_customer", "pipeline_customer")
        url = quote.get_portal_url()
        page = self.url_open(url)
        self.assertIn("Confirm my order", page.text)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = self.url_open(
            f"/my/orders/{quote.id}/pipeline/confirm", data={"csrf_token": token}, allow_redirects=False
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(quote.state, "sale")
        self.assertEqual(quote.pipeline_stage, "confirmed")

    def test_portal_order_page_query_budget(self):
        self.authenticate("pipeline_customer", "pipeline_customer")
        baseline, shipped = self._confirmed_page_queries(), self._page_queries(self.order)
        self.assertLessEqual(shipped - baseline, SHIPPED_ORDER_EXTRA, f"shipped {shipped}, just confirmed {baseline}")

    def test_rated_order_page_reads_each_section_in_one_query(self):
        # The timeline, the carrier updates and the rating are each read in one query (the fields' way searched the
        # lines, then read them: three queries more).
        self.order.action_pipeline_add_transit_event("in_transit", location="Hanoi")
        self.order.action_pipeline_add_transit_event("out_for_delivery", location="Da Nang")
        self.order.action_pipeline_confirm_receipt()
        self.order.with_user(self.customer_user).action_pipeline_leave_feedback(4, "Fits well")
        self.authenticate("pipeline_customer", "pipeline_customer")
        url = self.order.get_portal_url()
        page = self.url_open(url)
        for shown in ("o_pipeline_timeline", "Feedback received", "Da Nang", "Out for delivery", "Your rating: 4/5"):
            self.assertIn(shown, page.text)
        self.assertLess(page.text.index("Out for delivery"), page.text.index("In transit"), "newest update first")
        baseline, rated = self._confirmed_page_queries(), self._page_queries(self.order)
        self.assertLessEqual(rated - baseline, RATED_ORDER_EXTRA, f"rated {rated}, just confirmed {baseline}")
