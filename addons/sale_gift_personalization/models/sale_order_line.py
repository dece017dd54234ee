import base64

from odoo import api, fields, models
from odoo.tools.image import image_process
from odoo.tools.misc import file_path

from ..lib.conditions import field_applies, opted_out
from ..lib.fonts import DEFAULT_FONT, FONT_FILES
from ..lib.layout import area_in_base, box_to_pixels
from ..lib.proof import ImageItem, TextItem, render_proof

# The proof's longer side: enough to check an engraving, and a 2000 px base decodes at half scale (JPEG draft).
PROOF_MAX_SIDE = 1000
# Writing any of these changes what the proof shows.
PROOF_FIELDS = ("product_id", "product_custom_attribute_value_ids", "product_no_variant_attribute_value_ids")


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    # (owner: core)
    is_personalized = fields.Boolean(related="product_template_id.is_personalized")
    personalization_proof_id = fields.Many2one(
        "ir.attachment", string="Proof", copy=False, readonly=True,
        help="The picture rendered on the server from the personalisation: what the customer saw in the preview.",
    )
    personalization_proof_image = fields.Binary(
        string="Proof Image", compute="_compute_personalization_proof_image",
        help="The proof, for display on the order line and in the production sheet.",
    )
    personalization_proof_thumbnail = fields.Binary(
        string="Proof Thumbnail", compute="_compute_personalization_proof_image",
        help="The proof at 256 pixels, for lists, the picking and the production sheet.",
    )
    personalization_summary = fields.Text(
        string="Personalisation", compute="_compute_personalization_summary",
        help="Each personalisation field and its value, one a line.",
    )

    @api.depends("personalization_proof_id")
    def _compute_personalization_proof_image(self):
        for line in self:
            # Whoever may read the line (its customer, its staff, the packer) sees its proof, though portal users
            # and packers have no right on ir.attachment itself.
            proof = line.personalization_proof_id.sudo()
            line.personalization_proof_image = proof.datas
            line.personalization_proof_thumbnail = proof.raw and base64.b64encode(
                image_process(proof.raw, size=(256, 256), output_format="JPEG")
            )

    @api.depends("product_custom_attribute_value_ids.custom_value", "product_no_variant_attribute_value_ids")
    def _compute_personalization_summary(self):
        for line in self:
            line.personalization_summary = "\n".join(
                f"{value['label']}: {value['value']}" for value in line._get_personalization_values()
            ) if line.is_personalized else False

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.filtered("is_personalized")._personalization_render_proof()
        return lines

    def write(self, vals):
        result = super().write(vals)
        if any(key in vals for key in PROOF_FIELDS) and not self.env.context.get("personalization_skip_proof"):
            self.filtered("is_personalized")._personalization_render_proof()
        return result

    def _personalization_chosen_values(self):
        """Every product.template.attribute.value chosen on this line (variant, no-variant and custom)."""
        self.ensure_one()
        return (
            self.product_id.product_template_attribute_value_ids
            | self.product_no_variant_attribute_value_ids._origin
            | self.product_custom_attribute_value_ids.custom_product_template_attribute_value_id
        )

    def _personalization_field_state(self):
        """[(attribute line, chosen values of that line, custom value of that line)] for each field that applies."""
        self.ensure_one()
        chosen = self._personalization_chosen_values()
        result = []
        for attribute_line in self.product_template_id._personalization_lines():
            if not field_applies(attribute_line.personalization_condition_value_ids.ids, chosen.ids):
                continue
            line_values = chosen.filtered(lambda ptav, al=attribute_line: ptav.attribute_line_id == al)
            custom = self.product_custom_attribute_value_ids.filtered(
                lambda pacv, al=attribute_line: pacv.custom_product_template_attribute_value_id.attribute_line_id == al
            )[:1]
            if opted_out(attribute_line.personalization_kind, line_values.ids,
                         attribute_line.product_template_value_ids.filtered("is_custom").ids):
                continue
            result.append((attribute_line, line_values, custom))
        return result

    def _get_personalization_values(self):
        """(owner: core) The line's personalisation as structured data, in field order:

        [{'line_id', 'kind', 'label', 'value' (text, option or font/colour name), 'ptav_id',
          'attachment_id' (image), 'price_extra'}]

        Only the fields that apply (condition met) and are filled. An option field with several values chosen
        (checkboxes) gives one entry whose 'value' joins their names, 'ptav_ids' lists them all and 'price_extra'
        sums them; font and colour entries also carry 'font' (lib/fonts.py key) and 'color' (HTML colour).
        """
        self.ensure_one()
        result = []
        for attribute_line, line_values, custom in self._personalization_field_state():
            kind = attribute_line.personalization_kind
            entry = {
                "line_id": attribute_line.id,
                "kind": kind,
                "label": attribute_line.attribute_id.name,
                "ptav_id": line_values[:1].id or custom.custom_product_template_attribute_value_id.id or False,
                "ptav_ids": line_values.ids,
                "attachment_id": False,
                "price_extra": sum(line_values.mapped("price_extra")),
            }
            if kind == "text":
                if not (custom.custom_value or "").strip():
                    continue
                entry["value"] = custom.custom_value
            elif kind == "image":
                if not custom.personalization_attachment_id:
                    continue
                entry["value"] = custom.custom_value or custom.personalization_attachment_id.name
                entry["attachment_id"] = custom.personalization_attachment_id.id
            else:
                if not line_values:
                    continue
                entry["value"] = ", ".join(line_values.mapped("name"))
                entry["font"] = line_values[:1].product_attribute_value_id.personalization_font or False
                entry["color"] = line_values[:1].html_color or False
            result.append(entry)
        return result

    def _personalization_missing_fields(self):
        """(owner: core) Labels of the required fields (whose condition holds) left empty on this line."""
        self.ensure_one()
        if not self.is_personalized:
            return []
        filled = {value["line_id"] for value in self._get_personalization_values()}
        return [
            attribute_line.attribute_id.name
            for attribute_line, _values, _custom in self._personalization_field_state()
            if attribute_line.personalization_required and attribute_line.id not in filled
        ]

    def _personalization_proof_items(self):
        """The texts and images of the proof, placed by the product's layout (lib/layout.py)."""
        self.ensure_one()
        template = self.product_template_id
        width, height = template._personalization_base_size()
        area = area_in_base(width, height, (
            template.personalization_area_left, template.personalization_area_top,
            template.personalization_area_width, template.personalization_area_height,
        ))
        values = self._get_personalization_values()
        chosen_style = {value["line_id"]: value for value in values if value["kind"] in ("font", "color")}
        texts, images = [], []
        for value in values:
            attribute_line = self.env["product.template.attribute.line"].browse(value["line_id"])
            box = box_to_pixels(area, (
                attribute_line.personalization_box_left, attribute_line.personalization_box_top,
                attribute_line.personalization_box_width, attribute_line.personalization_box_height,
            ))
            if value["kind"] == "text":
                font = chosen_style.get(attribute_line.personalization_font_line_id.id, {}).get("font")
                color = chosen_style.get(attribute_line.personalization_color_line_id.id, {}).get("color")
                texts.append(TextItem(value["value"], file_path(FONT_FILES[font or DEFAULT_FONT]), color, box))
            elif value["kind"] == "image":
                attachment = self.env["ir.attachment"].sudo().browse(value["attachment_id"])
                images.append(ImageItem(attachment.raw, box))
        return texts, images, (width, height)

    def _personalization_render_proof(self):
        """(owner: core) Render the proof with Pillow and attach it.

        Creates or replaces ``personalization_proof_id``.
        """
        for line in self.filtered("is_personalized"):
            texts, images, size = line._personalization_proof_items()
            base = line.product_template_id.personalization_base_image
            proof = render_proof(base and base64.b64decode(base), texts, images, size=size, max_side=PROOF_MAX_SIDE)
            attachment = line.personalization_proof_id.sudo()
            if attachment:
                attachment.raw = proof
                continue
            line.personalization_proof_id = self.env["ir.attachment"].sudo().create({
                "name": self.env._("Proof %(order)s-%(line)s.jpg", order=line.order_id.name, line=line.id),
                "raw": proof,
                "mimetype": "image/jpeg",
                "res_model": "sale.order.line",
                "res_id": line.id,
                "public": False,
            })

    def _personalization_set_text(self, attribute_line, text):
        """Store the customer's text for a text field (validated, normalised) and refresh the proof."""
        self.ensure_one()
        self._personalization_set_custom(attribute_line, {
            "custom_value": attribute_line._personalization_clean_text(text),
        })

    def _personalization_set_image(self, attribute_line, data, filename=None):
        """Sanitise an upload for an image field, keep it as a private attachment of this line, refresh the proof.

        :param data: the raw upload (bytes, or a base64 string); refused with a ValidationError saying why
        """
        self.ensure_one()
        clean = attribute_line._personalization_clean_image(data)
        attachment = self.env["ir.attachment"].sudo().create({
            "name": f"{attribute_line.attribute_id.name}.{clean.format}",
            "raw": clean.data,
            "mimetype": clean.mimetype,
            "res_model": "sale.order.line",
            "res_id": self.id,
            "public": False,
        })
        name = (filename or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:64] or attachment.name
        self._personalization_set_custom(attribute_line, {
            "custom_value": name,
            "personalization_attachment_id": attachment.id,
        })

    def _personalization_set_custom(self, attribute_line, values):
        custom_ptav = attribute_line.product_template_value_ids.filtered("is_custom")[:1]
        custom = self.product_custom_attribute_value_ids.filtered(
            lambda pacv: pacv.custom_product_template_attribute_value_id.attribute_line_id == attribute_line
        )
        old_attachment = custom.personalization_attachment_id
        if custom:
            custom.with_context(personalization_skip_proof=True).write(values)
        else:
            self.env["product.attribute.custom.value"].create({
                **values,
                "custom_product_template_attribute_value_id": custom_ptav.id,
                "sale_order_line_id": self.id,
            })
        # Choosing the text or image value replaces another value of the same field ("No card").
        others = self.product_no_variant_attribute_value_ids.filtered(
            lambda ptav: ptav.attribute_line_id == attribute_line and ptav != custom_ptav
        )
        # The proof is rendered once, below, when the value is in place.
        self.with_context(personalization_skip_proof=True).product_no_variant_attribute_value_ids = (
            self.product_no_variant_attribute_value_ids - others | custom_ptav
        )
        if old_attachment and old_attachment != custom.personalization_attachment_id:
            old_attachment.sudo().unlink()
        # Odoo writes the custom values into the description when the product is set; keep it in step.
        self.env.add_to_compute(self._fields["name"], self)
        self._personalization_render_proof()
