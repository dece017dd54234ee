from odoo import fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    # (owner: core)
    is_personalized = fields.Boolean(related="product_template_id.is_personalized")
    personalization_proof_id = fields.Many2one(
        "ir.attachment", string="Proof", copy=False, readonly=True,
        help="The picture rendered on the server from the personalisation: what the customer saw in the preview.",
    )

    def _get_personalization_values(self):
        """(owner: core) The line's personalisation as structured data, in field order:

        [{'line_id', 'kind', 'label', 'value' (text, option or font/colour name), 'ptav_id',
          'attachment_id' (image), 'price_extra'}]
        """
        self.ensure_one()
        raise NotImplementedError

    def _personalization_missing_fields(self):
        """(owner: core) Labels of the required fields (whose condition holds) left empty on this line."""
        self.ensure_one()
        raise NotImplementedError

    def _personalization_render_proof(self):
        """(owner: core) Render the proof with Pillow and attach it (creates or replaces ``personalization_proof_id``)."""
        raise NotImplementedError
