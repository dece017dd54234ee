from odoo.tests import tagged
from odoo.tools import SQL
from odoo.tools.sql import table_columns

from ..hooks import pre_init_hook
from ..lib.pipeline import initial_stage
from .common import PipelineCase

NEW_COLUMNS = ("pipeline_stage", "rating_last_value")


@tagged("post_install", "-at_install")
class TestPipelineInstallOverExistingOrders(PipelineCase):
    """The install fills the stage and rating.mixin's last rating of existing orders in SQL, before the ORM sees
    the fields: each order must get what the ORM would give it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.orders = cls._order() | cls._order() | cls._order() | cls._order()
        cls.quote, cls.confirmed, cls.delivered, cls.cancelled = cls.orders
        (cls.confirmed | cls.delivered | cls.cancelled).action_confirm()
        cls.cancelled._action_cancel()
        # The latest consumed rating by write date wins, the id breaks ties, a rating not given yet does not count.
        order_model = cls.env["ir.model"]._get_id("sale.order")
        ratings = cls.env["rating.rating"].create(
            [
                {"res_model_id": order_model, "res_id": order.id, "partner_id": cls.customer.id, **values}
                for order, values in (
                    (cls.confirmed, {"rating": 3, "consumed": True}),
                    (cls.confirmed, {"rating": 4, "consumed": True}),
                    (cls.delivered, {"rating": 2, "consumed": True}),
                    (cls.delivered, {"rating": 5, "consumed": True}),
                    (cls.delivered, {"rating": 1, "consumed": False}),
                )
            ]
        )
        cls.env.flush_all()
        cls.env.cr.execute(
            SQL(
                "UPDATE rating_rating SET write_date = now() - interval '1 day' * days.ago"
                "  FROM unnest(%s::int[], %s::int[]) AS days(rating_id, ago) WHERE id = days.rating_id",
                ratings.ids,
                [0, 0, 1, 2, 0],
            )
        )

    def setUp(self):
        super().setUp()
        self._validate(self.delivered.picking_ids)
        # The orders as they are before the install: without the columns.
        self.env.flush_all()
        self.env.cr.execute(SQL("ALTER TABLE sale_order DROP COLUMN pipeline_stage, DROP COLUMN rating_last_value"))
        self.env.invalidate_all()

    def _stored(self, orders):
        return self.env.execute_query(
            SQL(
                "SELECT id, pipeline_stage, rating_last_value FROM sale_order WHERE id = ANY(%s) ORDER BY id",
                orders.ids,
            )
        )

    def test_install_gives_each_order_its_stage_and_last_rating_silently(self):
        mails_before = self.env["mail.mail"].search_count([])
        pre_init_hook(self.env)
        filled = self._stored(self.orders)
        self.assertEqual(
            filled,
            [
                (self.quote.id, "awaiting", 0.0),
                (self.confirmed.id, "confirmed", 4.0),
                (self.delivered.id, "delivered", 2.0),
                (self.cancelled.id, "cancelled", 0.0),
            ],
        )
        self.assertEqual(
            [stage for _id, stage, _rating in filled],
            [initial_stage(order.state, order.delivery_status) for order in self.orders],
        )
        self.assertEqual(self.env["mail.mail"].search_count([]), mails_before)

        # The last rating as the ORM computes it, from an empty column so that an unwritten value cannot pass.
        self.env.cr.execute(SQL("UPDATE sale_order SET rating_last_value = NULL WHERE id = ANY(%s)", self.orders.ids))
        self.env.invalidate_all()
        self.env.add_to_compute(self.orders._fields["rating_last_value"], self.orders)
        self.env.flush_all()
        self.assertEqual(self._stored(self.orders), filled)

    def test_install_leaves_nothing_for_the_orm_to_compute(self):
        pre_init_hook(self.env)
        # The columns have the fields' own types: the ORM converts none of them.
        columns = table_columns(self.env.cr, "sale_order")
        for fname in NEW_COLUMNS:
            self.assertEqual(columns[fname]["udt_name"], self.orders._fields[fname].column_type[0])
        # Odoo computes a stored field on every existing record when it has to create its column ("Prepare
        # computation of ..."). The index and the NOT NULL of the stage stay Odoo's to add.
        with self.assertNoLogs("odoo.models", "INFO"):
            self.registry.init_models(self.env.cr, ["sale.order"], {"module": "sale_order_pipeline"}, install=False)
        self.assertEqual(table_columns(self.env.cr, "sale_order")["pipeline_stage"]["is_nullable"], "NO")
