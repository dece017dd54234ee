from werkzeug.urls import url_encode

from odoo import models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _personalization_thumbnail_url(self):
        """Where the shop shows this line's personalisation: its proof, else its first uploaded image."""
        self.ensure_one()
        if self.personalization_proof_id:
            return f"/shop/personalization/line/{self.id}/proof"
        attachment = self.product_custom_attribute_value_ids.personalization_attachment_id[:1]
        return attachment and f"/shop/personalization/line/{self.id}/image/{attachment.id}"

    def _personalization_edit_url(self):
        """The product page opened with this cart line's personalisation, saving back into the line."""
        self.ensure_one()
        return f"{self.product_id.website_url}?{url_encode({'personalization_line': self.id})}"
