import secrets

from odoo import fields, models

# No 0/O, 1/I/L: codes are read from a mail and typed by hand.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


class LoyaltyGenerateWizard(models.TransientModel):
    _inherit = "loyalty.generate.wizard"

    # --- Campaigns (owner: campaign) -------------------------------------------------------------
    campaign_id = fields.Many2one("loyalty.campaign", ondelete="cascade")

    def _get_coupon_values(self, partner):
        values = super()._get_coupon_values(partner)
        if self.campaign_id:
            # 16 characters of a 31-letter alphabet (79 bits) instead of Odoo's short code: it cannot be guessed.
            code = "".join(secrets.choice(CODE_ALPHABET) for _index in range(16))
            values.update(campaign_id=self.campaign_id.id, code="-".join(code[i : i + 4] for i in range(0, 16, 4)))
        return values
