from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    rma_portal_return_days = fields.Integer(
        string="Return Window (days)",
        default=30,
        help="Customers may ask for a return from their account for this many days after an item was delivered.",
    )
    # rma's e-mails to the customer at each step, and rma_sale's own page for the request: on for new companies too.
    send_rma_confirmation = fields.Boolean(default=True)
    send_rma_receipt_confirmation = fields.Boolean(default=True)
    send_rma_draft_confirmation = fields.Boolean(default=True)
    show_full_page_sale_rma = fields.Boolean(default=True)

    _rma_portal_return_days_positive = models.Constraint(
        "CHECK (rma_portal_return_days > 0)", "The return window must be at least one day."
    )

    @api.model
    def _rma_portal_return_defaults(self):
        return {
            "send_rma_confirmation": True,
            "send_rma_receipt_confirmation": True,
            "send_rma_draft_confirmation": True,
            "show_full_page_sale_rma": True,
        }
