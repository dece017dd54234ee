from odoo.tools import SQL

from .lib.pipeline import initial_stage


def post_init_hook(env):
    """Give the orders that existed before the install the stage their state says, without notifying anyone."""
    groups = env["sale.order"]._read_group([], ["state", "delivery_status"], ["id:array_agg"])
    for state, delivery_status, ids in groups:
        env.cr.execute(
            SQL(
                "UPDATE sale_order SET pipeline_stage = %s WHERE id = ANY(%s)",
                initial_stage(state, delivery_status),
                ids,
            )
        )
    env["sale.order"].invalidate_model(["pipeline_stage"])
