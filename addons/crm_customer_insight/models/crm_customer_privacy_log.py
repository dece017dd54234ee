from odoo import api, fields, models
from odoo.exceptions import UserError


class CrmCustomerPrivacyLog(models.Model):
    """Who exported or erased which customer's data, and when: written by the code only, changed by no one."""

    _name = "crm.customer.privacy.log"
    _description = "Customer Privacy Log"
    _order = "date desc, id desc"
    _rec_name = "customer_reference"

    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now, index=True)
    user_id = fields.Many2one("res.users", string="Done by", required=True, readonly=True, ondelete="restrict")
    operation = fields.Selection([("export", "Export"), ("erase", "Erasure")], required=True, readonly=True, index=True)
    file_format = fields.Selection([("json", "JSON"), ("csv", "CSV (zip)")], string="Format", readonly=True)
    # The customer stays (archived and anonymised after an erasure); the reference is what identifies the request
    # without naming the person: the record's id and a masked name and e-mail (Odoo's privacy log masking).
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True, index=True, ondelete="set null")
    customer_reference = fields.Char(required=True, readonly=True)

    @api.model
    def _log(self, customer, operation, file_format=False):
        """Record an export or an erasure of ``customer``, as superuser (nobody may create log lines by hand)."""
        masking = self.env["privacy.log"]
        name = masking._anonymize_name(customer.name or "")
        email = masking._anonymize_email(customer.email) if customer.email and "@" in customer.email else ""
        reference = " ".join(part for part in (f"#{customer.id}", name, email and f"<{email}>") if part)
        return self.sudo().create(
            {
                "user_id": self.env.user.id,
                "operation": operation,
                "file_format": file_format,
                "partner_id": customer.id,
                "customer_reference": reference,
            }
        )

    def write(self, vals):
        if vals:
            raise UserError(self.env._("The privacy log cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("The privacy log cannot be deleted."))
