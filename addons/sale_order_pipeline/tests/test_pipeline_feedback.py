from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import PipelineCase


@tagged("post_install", "-at_install")
class TestPipelineFeedback(PipelineCase):
    """The delivery feedback is Odoo's rating of the order; the report reads it by salesperson, team and country."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls._shipped_order("TRK-F")
        cls.order.action_pipeline_confirm_receipt()

    def _leave(self, rating, comment=False):
        return self.order.with_user(self.customer_user).action_pipeline_leave_feedback(rating, comment)

    def test_feedback_is_a_rating_of_the_order_in_its_chatter(self):
        self._leave("4", "  Fits well  ")
        rating = self.env["rating.rating"].search([("res_model", "=", "sale.order"), ("res_id", "=", self.order.id)])
        self.assertRecordValues(
            rating,
            [
                {
                    "rating": 4.0,
                    "feedback": "Fits well",
                    "consumed": True,
                    "partner_id": self.customer.id,
                    "rated_partner_id": self.order.user_id.partner_id.id,
                }
            ],
        )
        self.assertEqual(rating.message_id.author_id, self.customer)
        self.assertEqual(rating.message_id.res_id, self.order.id)
        self.assertEqual(self.order.pipeline_stage, "feedback")
        self.assertEqual((self.order.rating_count, self.order.rating_last_value), (1, 4.0))
        self.assertRecordValues(
            self.order.pipeline_feedback_ids,
            [{"rating_id": rating.id, "rating": 4, "comment": "Fits well", "partner_id": self.customer.id}],
        )

    def test_report_averages_by_salesperson_team_and_country(self):
        self.customer.country_id = self.env.ref("base.vn")
        self._leave(2)
        other = self._shipped_order("TRK-G")
        other.action_pipeline_confirm_receipt()
        other.with_user(self.customer_user).action_pipeline_leave_feedback(5)
        feedback = self.env["sale.order.feedback"]
        groups = feedback._read_group(
            [("order_id", "in", (self.order | other).ids)], ["user_id", "team_id", "country_id"], ["rating:avg"]
        )
        self.assertEqual(groups, [(self.order.user_id, self.order.team_id, self.env.ref("base.vn"), 3.5)])

    def test_hostile_ratings_and_long_comments_are_refused_with_a_reason(self):
        for rating in ("²", "٣", "５", "5.0", "-1", "0", "99", "", None, [5], True, 4.5):
            with self.subTest(rating=rating), self.assertRaisesRegex(UserError, "from 1 to 5"):
                self._leave(rating, "Kept")
        with self.assertRaisesRegex(UserError, "2001 characters long; please keep it to 2000"):
            self._leave(5, "x" * 2001)
        self.assertFalse(self.order.pipeline_feedback_ids)
        self.assertEqual(self.order.pipeline_stage, "delivered")
        self._leave(5, "x" * 2000)
        self.assertEqual(len(self.order.pipeline_feedback_ids.comment), 2000)

    def test_only_the_customer_rates_and_only_once(self):
        for user in (self.salesman, self.warehouse_user, self.other_customer_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.order.with_user(user).action_pipeline_leave_feedback(5)
        self._leave(3)
        with self.assertRaisesRegex(UserError, "already has your feedback"):
            self._leave(5)
        self.assertEqual(self.order.rating_count, 1)

    def test_a_manager_records_the_rating_the_customer_gave_by_phone(self):
        self.order.with_user(self.manager).action_pipeline_leave_feedback(5, "Said on the phone")
        self.assertEqual(self.order.pipeline_feedback_ids.partner_id, self.customer)
        self.assertEqual(self.order.pipeline_feedback_ids.rating_id.message_id.author_id, self.customer)
