from odoo import SUPERUSER_ID, api
from odoo.tools import SQL
from odoo.tools.sql import TableKind, table_kind


def migrate(cr, version):
    """Before 19.0.1.1.0 the delivery feedback had its own table; it is now Odoo's rating of the order.

    Each old row becomes a filled rating of its order, dated when the customer gave it, and the old table goes (the
    model is now a view of the ratings): a second run finds no table and does nothing.
    """
    if table_kind(cr, "sale_order_feedback") != TableKind.Regular:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    rows = env.execute_query(
        SQL(
            """SELECT feedback.order_id, feedback.partner_id, feedback.rating, feedback.comment,
                      feedback.create_date, feedback.create_uid, salesperson.partner_id
                 FROM sale_order_feedback feedback
                 JOIN sale_order ON sale_order.id = feedback.order_id
            LEFT JOIN res_users salesperson ON salesperson.id = sale_order.user_id
                ORDER BY feedback.id"""
        )
    )
    if rows:
        order_model_id = env["ir.model"]._get_id("sale.order")
        ratings = env["rating.rating"].create(
            [
                {
                    "res_model_id": order_model_id,
                    "res_id": order_id,
                    "partner_id": partner_id,
                    "rated_partner_id": salesperson_partner_id,
                    "rating": rating,
                    "feedback": comment,
                    "consumed": True,
                }
                for order_id, partner_id, rating, comment, _date, _uid, salesperson_partner_id in rows
            ]
        )
        env.flush_all()
        # rating.mixin's stored last rating of the orders was computed at create(), by a query on res_model, which
        # create() leaves to the flush: compute it again now that the ratings are in the table.
        orders = env["sale.order"].browse(ratings.mapped("res_id"))
        env.add_to_compute(orders._fields["rating_last_value"], orders)
        orders.flush_recordset(["rating_last_value"])
        # create() dates a rating now; these were given when the old feedback was, by whoever wrote it then.
        cr.execute(
            SQL(
                """UPDATE rating_rating
                      SET create_date = old.given_on, write_date = old.given_on, rated_on = old.given_on,
                          create_uid = COALESCE(old.given_by, rating_rating.create_uid)
                     FROM unnest(%s::int[], %s::timestamp[], %s::int[]) AS old(rating_id, given_on, given_by)
                    WHERE rating_rating.id = old.rating_id""",
                ratings.ids,
                [row[4] for row in rows],
                [row[5] for row in rows],
            )
        )
        env.invalidate_all()
    cr.execute(SQL("DROP TABLE sale_order_feedback"))
