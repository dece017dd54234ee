from odoo import models
from odoo.exceptions import UserError

from odoo.addons.sale_gift_personalization.lib.conditions import field_applies

# Marks an image uploaded from the product page and not yet in a cart line: an attachment of the cart itself.
UPLOAD_DESCRIPTION = "website_sale_gift_personalization:upload"
# Database ids are PostgreSQL integers: a bigger number is a guess, never a record.
MAX_ID = 2**31 - 1


def parse_id(raw):
    """The positive record id in ``raw`` (int or ASCII digits), else None: '²', '٣', '1e3' or 20 digits are no ids."""
    if isinstance(raw, str) and raw.isascii() and raw.isdigit() and len(raw) <= 10:
        raw = int(raw)
    if isinstance(raw, int) and not isinstance(raw, bool) and 0 < raw <= MAX_ID:
        return raw
    return None


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _cart_add(self, product_id, quantity=1.0, *, personalization_line_id=None, **kwargs):
        """Saving an edited personalisation replaces the cart line in place: same quantity, same position.

        The new line goes through Odoo's own add (checks, price, description); the old one is removed after its
        uploads moved to the new line (removing a line removes the attachments still tied to it).
        """
        if personalization_line_id is None:
            return super()._cart_add(product_id, quantity, **kwargs)
        replaced = self._personalization_cart_line(personalization_line_id)
        if not replaced:
            raise UserError(self.env._("This line is no longer in your cart. Please reload the page."))
        self = self.with_context(personalization_replaced_line_id=replaced.id)  # noqa: PLW0642
        result = super()._cart_add(product_id, replaced.product_uom_qty, **kwargs)
        new_line = self.order_line.filtered(lambda line: line.id == result["line_id"])
        lines = self.order_line.sorted() - new_line
        position = list(lines).index(replaced)
        replaced.unlink()
        for sequence, line in enumerate([*lines[:position], *new_line, *lines[position + 1:]], start=1):
            if line.sequence != sequence:
                line.sequence = sequence
        return result

    def _cart_find_product_line(self, product_id, uom_id, **kwargs):
        # The line being replaced is never the one to add to (its quantity would count twice).
        lines = super()._cart_find_product_line(product_id, uom_id, **kwargs)
        replaced_id = self.env.context.get("personalization_replaced_line_id")
        return lines.filtered(lambda line: line.id != replaced_id) if replaced_id else lines

    def _prepare_order_line_values(self, product_id, quantity, uom_id, **kwargs):
        values = super()._prepare_order_line_values(product_id, quantity, uom_id, **kwargs)
        product = self.env["product.product"].browse(values["product_id"])
        if product.product_tmpl_id.is_personalized:
            self._personalization_prepare_custom_values(product, values)
        return values

    def _create_new_cart_line(self, product_id, quantity, uom_id, **kwargs):
        """A personalised line is checked once it exists (texts are checked as they are stored): a refusal raises,
        and the request's rollback leaves the cart as it was."""
        line = super()._create_new_cart_line(product_id, quantity, uom_id, **kwargs)
        if line.is_personalized:
            if missing := line._personalization_missing_fields():
                raise UserError(self.env._("Please fill in: %(fields)s.", fields=", ".join(missing)))
            line.product_custom_attribute_value_ids.personalization_attachment_id.sudo().write(
                {"res_model": "sale.order.line", "res_id": line.id, "description": False}
            )
        return line

    def _personalization_cart_line(self, raw_line_id):
        """The personalised line of this cart named by an untrusted id, or an empty recordset."""
        line_id = parse_id(raw_line_id)
        return self.order_line.filtered(lambda line: line.id == line_id and line.is_personalized)

    def _personalization_own_image(self, raw_attachment_id):
        """The attachment named by an untrusted id if this cart may use it: an upload to this cart, or the image of
        one of its lines (editing a line keeps its image); otherwise an empty recordset."""
        Attachment = self.env["ir.attachment"].sudo()
        attachment_id = parse_id(raw_attachment_id)
        if not attachment_id or not self:
            return Attachment
        upload = Attachment.search([
            ("id", "=", attachment_id),
            ("res_model", "=", "sale.order"),
            ("res_id", "=", self.id),
            ("description", "=", UPLOAD_DESCRIPTION),
        ])
        return upload or self.order_line.product_custom_attribute_value_ids.personalization_attachment_id.sudo(
        ).filtered(lambda attachment: attachment.id == attachment_id)

    def _personalization_prepare_custom_values(self, product, values):
        """Turn the page's custom values into what the line stores (the commands of ``values`` edited in place).

        A field whose condition does not hold is emptied (the page hid it, its text must not reach the order); a text
        is checked and normalised by its field's rules; an image value is the id of an upload of this cart and
        becomes the attachment itself, else it is refused.
        """
        chosen = product.product_template_attribute_value_ids
        for command in values.get("product_no_variant_attribute_value_ids", []):
            chosen |= self.env["product.template.attribute.value"].browse(command[2])
        for command in values.get("product_custom_attribute_value_ids", []):
            custom = command[2]
            ptal = self.env["product.template.attribute.value"].browse(
                int(custom["custom_product_template_attribute_value_id"])
            ).attribute_line_id
            if ptal.personalization_kind not in ("text", "image"):
                continue
            if isinstance(custom["custom_value"], int) and not isinstance(custom["custom_value"], bool):
                custom["custom_value"] = str(custom["custom_value"])
            if not isinstance(custom["custom_value"], str):
                raise UserError(self.env._("“%(field)s” must be a text.", field=ptal.attribute_id.name))
            if not field_applies(ptal.personalization_condition_value_ids.ids, chosen.ids):
                custom["custom_value"] = ""
            if ptal.personalization_kind == "text" and custom["custom_value"]:
                # Checked before the line exists: its description is written from these texts first.
                custom["custom_value"] = ptal._personalization_clean_text(custom["custom_value"])
            if ptal.personalization_kind == "image" and (raw := custom["custom_value"]):
                attachment = self._personalization_own_image(raw)
                if not attachment:
                    raise UserError(self.env._(
                        "The image for “%(field)s” was not uploaded to this cart. Please upload it again.",
                        field=ptal.attribute_id.name,
                    ))
                custom["custom_value"] = attachment.name
                custom["personalization_attachment_id"] = attachment.id

    def _personalization_upload_count(self):
        """How many uploads this cart keeps that no line took yet."""
        self.ensure_one()
        return self.env["ir.attachment"].sudo().search_count([
            ("res_model", "=", "sale.order"), ("res_id", "=", self.id), ("description", "=", UPLOAD_DESCRIPTION),
        ])

    def _personalization_store_upload(self, clean, filename):
        """Keep a sanitised upload (sale_gift_personalization's lib.images.CleanImage) as a private attachment of
        this cart, named after the customer's file (shown in the line's description, escaped like any text)."""
        self.ensure_one()
        stem = filename.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
        stem = "".join(char for char in stem if char.isprintable())[:60].strip() or "image"
        return self.env["ir.attachment"].sudo().create({
            "name": f"{stem}.{clean.format}",
            "raw": clean.data,
            "mimetype": clean.mimetype,
            "res_model": "sale.order",
            "res_id": self.id,
            "description": UPLOAD_DESCRIPTION,
            "public": False,
        })
