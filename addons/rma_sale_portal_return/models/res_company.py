from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    rma_portal_return_days = fields.Integer(
        string="Return Window (days)",
        default=30,
        help="Customers may ask for a return from their account for this many days after an item was delivered.",
    )

    _rma_portal_return_days_positive = models.Constraint(
        "CHECK (rma_portal_return_days > 0)", "The return window must be at least one day."
    )

    def _rma_portal_return_setup(self):
        """Turn rma's e-mails to the customer on at each step (request, approval, receipt), with rma's own templates
        where a company has none (rma gives them only to companies created after it), and rma_sale's page of its
        own for the request."""
        for company in self:
            company.write(
                {
                    "send_rma_confirmation": True,
                    "send_rma_receipt_confirmation": True,
                    "send_rma_draft_confirmation": True,
                    "show_full_page_sale_rma": True,
                    "rma_mail_confirmation_template_id": company.rma_mail_confirmation_template_id.id
                    or company._default_rma_mail_confirmation_template(),
                    "rma_mail_receipt_confirmation_template_id": company.rma_mail_receipt_confirmation_template_id.id
                    or company._default_rma_mail_receipt_template(),
                    "rma_mail_draft_confirmation_template_id": company.rma_mail_draft_confirmation_template_id.id
                    or company._default_rma_mail_draft_template(),
                }
            )
