from datetime import datetime

from odoo.exceptions import UserError
from odoo.modules.module import load_script
from odoo.tests import tagged
from odoo.tools import SQL
from odoo.tools.misc import file_path
from odoo.tools.sql import table_kind

from .common import PipelineCase

MIGRATION = "sale_order_pipeline/migrations/19.0.1.1.0/post-migrate.py"


@tagged("post_install", "-at_install")
class TestPipelineMigration(PipelineCase):
    """Upgrading from 19.0.1.0.0: the feedback table of that version becomes Odoo's ratings of the orders."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rated = cls._shipped_order("TRK-M1")
        cls.rated.action_pipeline_confirm_receipt()
        cls.unsold = cls._shipped_order("TRK-M2")
        cls.unsold.action_pipeline_confirm_receipt()
        cls.unsold.user_id = False
        cls.untouched = cls._shipped_order("TRK-M3")

    def _make_old_feedback_table(self, rows):
        """The table 19.0.1.0.0's ORM made for sale.order.feedback, holding `rows` (order, rating, comment, date)."""
        self.env.cr.execute(
            SQL(
                """CREATE TABLE sale_order_feedback (
                       id serial PRIMARY KEY,
                       order_id integer NOT NULL REFERENCES sale_order(id) ON DELETE CASCADE,
                       partner_id integer NOT NULL REFERENCES res_partner(id) ON DELETE RESTRICT,
                       rating integer NOT NULL,
                       comment text,
                       company_id integer REFERENCES res_company(id) ON DELETE SET NULL,
                       user_id integer REFERENCES res_users(id) ON DELETE SET NULL,
                       team_id integer REFERENCES crm_team(id) ON DELETE SET NULL,
                       country_id integer REFERENCES res_country(id) ON DELETE SET NULL,
                       create_uid integer REFERENCES res_users(id) ON DELETE SET NULL,
                       create_date timestamp without time zone,
                       write_uid integer REFERENCES res_users(id) ON DELETE SET NULL,
                       write_date timestamp without time zone,
                       CONSTRAINT sale_order_feedback_one_per_order UNIQUE (order_id),
                       CONSTRAINT sale_order_feedback_rating_range CHECK (rating BETWEEN 1 AND 5)
                   )"""
            )
        )
        for order, rating, comment, given_on in rows:
            self.env.cr.execute(
                SQL(
                    """INSERT INTO sale_order_feedback (order_id, partner_id, rating, comment, company_id, user_id,
                                                        team_id, create_uid, create_date, write_uid, write_date)
                       VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)""",
                    order.id,
                    order.partner_id.id,
                    rating,
                    comment,
                    order.company_id.id,
                    order.user_id.id or None,
                    order.team_id.id or None,
                    self.customer_user.id,
                    given_on,
                    self.customer_user.id,
                    given_on,
                )
            )
        # The stage 19.0.1.0.0 gave an order with feedback.
        (self.rated | self.unsold).pipeline_stage = "feedback"

    def _migrate(self):
        load_script(file_path(MIGRATION), "sale_order_pipeline_post_migrate_19_0_1_1_0").migrate(
            self.env.cr, "19.0.1.0.0"
        )
        self.env.invalidate_all()

    def _ratings(self):
        return self.env["rating.rating"].search(
            [("res_model", "=", "sale.order"), ("res_id", "in", (self.rated | self.unsold | self.untouched).ids)],
            order="res_id",
        )

    def test_old_feedback_becomes_ratings_of_the_orders_once(self):
        given_on, later = datetime(2026, 3, 14, 9, 26, 53), datetime(2026, 4, 1, 18)
        self._make_old_feedback_table(
            [(self.rated, 4, "Fits well, fast delivery", given_on), (self.unsold, 2, None, later)]
        )
        for run in (1, 2):
            with self.subTest(run=run):
                self._migrate()
                self.assertIsNone(table_kind(self.env.cr, "sale_order_feedback"))
                self.assertRecordValues(
                    self._ratings(),
                    [
                        {
                            "res_id": self.rated.id,
                            "partner_id": self.customer.id,
                            "rated_partner_id": self.rated.user_id.partner_id.id,
                            "rating": 4.0,
                            "feedback": "Fits well, fast delivery",
                            "consumed": True,
                            "create_date": given_on,
                            "rated_on": given_on,
                            "create_uid": self.customer_user.id,
                        },
                        {
                            "res_id": self.unsold.id,
                            "partner_id": self.customer.id,
                            "rated_partner_id": False,
                            "rating": 2.0,
                            "feedback": False,
                            "consumed": True,
                            "create_date": later,
                            "rated_on": later,
                            "create_uid": self.customer_user.id,
                        },
                    ],
                )
        # What the customers said reads as before: the report, the order's feedback and its rating figures.
        self.assertRecordValues(
            self.env["sale.order.feedback"].search([("order_id", "in", (self.rated | self.unsold).ids)]),
            [
                {"order_id": self.unsold.id, "rating": 2, "comment": False, "create_date": later},
                {
                    "order_id": self.rated.id,
                    "rating": 4,
                    "comment": "Fits well, fast delivery",
                    "create_date": given_on,
                },
            ],
        )
        self.assertEqual(self.rated.pipeline_feedback_ids.rating, 4)
        self.assertEqual((self.rated.rating_count, self.rated.rating_last_value), (1, 4.0))
        self.assertEqual((self.rated.pipeline_stage, self.untouched.pipeline_stage), ("feedback", "shipping"))
        self.assertFalse(self.untouched.pipeline_feedback_ids)

    def test_migrated_order_refuses_a_second_feedback(self):
        self._make_old_feedback_table([(self.rated, 5, "Great", datetime(2026, 3, 14))])
        self._migrate()
        with self.assertRaisesRegex(UserError, "already has your feedback"):
            self.rated.with_user(self.customer_user).action_pipeline_leave_feedback(1)
        self.assertEqual(len(self._ratings()), 1)

    def test_database_without_the_old_table_is_left_alone(self):
        self._migrate()
        self.assertFalse(self._ratings())
