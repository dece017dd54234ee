from odoo import api, fields, models
from odoo.exceptions import UserError


class CrmCustomerPrivacyWizard(models.TransientModel):
    """Confirm an export or an erasure of one customer's personal data (Customer Insight administrators)."""

    _name = "crm.customer.privacy.wizard"
    _description = "Export or Erase a Customer's Data"

    partner_id = fields.Many2one("res.partner", string="Customer", required=True, readonly=True, ondelete="cascade")
    operation = fields.Selection([("export", "Export"), ("erase", "Erase")], required=True, readonly=True)
    export_format = fields.Selection(
        [("json", "JSON"), ("csv", "CSV (a zip of one file per kind of data)")], default="json", required=True
    )
    confirm_erasure = fields.Boolean(
        string="I confirm the erasure",
        help="The customer's name, addresses, e-mail, phone and messages are erased for good; orders and invoices "
        "stay, with an anonymous customer.",
    )
    blocking_reason = fields.Char(compute="_compute_blocking_reason")

    @api.depends("partner_id", "operation")
    def _compute_blocking_reason(self):
        for wizard in self:
            wizard.blocking_reason = False
            if wizard.operation == "erase" and wizard.partner_id:
                try:
                    wizard.partner_id.commercial_partner_id._insight_privacy_check_erasable()
                except UserError as error:
                    wizard.blocking_reason = error.args[0]

    def action_confirm(self):
        self.ensure_one()
        customer = self.partner_id.commercial_partner_id
        if self.operation == "export":
            return customer._insight_privacy_export(self.export_format)
        if not self.confirm_erasure:
            raise UserError(self.env._("Tick the confirmation box to erase this customer's personal data."))
        customer._insight_privacy_erase()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("The personal data of the customer were erased."),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
