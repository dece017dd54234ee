from odoo import fields, models


class StockMove(models.Model):
    _inherit = "stock.move"

    # sale_stock already writes the texts and options into description_picking; the packer also needs the picture.
    personalization_proof_thumbnail = fields.Binary(
        string="Proof", related="sale_line_id.personalization_proof_thumbnail",
        help="The proof of the personalised order line: what the parcel must contain.",
    )
