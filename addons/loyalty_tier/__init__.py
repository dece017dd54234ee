from odoo.tools import SQL
from odoo.tools.sql import column_exists, create_column

from . import models, report


def pre_init_hook(env):
    """Create and fill the stored campaign results of loyalty.card before the ORM sees them: for a new stored
    computed field Odoo would compute every existing card, and flushing a Monetary field reads each card's currency
    one card at a time (96,000 queries on 96,000 cards). Their values are known: ``campaign_id`` is new with this
    addon, so no existing card belongs to a campaign, and the compute gives such a card "not redeemed" and 0."""
    if column_exists(env.cr, "loyalty_card", "campaign_redeemed"):
        return
    # The column types are the ones the ORM gives a Boolean and a Monetary field.
    create_column(env.cr, "loyalty_card", "campaign_redeemed", "bool", "Redeemed")
    create_column(env.cr, "loyalty_card", "campaign_revenue", "numeric", "Campaign revenue")
    env.cr.execute(SQL("UPDATE loyalty_card SET campaign_redeemed = FALSE, campaign_revenue = 0"))


def post_init_hook(env):
    """Cards that held points before the addon was installed get an opening line: the balance is the history."""
    env["loyalty.card"]._loyalty_open_balances()
