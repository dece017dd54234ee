from odoo.http import request, route

from odoo.addons.product_shoe.lib.sizes import SIZE_SYSTEMS, SizeError, format_size, parse_size
from odoo.addons.website_sale.controllers.main import WebsiteSale

from ..lib.size_system import default_size_system

# URL parameter -> product.template field of each shoe filter (the size filter is read in the visitor's size system)
FILTER_PARAMS = {
    "size": "shoe_size",
    "brand": "shoe_brand_id",
    "gender": "shoe_gender",
    "width": "shoe_width",
    "shoe_category": "shoe_category",
}
SIZE_SYSTEM_SESSION_KEY = "shoe_size_system"


def _tag_ids(tags):
    """The record ids of the shop's ``tags`` parameter ("3,5"), which Odoo's product search reads with int();
    anything else is dropped."""
    tokens = (token.strip() for token in tags.split(",")[:50]) if isinstance(tags, str) else ()
    return ",".join(token for token in tokens if (digits := token.removeprefix("-")).isascii() and digits.isdigit())


class WebsiteSaleShoe(WebsiteSale):
    @route()
    def shop(self, page=0, category=None, search="", min_price=0.0, max_price=0.0, tags="", **post):
        """Drop what Odoo's shop cannot read and answered 500 to: a sort order it does not offer (an invalid ORDER
        BY), tags that are no record ids, and a page or category given in the query as other than ASCII digits
        (Odoo's isdigit() lets "²" through to int())."""
        if post.get("order") not in dict(request.env["website"]._get_product_sort_mapping()):
            post.pop("order", None)
        if isinstance(page, str) and not (page.isascii() and page.isdigit()):
            page = 0
        if isinstance(category, str) and not category.isascii():
            category = None
        return super().shop(page=page, category=category, search=search, min_price=min_price, max_price=max_price,
                            tags=_tag_ids(tags), **post)

    def _shoe_get_filters(self):
        """Shoe filters of the request, as {field: values}; unknown or malformed values are dropped."""
        Template = request.env["product.template"]
        filters = {}
        for param, field_name in FILTER_PARAMS.items():
            raw = request.httprequest.args.get(param) or ""
            tokens = [token.strip() for token in raw.split(",")[:50] if token.strip()]
            if param == "size":
                ranges = self._shoe_size_ranges(tokens)
                if ranges:
                    filters[field_name] = ranges
                continue
            field = Template._fields[field_name]
            if field.type == "many2one":
                values = [int(token) for token in tokens if token.isdigit() and len(token) < 10]
            else:
                allowed = {key for key, _label in field._description_selection(request.env)}
                values = [token for token in tokens if token in allowed]
            if values:
                filters[field_name] = list(dict.fromkeys(values))
        return filters

    def _shoe_size_ranges(self, tokens):
        """Foot length ranges of the sizes asked for in the visitor's size system; sizes off the chart are dropped."""
        buckets = {
            label: (low, high)
            for label, low, high in request.env["product.template"]._shoe_size_buckets(self._shoe_size_system())
        }
        ranges = []
        for token in tokens:
            try:
                label = format_size(parse_size(token[:10]))
            except SizeError:
                continue
            if label in buckets:
                ranges.append(buckets[label])
        return list(dict.fromkeys(ranges))

    def _shoe_size_system(self):
        """Size system the visitor reads sizes in: chosen in the URL, remembered in the session, else guessed."""
        chosen = request.params.get("size_system")
        if chosen in SIZE_SYSTEMS:
            request.session[SIZE_SYSTEM_SESSION_KEY] = chosen
            return chosen
        remembered = request.session.get(SIZE_SYSTEM_SESSION_KEY)
        if remembered in SIZE_SYSTEMS:
            return remembered
        country = request.geoip.country_code if request.geoip else None
        return default_size_system(country, request.env.lang)

    def _get_search_options(self, **kwargs):
        options = super()._get_search_options(**kwargs)
        options["shoe_filters"] = self._shoe_get_filters()
        return options

    def _shoe_base_domain(self, search, category, attribute_value_dict):
        """Shop domain with our search but without the shoe filters."""
        domain = super()._get_shop_domain("", category, attribute_value_dict)
        return domain & request.env["product.template"]._shoe_search_domain(search)

    def _get_shop_domain(self, search, category, attribute_value_dict, search_in_description=True):
        filter_domain = request.env["product.template"]._shoe_filter_domain(self._shoe_get_filters())
        return self._shoe_base_domain(search, category, attribute_value_dict) & filter_domain

    def _shop_get_query_url_kwargs(self, search, min_price, max_price, order=None, tags=None, **kwargs):
        result = super()._shop_get_query_url_kwargs(search, min_price, max_price, order=order, tags=tags, **kwargs)
        for param in (*FILTER_PARAMS, "size_system"):
            result[param] = request.httprequest.args.get(param)
        return result

    def _get_additional_shop_values(self, values, **kwargs):
        result = super()._get_additional_shop_values(values, **kwargs)
        filters = self._shoe_get_filters()
        base = self._shoe_base_domain(values.get("search") or "", values.get("category"), values.get("attrib_values"))
        system = self._shoe_size_system()
        Template = request.env["product.template"]
        result.update(
            shoe_facets=Template._shoe_facet_counts(base, filters, size_system=system),
            shoe_filters=filters,
            shoe_filter_params=FILTER_PARAMS,
            shoe_clear_filters=dict.fromkeys(FILTER_PARAMS),
            shoe_size_system=system,
            shoe_size_system_links=self._shoe_size_system_links(filters.get("shoe_size", [])),
        )
        if "attributes" in values:
            # Sizes are filtered in the visitor's system above: Odoo's filter would list one system only.
            # Same prefetch set as Odoo's: the product cards read the size values with the others' in one query.
            attributes = values["attributes"]
            result["attributes"] = attributes.filtered(lambda attribute: not attribute.shoe_size_system).with_prefetch(
                attributes._prefetch_ids
            )
        return result

    def _shoe_size_system_links(self, ranges):
        """[(system, label, size parameter)]: the chosen sizes relabelled in each system, to switch systems."""
        Template = request.env["product.template"]
        labels = dict(Template.env["shoe.size.chart.line"]._fields["size_system"]._description_selection(request.env))
        links = []
        for system in SIZE_SYSTEMS:
            sizes = [
                label
                for label, low, high in Template._shoe_size_buckets(system)
                if any(low < chosen_high and chosen_low < high for chosen_low, chosen_high in ranges)
            ]
            links.append((system, labels.get(system, system), ",".join(sizes) or None))
        return links

    def _prepare_product_values(self, product, category, **kwargs):
        values = super()._prepare_product_values(product, category, **kwargs)
        if product.is_shoe:
            system = self._shoe_size_system()
            # Computed once for the page: Odoo's variant picker and our Sizes block both read sizes in this system.
            labels = product._shoe_size_labels(system)
            values["shoe_size_system"] = system
            values["shoe_size_labels"] = labels
            values["shoe_fit_note"] = request.env["shoe.brand"]._get_fit_note(product.shoe_brand_id.id)
            values["shoe_size_rows"] = product._shoe_size_rows(system, size_labels=labels)
            foot_mm = kwargs.get("foot_mm")
            if foot_mm:
                values["shoe_size_advice"] = product._shoe_size_advice(foot_mm, system)
        return values
