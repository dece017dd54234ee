from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Odoo Community keeps no birth date on contacts; named as OCA's partner_contact_birthdate does.
    birthdate_date = fields.Date(string="Birth date", help="Birthday perks of loyalty programs use its month.")
