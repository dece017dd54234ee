import base64
import logging
import time
from datetime import datetime, timedelta

from odoo import Command, api, fields, models
from odoo.tools.misc import file_path

from ..lib import catalog, customers, history, picture, roles

_logger = logging.getLogger(__name__)

SEED = 42
ORDER_COUNT = 200
PICTURE_SIZE = 512
FONT = "web/static/fonts/lato/Lato-Bol-webfont.ttf"
# Modules whose demo products and shop categories (desks, chairs, ...) would make the shoe shop look odd.
GENERIC_CATALOGUE_AUTHOR = "Odoo S.A."
# Days from the order to each of its later documents.
DELIVERY_DAYS = 2
INVOICE_DAYS = 3
PAYMENT_DAYS = 10


def _xmlid(kind: str, key: str) -> str:
    """``stride.<kind>_<key>_demo``, ``key`` made safe for an XML id."""
    safe = "".join(ch if ch.isalnum() else "_" for ch in key.lower()).strip("_")
    return f"stride.{kind}_{safe}_demo"


class StrideDemoShop(models.AbstractModel):
    """Builds the demo shop with the ORM from the plans in ``lib/`` (loaded by demo/stride_demo_shop.xml)."""

    _name = "stride.demo.shop"
    _description = "Stride demo shop builder"

    @api.model
    def _build_demo_shop(self):
        builder = self.with_context(
            tracking_disable=True,
            mail_create_nolog=True,
            mail_create_nosubscribe=True,
            mail_notrack=True,
            no_reset_password=True,
        )
        timings = {}
        clock = time.monotonic()

        def lap(phase):
            nonlocal clock
            timings[phase], clock = time.monotonic() - clock, time.monotonic()

        builder._hide_generic_catalogue()
        categories = builder._create_categories()
        attributes = builder._create_attributes()
        vendors = builder._create_vendors()
        variants = builder._create_shoes(categories, attributes, vendors)
        builder._create_gifts(categories, attributes, vendors)
        lap("catalogue")
        profiles = customers.customer_profiles(SEED)
        partners = builder._create_customers(profiles)
        regular = next(index for index, profile in enumerate(profiles) if profile.country_code == "US")
        users = builder._create_users(partners[regular])
        lap("people")
        today = fields.Date.context_today(self)
        plans = history.plan_orders(SEED, today, len(partners), len(variants), ORDER_COUNT, regular=regular)
        stock = history.plan_stock(SEED, len(variants))
        builder._stock_up(variants, history.opening_stock(stock, plans))
        builder._create_orderpoints(variants, stock)
        lap("stock")
        builder._play_orders(plans, partners, variants, users)
        builder._create_purchases(variants, stock, users["manager"])
        lap("orders")
        _logger.info(
            "Stride demo shop built in %.1f s (%s): %d shoe variants, %d customers, %d orders",
            sum(timings.values()), ", ".join(f"{phase} {seconds:.1f} s" for phase, seconds in timings.items()),
            len(variants), len(partners), len(plans),
        )

    # ------------------------------------------------------------------
    # Catalogue
    # ------------------------------------------------------------------

    def _register_xmlids(self, records_by_xmlid):
        """Give the built records XML ids, so that tests and later demo files can find them."""
        self.env["ir.model.data"]._update_xmlids([
            {"xml_id": xmlid, "record": record, "noupdate": True} for xmlid, record in records_by_xmlid.items()
        ])

    def _hide_generic_catalogue(self):
        """Unpublish Odoo's own demo products and drop its demo shop categories: this is a shoe shop."""
        generic_modules = self.env["ir.module.module"].search([("author", "=", GENERIC_CATALOGUE_AUTHOR)])
        data = self.env["ir.model.data"].search([
            ("module", "in", generic_modules.mapped("name")),
            ("model", "in", ("product.template", "product.public.category")),
        ])
        templates = self.env["product.template"].browse(
            data.filtered(lambda d: d.model == "product.template").mapped("res_id")
        ).exists()
        templates.filtered("is_published").is_published = False
        self.env["product.public.category"].browse(
            data.filtered(lambda d: d.model == "product.public.category").mapped("res_id")
        ).exists().unlink()

    def _draw(self, silhouette, body_hex, accent_hex, initial):
        spec = picture.picture_spec(silhouette, body_hex, accent_hex, initial)
        return base64.b64encode(picture.draw_picture(spec, PICTURE_SIZE, file_path(FONT)))

    def _create_categories(self):
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
        self._register_xmlids({_xmlid("public_category", name): category for name, category in zip(names, public)})
        return {name: {"public": pub, "internal": intern} for name, pub, intern in zip(names, public, internal)}

    def _create_attributes(self):
        Attribute = self.env["product.attribute"]
        size = Attribute.create({
            "name": "Size",
            "display_type": "pills",
            "create_variant": "always",
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
        brand = Attribute.create({
            "name": "Brand",
            "display_type": "radio",
            "create_variant": "no_variant",
            "value_ids": [
                Command.create({"name": b.name, "sequence": index}) for index, b in enumerate(catalog.BRANDS)
            ],
        })
        personalisation = Attribute.create({
            "name": "Personalisation",
            "display_type": "radio",
            "create_variant": "no_variant",
            "value_ids": [Command.create({"name": "Your text", "is_custom": True})],
        })
        attributes = {"size": size, "colour": colour, "brand": brand, "personalisation": personalisation}
        self._register_xmlids({_xmlid("product_attribute", key): attribute for key, attribute in attributes.items()})
        return attributes

    def _create_vendors(self):
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
        self._register_xmlids({_xmlid("res_partner_vendor", vendor.name.split()[0]): partner
                        for vendor, partner in zip(catalog.VENDORS, partners)})
        return dict(zip((vendor.name for vendor in catalog.VENDORS), partners))

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

    def _create_shoes(self, categories, attributes, vendors):
        """The 40 shoe models; returns their variants in a stable order (model, size, colour)."""
        size_values = {int(value.name): value for value in attributes["size"].value_ids}
        colour_values = {value.name: value for value in attributes["colour"].value_ids}
        brand_values = {value.name: value for value in attributes["brand"].value_ids}
        models_ = catalog.shoe_models(SEED)
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
                "website_sequence": index,
                "description_sale": model.description,
                "description_ecommerce": f"<p>{model.description}</p>",
                "weight": 0.9,
                "image_1920": self._draw(model.category.silhouette, model.colours[0].hex, model.brand.accent_hex,
                                         model.brand.initial),
                "seller_ids": self._sellers(model.category.name, model.cost, vendors),
                "attribute_line_ids": [
                    Command.create({
                        "attribute_id": attributes["brand"].id,
                        "value_ids": [Command.set(brand_values[model.brand.name].ids)],
                    }),
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
            for index, model in enumerate(models_)
        ])
        self._register_xmlids({
            _xmlid("product_template", model.code): template for model, template in zip(models_, templates)
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
        return variants

    def _create_gifts(self, categories, attributes, vendors):
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
            _xmlid("product_template", gift.code): template for gift, template in zip(catalog.GIFTS, gifts)
        })
        return gifts

    # ------------------------------------------------------------------
    # People
    # ------------------------------------------------------------------

    def _countries(self, codes):
        codes = set(codes)
        found = self.env["res.country"].search([("code", "in", list(codes))])
        return {country.code: country for country in found}

    def _create_customers(self, profiles):
        countries = self._countries(profile.country_code for profile in profiles)
        partners = self.env["res.partner"].create([
            {
                "name": profile.name,
                "email": profile.email,
                "phone": profile.phone,
                "street": profile.street,
                "city": profile.city,
                "zip": profile.zip,
                "country_id": countries[profile.country_code].id,
                "lang": profile.lang,
                "tz": profile.tz,
                "customer_rank": 1,
            }
            for profile in profiles
        ])
        self._register_xmlids({_xmlid("res_partner_customer", f"{index + 1:03d}"): partner
                        for index, partner in enumerate(partners)})
        return partners

    def _create_users(self, portal_partner):
        """One demo login per role, the password being the login (see readme/USAGE.md)."""
        Users = self.env["res.users"]
        users = {}
        for login, group_xmlids in roles.ROLE_GROUPS.items():
            values = {
                "login": login,
                "password": login,
                "group_ids": [Command.set([self.env.ref(xmlid).id for xmlid in group_xmlids])],
            }
            if login == "customer":
                values["partner_id"] = portal_partner.id
            else:
                values.update(name=roles.ROLE_NAMES[login], email=f"{login}@stride.example.com", tz="Asia/Ho_Chi_Minh")
            users[login] = Users.create(values)
        self._register_xmlids({_xmlid("user", login): user for login, user in users.items()})
        return users

    # ------------------------------------------------------------------
    # Stock and history
    # ------------------------------------------------------------------

    def _warehouse(self):
        return self.env["stock.warehouse"].search([("company_id", "=", self.env.company.id)], limit=1)

    def _stock_up(self, variants, quantities):
        location = self._warehouse().lot_stock_id
        self.env["stock.quant"].with_context(inventory_mode=True).create([
            {"product_id": variant.id, "location_id": location.id, "inventory_quantity": quantity}
            for variant, quantity in zip(variants, quantities)
            if quantity
        ]).action_apply_inventory()

    def _create_orderpoints(self, variants, stock):
        warehouse = self._warehouse()
        self.env["stock.warehouse.orderpoint"].create([
            {
                "product_id": variants[index].id,
                "warehouse_id": warehouse.id,
                "location_id": warehouse.lot_stock_id.id,
                "product_min_qty": minimum,
                "product_max_qty": stock.reorder_max[index],
                "trigger": "manual",
            }
            for index, minimum in sorted(stock.reorder_min.items())
        ])

    def _play_orders(self, plans, partners, variants, users):
        """Create the orders oldest first, then move each as far as its plan says."""
        website = self.env["website"].get_current_website()
        salespeople = (users["manager"], users["support"])
        SaleOrder = self.env["sale.order"]
        orders = SaleOrder.create([
            {
                "partner_id": partners[plan.customer].id,
                "date_order": self._at_shop_hours(plan.date, index),
                "user_id": salespeople[index % 2].id,
                "website_id": website.id if index % 3 else False,
                "order_line": [
                    Command.create({"product_id": variants[variant].id, "product_uom_qty": quantity})
                    for variant, quantity in plan.lines
                ],
            }
            for index, plan in enumerate(plans)
        ])
        by_stage = dict.fromkeys(history.ORDER_STAGES, SaleOrder)
        for plan, order in zip(plans, orders):
            by_stage[plan.stage] |= order
        dates = {order: order.date_order for order in orders}

        by_stage["sent"].action_quotation_sent()
        by_stage["cancel"]._action_cancel()
        shipped = by_stage["delivered"] | by_stage["invoiced"] | by_stage["locked"]
        # Ship first, then confirm the open orders: their reservations must not take the stock shipped before.
        shipped.action_confirm()
        self._ship(shipped, dates)
        by_stage["sale"].action_confirm()
        for order in shipped | by_stage["sale"]:
            order.date_order = dates[order]
        invoiced = by_stage["invoiced"] | by_stage["locked"]
        self._invoice(invoiced, dates, paid=by_stage["locked"])
        by_stage["locked"].action_lock()

    @staticmethod
    def _at_shop_hours(day, index):
        """A deterministic time of day between 08:00 and 20:59 for the index-th order."""
        return datetime.combine(day, datetime.min.time()) + timedelta(hours=8 + index % 13, minutes=(index * 7) % 60)

    def _ship(self, orders, dates):
        """Validate the pick, pack and ship operations of the orders, one step at a time for all of them."""
        Picking = self.env["stock.picking"]
        # Each step's transfer appears once the previous step is done: search again after every step.
        while ready := Picking.search([("sale_id", "in", orders.ids), ("state", "=", "assigned")]):
            ready.move_ids.picked = True
            ready.with_context(skip_backorder=True, skip_sms=True).button_validate()
        for picking in Picking.search([("sale_id", "in", orders.ids)]):
            done = dates[picking.sale_id] + timedelta(days=DELIVERY_DAYS)
            picking.write({"scheduled_date": done, "date_done": done})
            picking.move_ids.write({"date": done})

    def _invoice(self, orders, dates, paid):
        today = fields.Date.context_today(self)
        invoices = orders._create_invoices(grouped=True)
        for invoice in invoices:
            order = invoice.line_ids.sale_line_ids.order_id
            invoice.invoice_date = min(today, (dates[order] + timedelta(days=INVOICE_DAYS)).date())
        invoices.action_post()
        to_pay = invoices.filtered(lambda invoice: invoice.line_ids.sale_line_ids.order_id & paid)
        # One payment per invoice, registered a month at a time: much faster than invoice by invoice.
        for month_invoices in to_pay.grouped(lambda invoice: invoice.invoice_date.replace(day=1)).values():
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=month_invoices.ids,
            ).create({
                "group_payment": False,
                "payment_date": min(today, max(month_invoices.mapped("invoice_date")) + timedelta(days=PAYMENT_DAYS)),
            }).action_create_payments()

    def _create_purchases(self, variants, stock, buyer):
        """Restocking under way for the low variants: a third ordered, a third asked for, a third forgotten."""
        low = [variants[index] for index, minimum in sorted(stock.reorder_min.items())
               if stock.on_hand[index] < minimum]
        PurchaseOrder = self.env["purchase.order"]
        for confirm, part in ((True, low[0::3]), (False, low[1::3])):
            by_vendor = {}
            for variant in part:
                seller = variant.seller_ids[:1]
                by_vendor.setdefault(seller.partner_id, []).append((variant, seller.min_qty))
            orders = PurchaseOrder.create([
                {
                    "partner_id": vendor.id,
                    "user_id": buyer.id,
                    "order_line": [
                        Command.create({"product_id": variant.id, "product_qty": quantity})
                        for variant, quantity in lines
                    ],
                }
                for vendor, lines in by_vendor.items()
            ])
            if confirm:
                orders.button_confirm()
