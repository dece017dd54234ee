from odoo import SUPERUSER_ID, api
from odoo.tools import SQL
from odoo.tools.sql import TableKind, table_kind


def migrate(cr, version):
    """Before 19.0.1.1.0 the delivery feedback had its own table; it is now Odoo's rating of the order."""
    if table_kind(cr, "sale_order_feedback") != TableKind.Regular:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    cr.execute(SQL("SELECT order_id, partner_id, rating, comment, create_date FROM sale_order_feedback ORDER BY id"))
    rows = cr.fetchall()
    orders = env["sale.order"].browse([row[0] for row in rows]).exists()
    for order_id, partner_id, rating, comment, create_date in rows:
        order = env["sale.order"].browse(order_id)
        if order not in orders:
            continue
        given = env["rating.rating"].create(
            {
                "res_model_id": env["ir.model"]._get_id("sale.order"),
                "res_id": order_id,
                "partner_id": partner_id,
                "rated_partner_id": order.user_id.partner_id.id,
                "rating": rating,
                "feedback": comment,
                "consumed": True,
                "rated_on": create_date,
            }
        )
        env.flush_all()
        cr.execute(SQL("UPDATE rating_rating SET create_date = %s WHERE id = %s", create_date, given.id))
    cr.execute(SQL("DROP TABLE sale_order_feedback"))
