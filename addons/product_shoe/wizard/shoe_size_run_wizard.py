from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..lib.sizes import SIZE_SYSTEM_SELECTION, SizeError, format_size, sizes_between
from ..lib.sku import build_sku, internal_ean13


class ShoeSizeRunWizard(models.TransientModel):
    _name = "shoe.size.run.wizard"
    _description = "Create a size run"

    product_tmpl_id = fields.Many2one("product.template", required=True, ondelete="cascade")
    size_system = fields.Selection(SIZE_SYSTEM_SELECTION, required=True, default="eu")
    size_from = fields.Char("From size", required=True, default="36")
    size_to = fields.Char("To size", required=True, default="46")
    colour_value_ids = fields.Many2many(
        "product.attribute.value",
        string="Colours",
        domain="[('attribute_id.display_type', '=', 'color')]",
        help="Leave empty for a run in sizes only.",
    )
    sku_prefix = fields.Char(
        "SKU prefix",
        compute="_compute_sku_prefix",
        store=True,
        readonly=False,
        help="Variants get the SKU PREFIX-COLOUR-SIZE, e.g. TRAIL-BLA-42.",
    )
    with_barcodes = fields.Boolean(
        "Generate barcodes", help="Internal EAN-13 codes (prefix 200) for variants without one."
    )

    @api.depends("product_tmpl_id")
    def _compute_sku_prefix(self):
        for wizard in self:
            template = wizard.product_tmpl_id
            wizard.sku_prefix = template.shoe_sku_prefix or template.default_code or (template.name or "")[:12]

    def _get_sizes(self):
        chart_model = self.env["shoe.size.chart"]
        chart_model._check_size_system(self.size_system)
        try:
            return sizes_between(
                self.size_system, self.size_from, self.size_to, self.product_tmpl_id._get_shoe_size_chart()
            )
        except SizeError:
            raise UserError(
                self.env._(
                    "Sizes %(low)s to %(high)s (%(system)s) are not both on the size chart of this brand.",
                    low=self.size_from,
                    high=self.size_to,
                    system=chart_model._system_label(self.size_system),
                )
            ) from None

    def _get_size_attribute(self):
        Attribute = self.env["product.attribute"]
        attribute = Attribute.search([("shoe_size_system", "=", self.size_system)], limit=1)
        return attribute or Attribute.create(
            {
                "name": self.env._(
                    "Size (%(system)s)", system=self.env["shoe.size.chart"]._system_label(self.size_system)
                ),
                "shoe_size_system": self.size_system,
                "display_type": "pills",
                "create_variant": "always",
            }
        )

    def _get_size_values(self, attribute, sizes):
        existing = {value.shoe_size: value for value in attribute.value_ids}
        missing = [size for size in sizes if size not in existing]
        created = self.env["product.attribute.value"].create(
            [{"attribute_id": attribute.id, "name": format_size(size), "sequence": int(size * 10)} for size in missing]
        )
        existing.update(zip(missing, created, strict=True))
        return self.env["product.attribute.value"].concat(*(existing[size] for size in sizes))

    def _add_values_to_template(self, *value_sets):
        """Add each set of values to its attribute line in one write, so that variants are built once."""
        template = self.product_tmpl_id
        commands = []
        for values in value_sets:
            line = template.attribute_line_ids.filtered(
                lambda line, values=values: line.attribute_id == values.attribute_id
            )
            if line:
                commands.append(Command.update(line.id, {"value_ids": [Command.link(value.id) for value in values]}))
            else:
                commands.append(
                    Command.create({"attribute_id": values.attribute_id.id, "value_ids": [Command.set(values.ids)]})
                )
        template.attribute_line_ids = commands

    def _name_variants(self, size_attribute):
        prefix = self.sku_prefix or self.product_tmpl_id.name
        for variant in self.product_tmpl_id.product_variant_ids:
            values = variant.product_template_attribute_value_ids.product_attribute_value_id
            size = values.filtered(lambda value: value.attribute_id == size_attribute)
            if not size:
                continue
            colour = values.filtered(lambda value: value.attribute_id.display_type == "color")[:1]
            updates = {}
            if not variant.default_code:
                updates["default_code"] = build_sku(prefix, size.name, colour.name if colour else None)
            if self.with_barcodes and not variant.barcode:
                updates["barcode"] = internal_ean13(variant.id)
            if updates:
                variant.write(updates)

    def action_create_size_run(self):
        self.ensure_one()
        if len(self.colour_value_ids.attribute_id) > 1:
            raise UserError(self.env._("Pick the colours of a size run from a single colour attribute."))
        sizes = self._get_sizes()
        size_attribute = self._get_size_attribute()
        size_values = self._get_size_values(size_attribute, sizes)
        self._add_values_to_template(size_values, *([self.colour_value_ids] if self.colour_value_ids else []))
        template = self.product_tmpl_id
        template.write({"is_shoe": True, "shoe_sku_prefix": self.sku_prefix})
        self._name_variants(size_attribute)
        return {
            "type": "ir.actions.act_window",
            "res_model": "product.product",
            "name": self.env._("Variants of %(product)s", product=template.name),
            "view_mode": "list,form",
            "domain": [("product_tmpl_id", "=", template.id)],
        }
