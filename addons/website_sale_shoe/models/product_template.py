from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL

from odoo.addons.product_shoe.lib.sizes import SizeError, convert_size, format_size, size_buckets

from ..hooks import ensure_indexable_unaccent, refresh_registry_flags
from ..lib.search_text import (
    MIN_TYPO_TERM_LENGTH,
    distinct_words,
    expand_terms,
    fewest_alternatives,
    is_typo_of,
    join_fields,
    normalize,
    plan_terms,
    prunable_words,
    prune_alternatives,
    search_terms,
)
from ..lib.size_system import stock_state
from .shoe_search_word import ALTERNATIVES_CACHE_KEY

# Trigram similarity under which a word is not even a typo candidate: a swap of two letters in a short word
# ("giya" / "giay") scores 0.25; the exact one-typo check in Python then decides.
TYPO_CANDIDATE_SIMILARITY = 0.2
SEARCHED_SELECTIONS = ("shoe_category", "shoe_upper_material")
# Records whose translations the search texts hold, and the path from a product to them (the shoe types and materials
# are labels of ir.model.fields.selection, matched on their value).
TRANSLATED_SOURCES = {
    "product.template": "id",
    "product.public.category": "public_categ_ids",
    "product.attribute.value": "attribute_line_ids.value_ids",
    "ir.model.fields.selection": None,
}
SHOE_FILTERS = ("shoe_brand_id", "shoe_gender", "shoe_width", "shoe_category")
# Key of the size filter in the shoe filters: its values are foot length ranges (low, high] in mm, so that a size
# chosen in one system finds the shoes sized in any other.
SIZE_FILTER = "shoe_size"


class ProductTemplate(models.Model):
    _inherit = "product.template"

    # Search texts are folded in Python (no accents, lower case) and hold every installed language; never
    # prefetched because only the search reads them.
    shoe_search_text = fields.Text(compute="_compute_shoe_search_text", store=True, prefetch=False, copy=False)
    shoe_search_name = fields.Text(compute="_compute_shoe_search_text", store=True, prefetch=False, copy=False)
    shoe_search_brand = fields.Char(compute="_compute_shoe_search_text", store=True, prefetch=False, copy=False)

    # The search is Odoo's case-sensitive `like` on the folded text, so the trigram index is on the column itself
    # (index="trigram" would index unaccent(column), for Odoo's ilike, which costs an unaccent() per row and per
    # searched alternative: 55 ms instead of a few on 700 models). Only when the database has pg_trgm.
    _shoe_search_text_trgm_idx = models.Index(
        lambda registry: "USING gin (shoe_search_text gin_trgm_ops)" if registry.has_trigram else ""
    )

    @api.depends(
        "name",
        "default_code",
        "product_variant_ids.default_code",
        "shoe_brand_id.name",
        *SEARCHED_SELECTIONS,
        "attribute_line_ids.value_ids.name",
        "public_categ_ids.name",
    )
    def _compute_shoe_search_text(self):
        langs = [code for code, _name in self.env["res.lang"].get_installed()]
        # Labels of the shoe type and material in every installed language: "running" and "chạy bộ" find what the
        # product names do not say. (Genders are searched as a filter: "men" is inside "women".)
        labels = {
            (field, lang): dict(self._fields[field]._description_selection(self.env(context={"lang": lang})))
            for field in SEARCHED_SELECTIONS
            for lang in langs
        }
        for template in self:
            names = [template.with_context(lang=lang).name for lang in langs]
            # Variant SKUs repeat their prefix, colour and size words: each word once keeps every searched word
            # findable (words are matched one by one) in a text several times shorter to scan.
            others = [template.shoe_brand_id.name, template.default_code]
            others.append(distinct_words(template.product_variant_ids.mapped("default_code")))
            for lang in langs:
                localized = template.with_context(lang=lang)
                others += [labels[field, lang].get(template[field]) for field in SEARCHED_SELECTIONS]
                others += localized.attribute_line_ids.value_ids.mapped("name")
                others += localized.public_categ_ids.mapped("name")
            template.shoe_search_name = join_fields(names)
            template.shoe_search_brand = normalize(template.shoe_brand_id.name)
            template.shoe_search_text = join_fields(names + others)

    @api.model
    def _shoe_recompute_texts_translated_by(self, modules):
        """Compute again the search texts holding a term that the translation files of the modules translate: their
        products' names, the shop categories and attribute values of products, the shoe types and materials."""
        data = (
            self.env["ir.model.data"]
            .sudo()
            .search_fetch(
                [("module", "in", list(modules)), ("model", "in", list(TRANSLATED_SOURCES))], ["model", "res_id"]
            )
        )
        ids = {model: [row.res_id for row in data if row.model == model] for model in TRANSLATED_SOURCES}
        domains = [Domain(path, "in", ids[model]) for model, path in TRANSLATED_SOURCES.items() if path and ids[model]]
        labels = self.env["ir.model.fields.selection"].sudo().browse(ids["ir.model.fields.selection"])
        for label in labels.filtered(lambda label: label.field_id.model == self._name):
            if label.field_id.name in SEARCHED_SELECTIONS:
                domains.append(Domain(label.field_id.name, "=", label.value))
        if not domains:
            return
        # The importer wrote past the ORM: neither the records cached in this transaction nor Odoo's cache of the
        # selection labels know the new terms.
        self.env.invalidate_all()
        if labels:
            self.env.registry.clear_cache("stable")
        templates = self.sudo().with_context(active_test=False).search(Domain.OR(domains))
        # Computed in the default context, as any later write computes them (no archived variants' SKUs).
        self.env.add_to_compute(self._fields["shoe_search_text"], templates.with_env(self.env))
        templates.flush_model(["shoe_search_text", "shoe_search_name", "shoe_search_brand"])

    def _register_hook(self):
        super()._register_hook()
        # A database restored from a dump lost the IMMUTABLE mark of the unaccent extension's dictionary function
        # (pg_dump never dumps extension members), which the wrapper needs to be inlined: put it back.
        if ensure_indexable_unaccent(self.env.cr):
            refresh_registry_flags(self.env.registry, self.env.cr)

    def _write_multi(self, vals_list):
        # The one place where search texts reach the database (the compute only computes): the dictionary of typo
        # corrections gets their new words in the same flush.
        texts = [vals["shoe_search_text"] for vals in vals_list if vals.get("shoe_search_text")]
        if texts:
            self.env["shoe.search.word"]._add_words_of(texts)
        return super()._write_multi(vals_list)

    @api.model
    def _shoe_search_alternatives(self, search):
        """Per searched term, the folded words that may match it: itself, its synonyms, its typo corrections.

        Generic shoe words are no terms (lib.search_text.plan_terms). Alternatives holding a word that no catalogue
        word contains are left out: each one costs a LIKE per product, and a broad typo (its synonyms, its
        corrections) would otherwise scan the whole catalogue several times.
        """
        groups = self.env["shoe.search.synonym"]._get_groups()
        terms = list(plan_terms(search, groups).terms)
        known = self.env.cr.cache.setdefault(ALTERNATIVES_CACHE_KEY, {})
        key = (tuple(terms), groups)
        if key not in known:
            alternatives = expand_terms(terms, groups)
            checked = prunable_words(alternatives)
            absent, corrections = self._shoe_lookup_words(checked, terms)
            for index, fixes in corrections.items():
                extra = [word for group in expand_terms(fixes, groups) for word in group]
                alternatives[index] += tuple(word for word in dict.fromkeys(extra) if word not in alternatives[index])
            # Synonyms of the typo corrections are new words: one more look-up, for typo searches only.
            unchecked = sorted(set(prunable_words(alternatives)) - set(checked))
            if unchecked:
                absent |= self._shoe_lookup_words(unchecked, [])[0]
            known[key] = prune_alternatives(alternatives, absent)
        return known[key]

    @api.model
    def _shoe_typo_corrections(self, terms):
        """{index of a term: catalogue words one typo away} for the long enough terms found in no catalogue word."""
        return self._shoe_lookup_words([], terms)[1]

    @api.model
    def _shoe_lookup_words(self, words, terms):
        """(words contained in no catalogue word, {index of a term: catalogue words one typo away}), in one query.

        Typos are corrected for the long enough terms found in no catalogue word (with pg_trgm only).
        """
        candidates = [
            term for term in terms if len(term) >= MIN_TYPO_TERM_LENGTH and term.isascii() and " " not in term
        ]
        if not self.env.registry.has_trigram:
            candidates = []
        checked = list(dict.fromkeys([*words, *candidates]))
        if not checked:
            return set(), {}
        dictionary = SQL.identifier(self.env["shoe.search.word"]._table)
        similar = (
            SQL(
                """ARRAY(SELECT w.word FROM %s w WHERE t.typo AND similarity(w.word, t.term) >= %s
                          ORDER BY similarity(w.word, t.term) DESC LIMIT 20)""",
                dictionary,
                TYPO_CANDIDATE_SIMILARITY,
            )
            if candidates
            else SQL("ARRAY[]::varchar[]")
        )
        # Terms and dictionary words are both folded in Python (lib.search_text.normalize): plain LIKE compares them.
        rows = self.env.execute_query(
            SQL(
                """SELECT EXISTS (SELECT 1 FROM %(words)s w WHERE w.word LIKE '%%' || t.term || '%%'), %(similar)s
                     FROM unnest(%(terms)s::text[], %(typos)s::bool[]) WITH ORDINALITY AS t(term, typo, n)
                 ORDER BY t.n""",
                words=dictionary,
                similar=similar,
                terms=checked,
                typos=[word in candidates for word in checked],
            )
        )
        found = dict(zip(checked, rows, strict=True))
        absent = {word for word in words if not found[word][0]}
        corrections = {}
        for term in candidates:
            exists, similar_words = found[term]
            typo_fixes = [word for word in similar_words if is_typo_of(term, word)]
            if not exists and typo_fixes:
                corrections[terms.index(term)] = typo_fixes
        return absent, corrections

    @api.model
    def _shoe_all_words_sql(self, column, alternatives):
        """SQL: the (folded) column holds every searched word, as itself or one of its alternatives.

        For ranking the rows found (no index to serve): strpos() finds a word in a text faster than LIKE '%word%'.
        """
        return SQL(" AND ").join(
            SQL(
                "(%s)", SQL(" OR ").join(SQL("strpos(%s, %s) > 0", column, word) for word in fewest_alternatives(words))
            )
            for words in alternatives
        )

    @api.model
    def _shoe_search_domain(self, search):
        """Domain of the templates matching every searched term (or a synonym, or a typo fix); TRUE if empty.

        A `like` on the search text, both sides folded in Python (accent- and case-insensitive), served by the trigram
        index. Searched words hold no LIKE wildcard. Words naming a gender filter on it; a search made of
        generic words only ("shoes", "giày") lists the shoes.
        """
        plan = plan_terms(search, self.env["shoe.search.synonym"]._get_groups())
        domain = Domain.AND(
            Domain.OR(self._shoe_text_holds(word) for word in fewest_alternatives(words))
            for words in self._shoe_search_alternatives(search)
        )
        if plan.genders:
            # "women's running shoes": the women's and the unisex ones (and those whose gender nobody set).
            domain &= Domain("shoe_gender", "in", [*plan.genders, "unisex", False])
        if plan.generic_only:
            domain &= Domain("is_shoe", "=", True)
        return domain

    @api.model
    def _shoe_text_holds(self, word):
        """Domain: the search text holds the (folded) word.

        LIKE '%word%' is what the trigram index serves (a word found in few products); strpos() before it is what a
        sequential scan evaluates first when the word is in many products ("running" in every running shoe's labels):
        it rejects a text about a third faster than LIKE, which then only confirms the texts holding the word.
        """
        return Domain.custom(
            to_sql=lambda model, alias, query: SQL(
                "(strpos(%(text)s, %(word)s) > 0 AND %(text)s LIKE %(pattern)s)",
                text=SQL.identifier(alias, "shoe_search_text"),
                word=word,
                pattern=f"%{word}%",
            )
        )

    @api.model
    def _shoe_rank_sql(self, alias, search, website):
        """ORDER BY terms of relevance: the exact name first, then the gender the search names (not unisex), then
        what can be bought on the website, then names holding all words, brands, anything else; shorter names first.
        """
        alternatives = self._shoe_search_alternatives(search)
        genders = plan_terms(search, self.env["shoe.search.synonym"]._get_groups()).genders
        name = SQL.identifier(alias, "shoe_search_name")
        brand = SQL("COALESCE(%s, '')", SQL.identifier(alias, "shoe_search_brand"))
        keys = [
            SQL(
                "CASE WHEN strpos(' | ' || %s || ' | ', %s) > 0 THEN 0 ELSE 1 END",
                name,
                f" | {' '.join(words[0] for words in alternatives)} | ",
            )
            if alternatives
            else None,
            SQL("CASE WHEN %s = ANY(%s) THEN 0 ELSE 1 END", SQL.identifier(alias, "shoe_gender"), list(genders))
            if genders
            else None,
            SQL("CASE WHEN %s THEN 0 ELSE 1 END", self._shoe_buyable_sql(alias, website)),
            SQL(
                "CASE WHEN %s THEN 1 WHEN %s THEN 2 ELSE 3 END",
                self._shoe_all_words_sql(name, alternatives),
                self._shoe_all_words_sql(brand, alternatives),
            )
            if alternatives
            else None,
            # (Trigram similarity to the names, for ties, took 40% of a broad search's time on 200,000 variants.)
            SQL("length(%s)", name),
        ]
        return SQL(", ").join(key for key in keys if key is not None)

    @api.model
    def _shoe_buyable_sql(self, alias, website):
        """SQL: the template can be bought on the website: stock not tracked, sold when out of stock, or a variant
        with unreserved stock in the website's warehouse (all of its company's warehouses when it has none).

        A ranking signal over many products at once, in SQL; the quantities shown are website_sale_stock's. The set of
        templates with free stock is one uncorrelated subquery, which PostgreSQL hashes once: a correlated EXISTS per
        row was costed so high on a large catalogue (6,000 models) that its JIT compilation took 130 ms of a 180 ms
        search.
        """
        locations = Domain("location_id.usage", "=", "internal")
        if website.warehouse_id:
            locations &= Domain("location_id.warehouse_id", "=", website.warehouse_id.id)
        else:
            locations &= Domain("location_id.warehouse_id.company_id", "=", website.company_id.id)
        Quant = self.env["stock.quant"].sudo()
        free = Quant._search(
            locations
            & Domain.custom(
                to_sql=lambda model, quant, query: SQL(
                    "%s > %s", SQL.identifier(quant, "quantity"), SQL.identifier(quant, "reserved_quantity")
                )
            )
        )
        return SQL(
            """(NOT COALESCE(%(t)s.is_storable, FALSE) OR COALESCE(%(t)s.allow_out_of_stock_order, FALSE)
                OR %(t)s.id IN (SELECT pp.product_tmpl_id FROM product_product pp WHERE pp.id IN %(free)s))""",
            t=SQL.identifier(alias),
            free=free.subselect(SQL.identifier(free.table, "product_id")),
        )

    @api.model
    def _shoe_filter_domain(self, filters):
        """Domain of the shoe filters: values of one filter are alternatives, filters combine."""
        filters = filters or {}
        domain = Domain.AND(Domain(field, "in", list(filters[field])) for field in SHOE_FILTERS if filters.get(field))
        if filters.get(SIZE_FILTER):
            ranges = filters[SIZE_FILTER]
            domain &= Domain.custom(
                to_sql=lambda model, alias, query: model._shoe_size_sql(SQL.identifier(alias, "id"), ranges)
            )
        return domain

    @api.model
    def _shoe_size_sql(self, template_id, ranges):
        """SQL: the template has a size whose foot length falls in one of the ranges (low, high] in mm."""
        return SQL(
            """EXISTS (SELECT 1 FROM product_template_attribute_value ptav
                         JOIN product_attribute_value pav ON pav.id = ptav.product_attribute_value_id
                        WHERE ptav.product_tmpl_id = %s AND ptav.ptav_active AND (%s))""",
            template_id,
            SQL(" OR ").join(
                SQL("(pav.shoe_foot_length_mm > %s AND pav.shoe_foot_length_mm <= %s)", int(low), int(high))
                for low, high in ranges
            ),
        )

    @api.model
    def _shoe_size_buckets(self, system):
        """[(size label, low, high)] of a size system on the default chart, which sized the attribute values."""
        try:
            buckets = size_buckets(system, self.env["shoe.size.chart"]._get_chart())
        except SizeError:
            return []
        return [(format_size(size), low, high) for size, low, high in buckets]

    @api.model
    def _shoe_facet_counts(self, base_domain, filters, size_system=None):
        """Per shoe filter, [(value, label, count, selected)], each count under the other filters' choices.

        With a size system, the size facet lists the sizes of that system (values and labels are size labels).
        """
        filters = filters or {}
        query = self._search(base_domain)
        table = query.table
        base = query.select(*(SQL.identifier(table, field) for field in ("id", *SHOE_FILTERS)))
        conditions = {
            field: SQL("base.%s = ANY(%s)", SQL.identifier(field), list(filters[field]))
            for field in SHOE_FILTERS
            if filters.get(field)
        }
        if filters.get(SIZE_FILTER):
            conditions[SIZE_FILTER] = self._shoe_size_sql(SQL("base.id"), filters[SIZE_FILTER])

        def others(field):
            rest = [condition for other, condition in conditions.items() if other != field]
            return SQL(" AND ").join(rest) if rest else SQL("TRUE")

        parts = [
            SQL(
                "SELECT %s, base.%s::text, count(*) FROM base WHERE base.%s IS NOT NULL AND %s GROUP BY 2",
                field,
                SQL.identifier(field),
                SQL.identifier(field),
                others(field),
            )
            for field in SHOE_FILTERS
        ]
        buckets = self._shoe_size_buckets(size_system) if size_system else []
        if buckets:
            labels, lows, highs = zip(*buckets, strict=True)
            parts.append(
                SQL(
                    """SELECT %s, b.size, count(DISTINCT base.id)
                         FROM base
                         JOIN product_template_attribute_value ptav
                           ON ptav.product_tmpl_id = base.id AND ptav.ptav_active
                         JOIN product_attribute_value pav ON pav.id = ptav.product_attribute_value_id
                         JOIN unnest(%s::text[], %s::int[], %s::int[]) AS b(size, low, high)
                           ON pav.shoe_foot_length_mm > b.low AND pav.shoe_foot_length_mm <= b.high
                        WHERE %s
                     GROUP BY 2""",
                    SIZE_FILTER,
                    list(labels),
                    list(lows),
                    list(highs),
                    others(SIZE_FILTER),
                )
            )
        rows = self.env.execute_query(SQL("WITH base AS (%s) %s", base, SQL(" UNION ALL ").join(parts)))
        counts = {field: {} for field in (*SHOE_FILTERS, SIZE_FILTER)}
        for field, value, count in rows:
            counts[field][int(value) if field == "shoe_brand_id" else value] = count
        brand_ids = list(counts["shoe_brand_id"]) + filters.get("shoe_brand_id", [])
        # One query for the names of the brands that exist (a URL may name any id).
        Brand = self.env["shoe.brand"].sudo().with_context(active_test=False)
        brands = Brand.search_fetch([("id", "in", brand_ids)], ["name"]) if brand_ids else []
        labels = {"shoe_brand_id": {brand.id: brand.name for brand in brands}}
        for field in SHOE_FILTERS[1:]:
            labels[field] = dict(self._fields[field]._description_selection(self.env))
        facets = {}
        for field in SHOE_FILTERS:
            selected = set(filters.get(field, []))
            facets[field] = [
                (value, label, counts[field].get(value, 0), value in selected)
                for value, label in sorted(labels[field].items(), key=lambda item: str(item[1]))
                if value in counts[field] or value in selected
            ]
        if buckets:
            chosen = {(int(low), int(high)) for low, high in filters.get(SIZE_FILTER, [])}
            facets[SIZE_FILTER] = [
                (label, label, counts[SIZE_FILTER].get(label, 0), (low, high) in chosen)
                for label, low, high in buckets
                if label in counts[SIZE_FILTER] or (low, high) in chosen
            ]
        return facets

    def _shoe_size_labels(self, system):
        """{size value (product.template.attribute.value) id: its label in the system, else its own name}."""
        self.ensure_one()
        product = self.sudo()
        size_line = product.attribute_line_ids.filtered("attribute_id.shoe_size_system")[:1]
        if not size_line:
            return {}
        chart = product._get_shoe_size_chart()
        from_system = size_line.attribute_id.shoe_size_system
        labels = {}
        for ptav in size_line.product_template_value_ids:
            try:
                labels[ptav.id] = format_size(
                    convert_size(ptav.product_attribute_value_id.shoe_size, from_system, system, chart)
                )
            except SizeError:
                labels[ptav.id] = ptav.name
        return labels

    def _shoe_size_rows(self, system, size_labels=None):
        """Per colour, the sizes of this shoe labelled in the visitor's system, with the variant of each.

        No stock here: the page is rendered without reading any, like Odoo's own; the stock of every size comes with
        Odoo's combination info, which the browser asks for once the page is shown (``_shoe_size_stock``).
        size_labels: the result of _shoe_size_labels for the same system, when the caller already has it.
        """
        self.ensure_one()
        product = self.sudo()
        variants = product.product_variant_ids
        size_line = product.attribute_line_ids.filtered("attribute_id.shoe_size_system")[:1]
        if not size_line or not variants:
            return []
        labels = self._shoe_size_labels(system) if size_labels is None else size_labels
        colour_line = product.attribute_line_ids.filtered(lambda line: line.attribute_id.display_type == "color")[:1]
        rows = {}
        for variant in variants:
            ptavs = variant.product_template_attribute_value_ids
            size = ptavs.filtered(lambda ptav: ptav.attribute_id == size_line.attribute_id)[:1]
            colour = ptavs.product_attribute_value_id.filtered(
                lambda value: value.attribute_id == colour_line.attribute_id
            )
            if not size:
                continue
            rows.setdefault(colour, []).append(
                {
                    "variant": variant,
                    "label": labels.get(size.id) or size.name,
                    "sort": size.product_attribute_value_id.shoe_size,
                }
            )
        return [
            {"colour": colour, "sizes": sorted(sizes, key=lambda size: size["sort"])}
            for colour, sizes in sorted(rows.items(), key=lambda item: item[0].sequence if item[0] else 0)
        ]

    def _shoe_size_stock(self, website):
        """{variant id: {"state", "qty", "note"}} for every size of this shoe, from website_sale_stock's figures."""
        self.ensure_one()
        product = self.sudo()
        variants = product.product_variant_ids
        threshold = product.available_threshold if product.is_storable else 0
        free_qty = self._shoe_free_qty(variants, website) if product.is_storable else {}
        stock = {}
        for variant in variants:
            qty = free_qty.get(variant.id, 0)
            state = stock_state(qty, threshold, product.allow_out_of_stock_order or not product.is_storable)
            if state == "few_left":
                # One translatable sentence: word order around the number differs between the shop languages.
                note = self.env._("Only %(count)s left", count=int(qty))
            else:
                note = self.env._("In stock") if state == "in_stock" else self.env._("Out of stock")
            stock[variant.id] = {"state": state, "qty": int(qty), "note": note}
        return stock

    @api.model
    def _shoe_free_qty(self, variants, website):
        """{variant id: quantity the website may sell}: website_sale_stock's own figure (free quantity in the website's
        warehouse, and whatever overrides it, e.g. checkout holds), the one its add-to-cart check uses."""
        variants = variants.sudo()
        # free_qty is computed for the whole prefetched batch at the first read: one query set for all sizes.
        return {variant.id: website._get_product_available_qty(variant) for variant in variants}

    def _get_additionnal_combination_info(self, product_or_template, quantity, uom, date, website):
        """Odoo's combination info (asked by the product page once shown) carries the stock of every size of a shoe.

        Read before website_sale_stock reads the chosen variant's: the sizes are one prefetch batch, so its figure
        comes from the same computation and the whole size grid costs what one variant's stock costs."""
        template = product_or_template
        if product_or_template.is_product_variant:
            template = product_or_template.product_tmpl_id
        size_stock = None
        if self.env.context.get("website_sale_stock_get_quantity") and template.is_shoe:
            size_stock = template._shoe_size_stock(website)
        res = super()._get_additionnal_combination_info(product_or_template, quantity, uom, date, website)
        if size_stock is not None:
            res["shoe_size_stock"] = size_stock
        return res

    def _shoe_size_advice(self, foot_mm, system):
        """(size label, None) recommended for a foot length on this brand's chart, or (None, error message)."""
        self.ensure_one()
        try:
            return self.env["shoe.size.chart"].recommend_size(foot_mm, system, self.sudo().shoe_brand_id), None
        except UserError as error:
            return None, error.args[0]

    @api.model
    def _search_get_detail(self, website, order, options):
        detail = super()._search_get_detail(website, order, options)
        detail["shoe_website_id"] = website.id
        if options.get("shoe_filters"):
            detail["base_domain"].append(self._shoe_filter_domain(options["shoe_filters"]))
        return detail

    @api.model
    def _search_fetch(self, search_detail, search, limit, order):
        if not search_terms(search):
            return super()._search_fetch(search_detail, "", limit, order)
        model = self.sudo() if search_detail.get("requires_sudo") else self
        domain = Domain.AND(search_detail["base_domain"]) & model._shoe_search_domain(search)
        query = model._search(domain)
        Website = self.env["website"]
        website = Website.browse(search_detail.get("shoe_website_id")) or Website.get_current_website()
        query.order = SQL(
            "%s, %s",
            model._shoe_rank_sql(query.table, search, website),
            model._order_to_sql(search_detail.get("order", order), query),
        )
        if limit:
            query.limit = limit
        ids = [row[0] for row in self.env.execute_query(query.select())]
        count = model.search_count(domain) if limit and len(ids) == limit else len(ids)
        return model.browse(ids), count
