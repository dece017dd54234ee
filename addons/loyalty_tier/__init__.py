from . import models, report


def post_init_hook(env):
    """Cards that held points before the addon was installed get an opening line: the balance is the history."""
    env["loyalty.card"]._loyalty_open_balances()
