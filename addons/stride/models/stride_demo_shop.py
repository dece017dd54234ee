import base64
import logging
import time
from datetime import datetime, timedelta
from functools import partial

from odoo import Command, api, fields, models
from odoo.tools.misc import file_path

from ..lib import aftersale, catalog, customers, history, picture, roles
from .sale_order import QUIET_HISTORY

_logger = logging.getLogger(__name__)

SEED = 42
ORDER_COUNT = 200
PICTURE_SIZE = 512
LOGO_SIZE = 256
FONT = "web/static/fonts/lato/Lato-Bol-webfont.ttf"
# Modules whose demo products and shop categories (desks, chairs, ...) would make the shoe shop look odd.
GENERIC_CATALOGUE_AUTHOR = "Odoo S.A."
# Days from the order to each of its later documents.
DELIVERY_DAYS = 2
INVOICE_DAYS = 3
PAYMENT_DAYS = 10
# When each fulfilment stage was reached, after the order.
STAGE_DELAYS = {
    history.CONFIRMED: timedelta(hours=1),
    history.PACKAGING: timedelta(days=1),
    history.SHIPPING: timedelta(days=DELIVERY_DAYS),
    history.DELIVERED: timedelta(days=DELIVERY_DAYS + 3),
    history.FEEDBACK: timedelta(days=DELIVERY_DAYS + 5),
    history.CANCELLED: timedelta(hours=5),
}
# Pipeline stages from which an order can still be cancelled (sale_order_pipeline's rules).
CANCELLABLE_STAGES = (history.AWAITING, history.CONFIRMED, history.PACKAGING)


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
        brands = builder._create_brands()
        variants = builder._create_shoes(categories, attributes, vendors, brands)
        builder._create_gifts(categories, attributes, vendors)
        lap("catalogue")
        profiles = customers.customer_profiles(SEED)
        partners = builder._create_customers(profiles)
        regular = next(index for index, profile in enumerate(profiles) if profile.country_code == "US")
        users = builder._create_users(partners[regular])
        history_builder = builder.with_context(**{QUIET_HISTORY: True})
        history_builder._retire_generic_orders(users["manager"])
        lap("people")
        today = fields.Date.context_today(self)
        plans = history.plan_orders(SEED, today, len(partners), len(variants), ORDER_COUNT, regular=regular)
        stock = history.plan_stock(SEED, len(variants))
        # Past receipts first: the opening inventory then counts the pairs to the planned quantity.
        builder._receive_past_purchases(variants, vendors, today)
        builder._stock_up(variants, history.opening_stock(stock, plans))
        builder._watch_stock(categories, variants, stock, users["manager"])
        lap("stock")
        history_builder._play_orders(plans, partners, variants, users)
        lap("orders")
        builder._create_purchases(variants, stock, users["manager"])
        alerts = builder.env["stock.threshold.alert"]._check_products(builder.env["product.product"].concat(*variants))
        suggestion = builder._suggest_restock(users["manager"])
        lap("restock")
        _logger.info(
            "Stride demo shop built in %.1f s (%s): %d shoe variants, %d customers, %d orders, %d stock alerts, "
            "%d restock lines",
            sum(timings.values()), ", ".join(f"{phase} {seconds:.1f} s" for phase, seconds in timings.items()),
            len(variants), len(partners), len(plans), len(alerts), len(suggestion.line_ids),
        )

    # ------------------------------------------------------------------
    # Catalogue
    # ------------------------------------------------------------------

    def _register_xmlids(self, records_by_xmlid):
        """Give the built records XML ids, so that tests and later demo files can find them."""
        self.env["ir.model.data"]._update_xmlids([
            {"xml_id": xmlid, "record": record, "noupdate": True} for xmlid, record in records_by_xmlid.items()
        ])

    def _generic_modules(self):
        return self.env["ir.module.module"].search([("author", "=", GENERIC_CATALOGUE_AUTHOR)])

    def _hide_generic_catalogue(self):
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

    def _draw(self, silhouette, body_hex, accent_hex, initial, size=PICTURE_SIZE):
        spec = picture.picture_spec(silhouette, body_hex, accent_hex, initial)
        return base64.b64encode(picture.draw_picture(spec, size, file_path(FONT)))

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

    def _create_brands(self):
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
        self._register_xmlids({_xmlid("shoe_brand", name): record for name, record in by_name.items()})
        return by_name

    def _create_shoes(self, categories, attributes, vendors, brands):
        """The 40 shoe models; returns their variants in a stable order (model, size, colour)."""
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

    def _receive_past_purchases(self, variants, vendors, today):
        """A year of vendor receipts, some late and some short, so that the vendor scorecards have a history."""
        vendor_names = [vendor.name for vendor in catalog.VENDORS]
        supplied = {name: [] for name in vendor_names}
        for index, variant in enumerate(variants):
            for name in variant.seller_ids.partner_id.mapped("name"):
                supplied[name].append(index)
        receipts = history.plan_receipts(SEED, today, [
            (supplied[vendor.name], vendor.min_qty, vendor.lead_days, vendor.on_time_share, vendor.fill_share)
            for vendor in catalog.VENDORS
        ])
        orders = self.env["purchase.order"].create([
            {
                "partner_id": vendors[vendor_names[receipt.vendor]].id,
                "date_order": self._at_shop_hours(receipt.ordered, index),
                "order_line": [
                    Command.create({"product_id": variants[variant].id, "product_qty": ordered})
                    for variant, ordered, _received in receipt.lines
                ],
            }
            for index, receipt in enumerate(receipts)
        ])
        orders.button_confirm()
        pickings = orders.picking_ids
        for receipt, order in zip(receipts, orders):
            received = {variants[variant].id: quantity for variant, _ordered, quantity in receipt.lines}
            for move in order.picking_ids.move_ids:
                move.quantity = received[move.product_id.id]
        pickings.move_ids.picked = True
        pickings.with_context(
            skip_backorder=True, picking_ids_not_to_backorder=pickings.ids, skip_sms=True,
        ).button_validate()
        for index, (receipt, order) in enumerate(zip(receipts, orders)):
            approved = self._at_shop_hours(receipt.ordered, index)
            done = approved + timedelta(days=receipt.actual_days)
            order.write({"date_order": approved, "date_approve": approved})
            order.order_line.write({"date_planned": approved + timedelta(days=receipt.promised_days)})
            order.picking_ids.write({"scheduled_date": done, "date_done": done})
            order.picking_ids.move_ids.write({"date": done})

    def _watch_stock(self, categories, variants, stock, buyer):
        """Alert-only thresholds: category defaults for every shoe, tighter ones set by hand on the best sellers."""
        for name, (minimum, maximum) in catalog.ALERT_THRESHOLDS.items():
            categories[name]["internal"].write({
                "threshold_enabled": True,
                "threshold_min_qty": minimum,
                "threshold_max_qty": maximum,
                "threshold_user_id": buyer.id,
            })
        ruled = {variants[index].id: index for index in stock.reorder_min}
        orderpoints = self.env["stock.warehouse.orderpoint"].search([
            ("product_id", "in", list(ruled)), ("warehouse_id", "=", self._warehouse().id),
        ])
        for orderpoint in orderpoints:
            index = ruled[orderpoint.product_id.id]
            orderpoint.write({
                "product_min_qty": stock.reorder_min[index],
                "product_max_qty": stock.reorder_max[index],
            })

    def _retire_generic_orders(self, manager):
        """Odoo's furniture demo orders are not ours to fulfil: cancel the open ones, take the shipped ones as received.

        The fulfilment board then only shows the shoe shop's own work.
        """
        data = self.env["ir.model.data"].search([
            ("module", "in", self._generic_modules().mapped("name")), ("model", "=", "sale.order"),
        ])
        orders = self.env["sale.order"].browse(data.mapped("res_id")).exists()
        orders.filtered(lambda order: order.pipeline_stage in CANCELLABLE_STAGES)._action_cancel()
        in_transit = orders.filtered(lambda order: order.pipeline_stage == history.SHIPPING)
        in_transit.with_user(manager).action_pipeline_confirm_receipt()

    def _create_carrier(self):
        product = self.env["product.product"].create({
            "name": "Stride Express delivery", "type": "service", "list_price": 0.0, "sale_ok": False,
        })
        carrier = self.env["delivery.carrier"].create({
            "name": "Stride Express",
            "delivery_type": "fixed",
            "fixed_price": 0.0,
            "product_id": product.id,
            "tracking_url": "https://track.stride.example.com/?number=<shipmenttrackingnumber>",
        })
        self._register_xmlids({"stride.delivery_carrier_express_demo": carrier})
        return carrier

    def _play_orders(self, plans, partners, variants, users):
        """Create the orders oldest first, then move each as far as its plan says, through the pipeline's steps."""
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
        packing = SaleOrder
        for plan, order in zip(plans, orders):
            by_stage[plan.stage] |= order
            if plan.pipeline == history.PACKAGING:
                packing |= order
        dates = {order: order.date_order for order in orders}

        by_stage["sent"].action_quotation_sent()
        by_stage["cancel"]._action_cancel()
        shipped = by_stage["delivered"] | by_stage["invoiced"] | by_stage["locked"]
        # Ship first, then confirm the open orders: their reservations must not take the stock shipped before.
        shipped.action_confirm()
        parcels = {order.id: history.tracking_number(index) for index, order in enumerate(orders) if order in shipped}
        self._ship(shipped, dates, parcels=(self._create_carrier(), parcels))
        by_stage["sale"].action_confirm()
        # Half of the open orders are being packed: the warehouse took the packing request, nothing left the shelves
        # yet (goods half-way in the packing zone would stop anyone from simplifying the delivery steps).
        packing.with_user(users["warehouse"]).action_pipeline_advance()
        for order in shipped | by_stage["sale"]:
            order.date_order = dates[order]
        invoiced = by_stage["invoiced"] | by_stage["locked"]
        self._invoice(invoiced, dates, paid=by_stage["locked"])
        self._record_carrier_updates(plans, orders, dates)
        self._deliver(plans, orders, users)
        self._review_products(plans, orders, variants, dates)
        by_stage["locked"].action_lock()
        self._date_history(orders, dates)

    def _deliver(self, plans, orders, users):
        """Parcels received and rated: the demo customer says so from the portal, the others through the team."""
        customer = users["customer"]
        for plan, order in zip(plans, orders):
            if plan.pipeline not in (history.DELIVERED, history.FEEDBACK):
                continue
            who = customer if order.partner_id == customer.partner_id else users["manager"]
            order.with_user(who).action_pipeline_confirm_receipt()
            if plan.pipeline == history.FEEDBACK:
                order.with_user(who).action_pipeline_leave_feedback(plan.rating, plan.comment or False)

    def _record_carrier_updates(self, plans, orders, dates):
        """The carrier's updates on the parcels, while they are on their way (the pipeline takes them only then)."""
        now = fields.Datetime.now()
        updates = aftersale.plan_carrier_updates(SEED, plans, [order.partner_id.city or "" for order in orders])
        self.env["sale.order.transit.event"].create([
            {
                "order_id": orders[index].id,
                "status": update.status,
                "location": update.location,
                "event_time": min(now, dates[orders[index]] + timedelta(days=DELIVERY_DAYS, hours=update.hours)),
            }
            for index, trail in sorted(updates.items())
            for update in trail
        ])

    def _review_products(self, plans, orders, variants, dates):
        """Some rated orders also review their shoes: the customer's rated comment on the product's page.

        Written as the customer would through the portal (most demo customers have no login to do it themselves).
        """
        now = fields.Datetime.now()
        model_id = self.env["ir.model"]._get_id("product.template")
        reviews = [
            (orders[index], variants[review.variant].product_tmpl_id, review)
            for index, order_reviews in sorted(aftersale.plan_reviews(SEED, plans).items())
            for review in order_reviews
        ]
        # Two sizes of one shoe in an order make one review of that shoe.
        reviews = list({(order, product): (order, product, review) for order, product, review in reviews}.values())
        ratings = self.env["rating.rating"].sudo().create([
            {
                "res_model_id": model_id,
                "res_id": product.id,
                "partner_id": order.partner_id.id,
                "rating": review.stars,
                "feedback": review.comment,
                "consumed": True,
            }
            for order, product, review in reviews
        ])
        values = []
        for (order, product, review), rating in zip(reviews, ratings):
            message = product.sudo().message_post(
                author_id=order.partner_id.id,
                body=review.comment,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                rating_id=rating.id,
            )
            message.date = min(now, dates[order] + STAGE_DELAYS[history.FEEDBACK])
            values.append({
                "order_id": order.id,
                "product_tmpl_id": product.id,
                "partner_id": order.partner_id.id,
                "message_id": message.id,
                "rating_id": rating.id,
            })
        self.env["sale.order.product.review"].sudo().create(values)

    def _date_history(self, orders, dates):
        """Date each stage change after its order, as it would have happened, not when the demo was built."""
        now = fields.Datetime.now()
        moves = self.env["sale.order.stage.history"].sudo().search([("order_id", "in", orders.ids)])
        for move in moves:
            move.date = min(now, dates[move.order_id] + STAGE_DELAYS.get(move.stage, timedelta()))

    @staticmethod
    def _at_shop_hours(day, index):
        """A deterministic time of day between 08:00 and 20:59 for the index-th order."""
        return datetime.combine(day, datetime.min.time()) + timedelta(hours=8 + index % 13, minutes=(index * 7) % 60)

    def _ship(self, orders, dates, parcels):
        """Validate the pick, pack and ship operations of the orders, one step at a time for all of them.

        ``parcels`` is (carrier, {order id: tracking number}): the deliveries carry them, and the pipeline copies them
        onto their orders.
        """
        Picking = self.env["stock.picking"]
        carrier, numbers = parcels
        # Each step's transfer appears once the previous step is done: search again after every step.
        while ready := Picking.search([("sale_id", "in", orders.ids), ("state", "=", "assigned")]):
            for picking in ready.filtered(lambda picking: picking.picking_type_code == "outgoing"):
                picking.write({"carrier_id": carrier.id, "carrier_tracking_ref": numbers[picking.sale_id.id]})
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

    def _suggest_restock(self, buyer):
        """A restock suggestion computed from the demo's sales and stock, ready for the buyer to review."""
        suggestion = self.env["purchase.restock.suggestion"].with_user(buyer).create({
            "name": self.env._("Restock for the coming month"),
            "cover_days": 30,
        })
        suggestion.action_compute()
        self._register_xmlids({"stride.purchase_restock_suggestion_demo": suggestion})
        return suggestion
