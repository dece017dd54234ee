from odoo import models


class Rma(models.Model):
    _inherit = "rma"

    def _track_subtype(self, init_values):
        self.ensure_one()
        if "state" in init_values and self.state == "confirmed" and self.company_id.send_rma_confirmation:
            # rma tracks the approval with its customer subtype and also sends its confirmation e-mail: the customer,
            # who follows that subtype, would get two e-mails for one approval. The tracking stays a note.
            return self.env.ref("mail.mt_note")
        return super()._track_subtype(init_values)
