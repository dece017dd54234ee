from odoo import models

from .loyalty_card import points_moved_by_a_flow


class LoyaltyCardUpdateBalance(models.TransientModel):
    _inherit = "loyalty.card.update.balance"

    def action_update_card_point(self):
        # The wizard writes the history line, then the balance, as the salesperson.
        with points_moved_by_a_flow():
            return super().action_update_card_point()
