from functools import partial

from odoo import Command, api, models

from ..lib import catalog
from .stride_demo_builder import SEED, demo_xmlid

LOGO_SIZE = 256


# One file per subject is the point of the builder (see readme/DEVELOP.md), hence several classes inheriting it.
class StrideDemoBuilder(models.AbstractModel):
    """The catalogue: categories, attributes, vendors, brands, 40 shoe models and 10 gifts."""

    _inherit = "stride.demo.builder"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _stride_demo_steps(self):
        return super()._stride_demo_steps() + [
            (10, "_demo_hide_generic_catalogue"),
            (20, "_demo_categories"),
            (21, "_demo_attributes"),
            (22, "_demo_vendors"),
            (23, "_demo_brands"),
            (24, "_demo_shoes"),
            (25, "_demo_gifts"),
        ]

    def _demo_hide_generic_catalogue(self, shop):
        """Unpublish Odoo's own demo products and drop its demo shop categories: this is a shoe shop."""
        data = self.env["ir.model.data"].search([
            ("module", "in", self._generic_modules().mapped("name")),
            ("model", "in", ("product.template", "product.public.category")),
        ])
        templates = self.env["product.template"].browse(
            data.filtered(lambda d: d.model == "product.template").mapped("res_id")
        ).exists()
        templates.filtered("is_published").is_published = False
        self.env["product.public.category"].browse(
            data.filtered(lambda d: d.model == "product.public.category").mapped("res_id")
        ).exists().unlink()

    def _demo_categories(self, shop):
        """Shop (public) and internal categories, keyed by category name."""
        shoes = self.env["product.category"].create({"name": "Shoes"})
        names = [category.name for category in catalog.CATEGORIES] + [catalog.GIFT_CATEGORY]
        internal = self.env["product.category"].create([
            {"name": name, "parent_id": shoes.id if name != catalog.GIFT_CATEGORY else False} for name in names
        ])
        looks = {category.name: (category.silhouette, catalog.COLOURS[index * 2].hex)
                 for index, category in enumerate(catalog.CATEGORIES)}
        looks[catalog.GIFT_CATEGORY] = ("gift", "#b83227")
        public = self.env["product.public.category"].create([
            {
                "name": name,
                "sequence": index,
                "image_1920": self._draw(*looks[name], "#ffffff", name[0]),
            }
            for index, name in enumerate(names)
        ])
        self._register_xmlids({demo_xmlid("public_category", name): category for name, category in zip(names, public)})
        shop["categories"] = {
            name: {"public": pub, "internal": intern} for name, pub, intern in zip(names, public, internal)
        }

    def _demo_attributes(self, shop):
        Attribute = self.env["product.attribute"]
        size = Attribute.create({
            "name": "Size",
            "display_type": "pills",
            "create_variant": "always",
            "shoe_size_system": "eu",
            "value_ids": [Command.create({"name": str(eu), "sequence": eu}) for eu in catalog.ALL_SIZES],
        })
        colour = Attribute.create({
            "name": "Color",
            "display_type": "color",
            "create_variant": "always",
            "value_ids": [
                Command.create({"name": c.name, "html_color": c.hex, "sequence": index})
                for index, c in enumerate(catalog.COLOURS)
            ],
        })
        personalisation = Attribute.create({
            "name": "Personalisation",
            "display_type": "radio",
            "create_variant": "no_variant",
            "value_ids": [Command.create({"name": "Your text", "is_custom": True})],
        })
        attributes = {"size": size, "colour": colour, "personalisation": personalisation}
        self._register_xmlids({
            demo_xmlid("product_attribute", key): attribute for key, attribute in attributes.items()
        })
        shop["attributes"] = attributes

    def _demo_vendors(self, shop):
        countries = self._countries(vendor.country_code for vendor in catalog.VENDORS)
        partners = self.env["res.partner"].create([
            {
                "name": vendor.name,
                "is_company": True,
                "supplier_rank": 1,
                "city": vendor.city,
                "country_id": countries[vendor.country_code].id,
                "email": f"sales@{vendor.name.split()[0].lower()}.example.com",
            }
            for vendor in catalog.VENDORS
        ])
        self._register_xmlids({demo_xmlid("res_partner_vendor", vendor.name.split()[0]): partner
                               for vendor, partner in zip(catalog.VENDORS, partners)})
        shop["vendors"] = dict(zip((vendor.name for vendor in catalog.VENDORS), partners))

    def _sellers(self, category_name, cost, vendors):
        return [
            Command.create({
                "partner_id": vendors[vendor.name].id,
                "price": round(cost * vendor.price_ratio, 2),
                "min_qty": vendor.min_qty,
                "delay": vendor.lead_days,
            })
            for vendor in catalog.vendors_for(category_name)
        ]

    def _demo_brands(self, shop):
        """The shoe brands with a logo each; those that run small or large get their own size chart."""
        brands = self.env["shoe.brand"].create([
            {
                "name": brand.name,
                "logo": self._draw("sneaker", brand.accent_hex, brand.accent_hex, brand.initial, LOGO_SIZE),
                "fit_note": brand.fit_note or False,
            }
            for brand in catalog.BRANDS
        ])
        by_name = dict(zip((brand.name for brand in catalog.BRANDS), brands))
        Chart = self.env["shoe.size.chart"]
        default_rows = Chart._get_chart()
        Chart.create([
            {
                "name": f"{brand.name} size chart",
                "brand_id": by_name[brand.name].id,
                "line_ids": Chart._line_commands(default_rows, partial(catalog.brand_foot_length, brand=brand)),
            }
            for brand in catalog.BRANDS
            if brand.size_offset_mm
        ])
        self._register_xmlids({demo_xmlid("shoe_brand", name): record for name, record in by_name.items()})
        shop["brands"] = by_name

    def _demo_shoes(self, shop):
        """The 40 shoe models; ``shop["variants"]``: their variants in a stable order (model, size, colour)."""
        categories, attributes = shop["categories"], shop["attributes"]
        vendors, brands = shop["vendors"], shop["brands"]
        size_values = {int(value.name): value for value in attributes["size"].value_ids}
        colour_values = {value.name: value for value in attributes["colour"].value_ids}
        models_ = catalog.shoe_models(SEED)
        shop_rank = {model.code: rank for rank, model in enumerate(catalog.shop_order(models_))}
        templates = self.env["product.template"].create([
            {
                "name": model.name,
                "default_code": model.code,
                "type": "consu",
                "is_storable": True,
                "list_price": model.list_price,
                "standard_price": model.cost,
                "categ_id": categories[model.category.name]["internal"].id,
                "public_categ_ids": [Command.set(categories[model.category.name]["public"].ids)],
                "is_published": True,
                "website_sequence": shop_rank[model.code],
                "description_sale": model.description,
                "description_ecommerce": f"<p>{model.description}</p>",
                "weight": 0.9,
                "image_1920": self._draw(model.category.silhouette, model.colours[0].hex, model.brand.accent_hex,
                                         model.brand.initial),
                "seller_ids": self._sellers(model.category.name, model.cost, vendors),
                # The shop's company only: stock thresholds then cover its warehouses, not those of other companies.
                "company_id": self.env.company.id,
                "is_shoe": True,
                "shoe_brand_id": brands[model.brand.name].id,
                "shoe_gender": model.fit,
                "shoe_category": model.category.name.lower(),
                "shoe_upper_material": model.category.upper,
                "shoe_sole_material": model.category.sole,
                "shoe_closure": model.category.closure,
                "shoe_width": model.width,
                "shoe_sku_prefix": model.code,
                "attribute_line_ids": [
                    Command.create({
                        "attribute_id": attributes["colour"].id,
                        "value_ids": [Command.set([colour_values[c.name].id for c in model.colours])],
                    }),
                    Command.create({
                        "attribute_id": attributes["size"].id,
                        "value_ids": [Command.set([size_values[size].id for size in model.sizes])],
                    }),
                ],
            }
            for model in models_
        ])
        self._register_xmlids({
            demo_xmlid("product_template", model.code): template for model, template in zip(models_, templates)
        })

        variants = []
        for model, template in zip(models_, templates):
            colour_rank = {c.name: rank for rank, c in enumerate(model.colours)}
            keyed = []
            for variant in template.product_variant_ids:
                values = variant.product_template_attribute_value_ids.product_attribute_value_id
                size = int((values & attributes["size"].value_ids).name)
                colour = (values & attributes["colour"].value_ids).name
                variant.default_code = f"{model.code}-{colour[:3].upper()}-{size}"
                keyed.append(((size, colour_rank[colour]), variant))
            variants.extend(variant for _key, variant in sorted(keyed, key=lambda item: item[0]))
        shop["variants"] = variants

    def _demo_gifts(self, shop):
        """The 10 personalisable gifts (a custom-text attribute value), which are not shoes."""
        categories, attributes, vendors = shop["categories"], shop["attributes"], shop["vendors"]
        custom_value = attributes["personalisation"].value_ids
        gifts = self.env["product.template"].create([
            {
                "name": gift.name,
                "default_code": gift.code,
                "type": "consu",
                "list_price": gift.list_price,
                "standard_price": round(gift.list_price * catalog.COST_RATIO, 2),
                "categ_id": categories[catalog.GIFT_CATEGORY]["internal"].id,
                "public_categ_ids": [Command.set(categories[catalog.GIFT_CATEGORY]["public"].ids)],
                "is_published": True,
                "website_sequence": 100 + index,
                "description_sale": f"Personalised for you: {gift.personalisation.lower()}.",
                "description_ecommerce": f"<p>Made to order with your {gift.personalisation.lower()}.</p>",
                "image_1920": self._draw("gift", gift.colour.hex, "#d4a017", "S"),
                "seller_ids": self._sellers(catalog.GIFT_CATEGORY, gift.list_price * catalog.COST_RATIO, vendors),
                "attribute_line_ids": [Command.create({
                    "attribute_id": attributes["personalisation"].id,
                    "value_ids": [Command.set(custom_value.ids)],
                })],
            }
            for index, gift in enumerate(catalog.GIFTS)
        ])
        self._register_xmlids({
            demo_xmlid("product_template", gift.code): template for gift, template in zip(catalog.GIFTS, gifts)
        })
        shop["gifts"] = gifts
