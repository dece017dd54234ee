from odoo.tools import SQL


def plan_at_scale(env, query) -> str:
    """PostgreSQL's plan (EXPLAIN) of an ORM query with sequential scans priced out.

    A test database holds a few hundred rows, where reading a whole table is the cheapest plan; with sequential
    scans priced out the plan shows whether an index can serve each part, as it must at 100,000 customers.
    """
    env.flush_all()
    env.cr.execute("SET LOCAL enable_seqscan = off")
    try:
        return "\n".join(line for (line,) in env.execute_query(SQL("EXPLAIN %s", query.select())))
    finally:
        env.cr.execute("RESET enable_seqscan")
