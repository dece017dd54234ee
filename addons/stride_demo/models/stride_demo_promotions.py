from lxml import etree
from markupsafe import Markup, escape

from odoo import Command, api, fields, models

from ..lib import promotions

# The /shop page's top drop zone: what the website editor saves there is a website-specific extension of the page.
SHOP_TOP_STRUCTURE = "oe_structure_website_sale_products_1"
WEBINAR_URL = "https://meet.stride.example.com/true-size"


# One file per subject is the point of the builder (see readme/DEVELOP.md), hence several classes inheriting it.
class StrideDemoBuilder(models.AbstractModel):
    """A running promotion (a welcome code, a dated sale shown struck through on the shop, a banner on /shop) and
    two upcoming events, one at the shop and one online."""

    _inherit = "stride.demo.builder"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _stride_demo_steps(self):
        # 150, 151: on the finished catalogue and history, so that no replayed order gets the sale's prices.
        return super()._stride_demo_steps() + [(150, "_demo_promotions"), (151, "_demo_events")]

    def _demo_promotions(self, shop):
        today = shop["today"] or fields.Date.context_today(self)
        boots = shop["categories"][promotions.SALE_CATEGORY]
        shop["welcome_code"] = self._demo_welcome_code()
        shop["winter_sale"] = self._demo_sale_rules(boots["internal"], *promotions.sale_window(today))
        self._register_xmlids({
            f"stride_demo.product_pricelist_item_winter_sale_{rule.pricelist_id.id}_demo": rule
            for rule in shop["winter_sale"]
        })
        shop["shop_banner"] = self._demo_shop_banner(boots["public"])

    def _demo_welcome_code(self):
        """Odoo's discount code program: WELCOME10 takes 10% off the whole order (Odoo has no "first order only")."""
        program = self.env["loyalty.program"].create({
            "name": f"Welcome: {promotions.WELCOME_PERCENT}% off",
            "program_type": "promo_code",
            "trigger": "with_code",
            "applies_on": "current",
            "rule_ids": [Command.create({"mode": "with_code", "code": promotions.WELCOME_CODE})],
            "reward_ids": [Command.create({
                "reward_type": "discount",
                "discount_mode": "percent",
                "discount": promotions.WELCOME_PERCENT,
                "discount_applicability": "order",
            })],
        })
        self._register_xmlids({"stride_demo.loyalty_program_welcome_code_demo": program})
        return program

    def _demo_sale_rules(self, category, first_day, last_day):
        """The winter sale: on every pricelist, a rule dated from ``first_day`` to ``last_day`` taking 20% off the
        category's list price, rounded like the pricelist's own prices. A formula with a discount on the list price is
        what website_sale shows struck through (``_show_discount_on_shop``); the rule ends by itself."""
        pricelists = self.env["product.pricelist"].search([])
        return self.env["product.pricelist.item"].create([
            {
                "pricelist_id": pricelist.id,
                "applied_on": "2_product_category",
                "categ_id": category.id,
                "compute_price": "formula",
                "base": "list_price",
                "price_discount": promotions.SALE_PERCENT,
                "price_round": rounding.price_round,
                "price_surcharge": rounding.price_surcharge,
                "date_start": fields.Datetime.to_datetime(first_day),
                "date_end": fields.Datetime.to_datetime(last_day).replace(hour=23, minute=59, second=59),
            }
            for pricelist in pricelists
            for rounding in [pricelist.item_ids.filtered(
                lambda item: item.applied_on == "3_global" and item.compute_price == "formula")[:1]]
        ])

    def _demo_shop_banner(self, category):
        """The banner at the top of /shop, saved the way the website editor saves a block dropped there (a
        website-specific extension of the shop page), so that the shop manager edits or removes it in the editor;
        its texts in every active language, like a translation made in the editor."""
        website = self.env["website"].get_current_website()
        link = f"/shop/category/{self.env['ir.http']._slug(category)}"
        english = self.with_context(lang="en_US")._demo_shop_banner_html(link)
        shop_page = self.env.ref("website_sale.products").with_context(website_id=website.id)
        shop_page.save_oe_structure(etree.fromstring(str(english)))
        banner = self.env["ir.ui.view"].search(
            [("key", "=", f"{shop_page.key}_{SHOP_TOP_STRUCTURE}"), ("website_id", "=", website.id)], limit=1)
        self._demo_translate_html(banner, "arch_db", lambda builder: builder._demo_shop_banner_html(link))
        return banner

    def _demo_shop_banner_html(self, link):
        """The banner's block in the environment's language."""
        return Markup(
            '<div class="oe_structure oe_empty oe_structure_not_nearest" id="%(zone)s">'
            '<section class="s_text_block o_cc o_cc4 pt32 pb32 text-center" data-snippet="s_text_block" '
            'data-name="Promotion banner" id="stride_promotion_banner">'
            '<div class="container s_allow_columns">'
            '<h2 class="h3">%(title)s</h2>'
            "<p>%(lead)s</p>"
            '<p><a class="btn btn-primary" href="%(link)s">%(button)s</a></p>'
            "</div></section></div>"
        ) % {
            "zone": SHOP_TOP_STRUCTURE,
            "title": self.env._("Winter sale: %(percent)s%% off boots", percent=promotions.SALE_PERCENT),
            # The code stands out in bold: the translation is text, the bold is ours.
            "lead": escape(self.env._(
                "Warm, waterproof boots for less while the sale lasts. New to Stride? The code %(code)s takes "
                "%(welcome)s%% off your order."
            )) % {
                "code": Markup("<strong>%s</strong>") % promotions.WELCOME_CODE, "welcome": promotions.WELCOME_PERCENT,
            },
            "button": self.env._("Shop the boots"),
            "link": link,
        }

    def _demo_languages(self):
        """The shop's languages besides English, which the demo's visible texts are translated into."""
        return [code for code, _name in self.env["res.lang"].get_installed() if code != "en_US"]

    def _demo_translate_html(self, record, field_name, html_in):
        """Translate ``record``'s HTML field into the demo's languages term by term, as the website editor's translate
        mode does: ``html_in(builder)`` builds the field's value in the language of ``builder``'s context, with the
        same structure as the English value the field holds."""
        terms = record._fields[field_name].get_trans_terms
        english = terms(str(html_in(self.with_context(lang="en_US"))))
        record.update_field_translations(field_name, {
            lang: dict(zip(english, terms(str(html_in(self.with_context(lang=lang)))), strict=True))
            for lang in self._demo_languages()
        })

    def _demo_event_texts(self, code):
        """Name and description of the demo event ``code`` (lib/promotions.py's plans) in the environment's
        language."""
        return {
            "run_club": {
                "name": self.env._("Stride Run Club: Riverside 10K"),
                "description": Markup("<p>%s</p>") % self.env._(
                    "A relaxed 10 km along the Saigon river with our staff, then coffee at the shop. Try the season's "
                    "running shoes before you buy: bring your own socks."
                ),
            },
            "webinar": {
                "name": self.env._("Webinar: Find your true shoe size"),
                "description": Markup("<p>%s</p>") % self.env._(
                    "Forty minutes online with our fitting team: how to measure your feet at home, how each brand "
                    "runs and how to read our size guide. Questions welcome."
                ),
            },
        }[code]

    def _demo_events(self, shop):
        """Two upcoming events on /event, named and described in every shop language: a run from the shop and a
        webinar. Odoo's own demo events (conferences, fairs) are unpublished: this is a shoe shop."""
        today = shop["today"] or fields.Date.context_today(self)
        odoo_demo = self.env["ir.model.data"].search([
            ("model", "=", "event.event"), ("module", "in", self._generic_modules().mapped("name")),
        ])
        self.env["event.event"].browse(odoo_demo.mapped("res_id")).exists().website_published = False
        values = []
        for plan in promotions.EVENTS:
            begin, end = promotions.event_times(plan, today)
            values.append({
                **self.with_context(lang="en_US")._demo_event_texts(plan.code),
                "date_begin": begin,
                "date_end": end,
                "date_tz": promotions.SHOP_TZ,
                "address_id": False if plan.online else self.env.company.partner_id.id,
                "event_url": WEBINAR_URL if plan.online else False,
                "seats_limited": bool(plan.seats),
                "seats_max": plan.seats,
                "website_published": True,
            })
        events = self.env["event.event"].with_context(lang="en_US").create(values)
        for plan, event in zip(promotions.EVENTS, events, strict=True):
            event.update_field_translations("name", {
                lang: self.with_context(lang=lang)._demo_event_texts(plan.code)["name"]
                for lang in self._demo_languages()
            })
            self._demo_translate_html(
                event, "description", lambda builder, code=plan.code: builder._demo_event_texts(code)["description"]
            )
        self._register_xmlids({
            f"stride_demo.event_{'webinar' if plan.online else 'in_person'}_demo": event
            for plan, event in zip(promotions.EVENTS, events)
        })
        shop["events"] = events
