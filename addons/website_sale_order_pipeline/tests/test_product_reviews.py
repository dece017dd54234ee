import re

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.sale_order_pipeline.tests.common import PipelineCase


@tagged("post_install", "-at_install")
class TestProductReviews(HttpCase, PipelineCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template = cls.product.product_tmpl_id
        cls.template.write({"is_published": True, "website_sequence": 1})
        cls.order = cls._shipped_order("TRK-R")
        cls.order.action_pipeline_confirm_receipt()

    def _token(self):
        page = self.url_open(self.order.get_portal_url())
        self.assertEqual(page.status_code, 200)
        return page, re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def _post(self, action, **data):
        return self.url_open(
            f"/my/orders/{self.order.id}/pipeline/{action}", data=data, allow_redirects=False, method="POST"
        )

    def _ratings(self):
        return self.env["rating.rating"].search(
            [("res_model", "=", "product.template"), ("res_id", "=", self.template.id)]
        )

    def test_feedback_form_reviews_the_product_shown_on_its_page(self):
        self.authenticate("pipeline_customer", "pipeline_customer")
        page, token = self._token()
        field = f"review_rating_{self.template.id}"
        self.assertIn(field, page.text)
        response = self._post(
            "feedback",
            csrf_token=token,
            rating="5",
            comment="Quick",
            **{field: "4", f"review_comment_{self.template.id}": "True to size"},
        )
        self.assertIn("pipeline=thanks", response.headers["Location"])
        self.assertEqual(self.order.pipeline_stage, "feedback")
        rating = self._ratings()
        self.assertEqual(rating.rating, 4)
        self.assertEqual(rating.partner_id, self.customer)
        self.assertEqual(rating.message_id.author_id, self.customer)
        self.assertFalse(rating.is_internal)
        self.assertEqual(self.order.pipeline_review_ids.rating_id, rating)
        self.assertEqual(self.template.rating_count, 1)

        # Nothing left to review: the order page offers no second review, the product page shows this one.
        page = self.url_open(self.order.get_portal_url())
        self.assertNotIn(field, page.text)
        self.assertIn("1 review", self.url_open(self.template.website_url).text)

        # Posting it again anyway is refused and changes nothing.
        response = self._post("review", csrf_token=token, **{field: "1"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("You already reviewed", response.text)
        self.assertEqual(len(self._ratings()), 1)

    def test_review_after_the_feedback_step(self):
        self.order.with_user(self.customer_user).action_pipeline_leave_feedback(4)
        self.authenticate("pipeline_customer", "pipeline_customer")
        page, token = self._token()
        self.assertIn("pipeline_review_form", page.text)
        response = self._post("review", csrf_token=token, **{f"review_rating_{self.template.id}": "5"})
        self.assertIn("pipeline=reviewed", response.headers["Location"])
        self.assertEqual(self._ratings().rating, 5)

    def test_another_customer_is_refused(self):
        self.authenticate("pipeline_other", "pipeline_other")
        token = re.search(r'csrf_token(?:" value=|: )"([^"]+)"', self.url_open("/my").text).group(1)
        with mute_logger("odoo.http"):
            response = self._post("review", csrf_token=token, **{f"review_rating_{self.template.id}": "1"})
        self.assertEqual(response.status_code, 403)
        with self.assertRaises(AccessError):
            self.order.with_user(self.other_customer_user).action_pipeline_review_product(self.template.id, 1)
        self.assertFalse(self._ratings())

    def test_public_visitor_is_sent_to_login(self):
        response = self._post("review", **{f"review_rating_{self.template.id}": "1"})
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])
        self.assertFalse(self._ratings())

    def test_hostile_review_input_answers_with_a_reason_and_keeps_what_was_typed(self):
        self.authenticate("pipeline_customer", "pipeline_customer")
        __, token = self._token()
        rating_field, comment_field = f"review_rating_{self.template.id}", f"review_comment_{self.template.id}"
        cases = [
            ({rating_field: "²"}, "from 1 to 5 stars"),
            ({rating_field: "٣"}, "from 1 to 5 stars"),
            ({rating_field: "5.0"}, "from 1 to 5 stars"),
            ({rating_field: "-1"}, "from 1 to 5 stars"),
            ({rating_field: ""}, "from 1 to 5 stars"),  # a comment without stars is not dropped silently
            ({rating_field: "4", comment_field: "Snug <script>x</script> " * 100}, "please keep it to 2000"),
            ({"review_rating_²": "4"}, "cannot be reviewed"),
            ({"review_rating_99999999999999999999": "4"}, "cannot be reviewed"),
            ({"review_rating_0": "4"}, "cannot be reviewed"),
        ]
        for fields, message in cases:
            # A good review of the shoe, spoilt by one bad field.
            fields = {rating_field: "3", comment_field: "Snug <script>x</script>", **fields}
            with self.subTest(fields=fields):
                response = self._post("feedback", csrf_token=token, rating="5", comment="Quick", **fields)
                self.assertEqual(response.status_code, 400)
                self.assertIn(message, response.text)
                # Nothing is saved, not even the delivery feedback, and every comment comes back, escaped.
                self.assertEqual(self.order.pipeline_stage, "delivered")
                self.assertIn("Quick</textarea>", response.text)
                self.assertIn("Snug &lt;script&gt;x&lt;/script&gt;", response.text)
                self.assertNotIn("<script>x</script>", response.text)
        self.assertFalse(self._ratings())
        self.assertFalse(self.order.pipeline_feedback_ids)

    def test_an_empty_review_form_says_what_is_missing(self):
        self.order.with_user(self.customer_user).action_pipeline_leave_feedback(4)
        self.authenticate("pipeline_customer", "pipeline_customer")
        __, token = self._token()
        response = self._post("review", csrf_token=token)
        self.assertEqual(response.status_code, 400)
        self.assertIn("Pick from 1 to 5 stars", response.text)

    def test_refusals(self):
        order = self.order.with_user(self.customer_user)
        other = self.env["product.template"].create({"name": "Not in the order"})
        with self.assertRaisesRegex(UserError, "cannot be reviewed"):
            order.action_pipeline_review_product(other.id, 5)
        with self.assertRaisesRegex(UserError, "from 1 to 5"):
            order.action_pipeline_review_product(self.template.id, 6)
        quote = self._order()
        with self.assertRaisesRegex(UserError, "cannot be reviewed"):
            quote.with_user(self.customer_user).action_pipeline_review_product(self.template.id, 5)
        order.action_pipeline_review_product(self.template.id, 3, "Fine")
        with self.assertRaisesRegex(UserError, "already reviewed"):
            order.action_pipeline_review_product(self.template.id, 5)
        self.assertEqual(len(self._ratings()), 1)
