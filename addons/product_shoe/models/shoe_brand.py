from odoo import api, fields, models, tools


class ShoeBrand(models.Model):
    _name = "shoe.brand"
    _inherit = ["shoe.cached.mixin"]
    _description = "Shoe brand"
    _order = "name"

    name = fields.Char(required=True, translate=False)
    logo = fields.Image(max_width=512, max_height=512)
    website_url = fields.Char("Website")
    active = fields.Boolean(default=True)
    size_chart_ids = fields.One2many("shoe.size.chart", "brand_id", string="Size charts")
    size_chart_id = fields.Many2one(
        "shoe.size.chart",
        compute="_compute_size_chart_id",
        help="Rows of this chart override the default chart for this brand (brands that run small or large).",
    )
    fit_note = fields.Char(translate=True, help="Shown in the size guide, e.g. 'Runs half a size small'.")
    product_count = fields.Integer(compute="_compute_product_count")

    _name_unique = models.UniqueIndex("(lower(name))", "This brand already exists.")

    @api.depends("size_chart_ids")
    def _compute_size_chart_id(self):
        for brand in self:
            brand.size_chart_id = brand.size_chart_ids[:1]

    def _compute_product_count(self):
        counts = dict(
            self.env["product.template"]._read_group(
                [("shoe_brand_id", "in", self.ids)], ["shoe_brand_id"], ["__count"]
            )
        )
        for brand in self:
            brand.product_count = counts.get(brand, 0)

    @api.model
    @tools.ormcache("brand_id", "self.env.lang")
    def _get_fit_note(self, brand_id):
        """The fit note of a brand (an id, or False) in the context's language, or "" when it has none."""
        # Cached: every shoe's product page shows it, product managers rarely change it (any change clears it).
        if not brand_id:
            return ""
        return self.sudo().browse(brand_id).fit_note or ""

    def action_open_size_chart(self):
        """Open the brand's chart, creating it from the default rows the first time."""
        self.ensure_one()
        chart = self.size_chart_id
        if not chart:
            chart = self.env["shoe.size.chart"].create(
                {"name": self.env._("%(brand)s size chart", brand=self.name), "brand_id": self.id}
            )
            chart.action_load_default_rows()
        return {
            "type": "ir.actions.act_window",
            "res_model": "shoe.size.chart",
            "res_id": chart.id,
            "view_mode": "form",
        }

    def action_open_products(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": "product.template",
            "view_mode": "kanban,list,form",
            "domain": [("shoe_brand_id", "=", self.id)],
            "context": {"default_shoe_brand_id": self.id, "default_is_shoe": True},
        }
