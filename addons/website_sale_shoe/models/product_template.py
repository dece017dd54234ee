import logging

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL

from odoo.addons.product_shoe.lib.sizes import SizeError, convert_size, format_size, size_buckets

from ..lib.search_text import (
    MIN_TYPO_TERM_LENGTH,
    dictionary_words,
    distinct_words,
    expand_terms,
    is_one_typo_away,
    join_fields,
    normalize,
    prunable_words,
    prune_alternatives,
    search_terms,
)
from ..lib.size_system import stock_state

_logger = logging.getLogger(__name__)

SEARCH_INDEX = "product_template_shoe_search_text_trgm_idx"
SEARCH_EXTENSIONS = ("unaccent", "pg_trgm")
# Dictionary of the catalogue's words (letters only), which a searched word with a typo is corrected towards.
WORD_TABLE = "shoe_search_word"
# Trigram similarity under which a word is not even a typo candidate: a swap of two letters in a short word
# ("giya" / "giay") scores 0.25; the exact one-typo check in Python then decides.
TYPO_CANDIDATE_SIMILARITY = 0.2
ALTERNATIVES_CACHE_KEY = "website_sale_shoe.alternatives"
SHOE_FILTERS = ("shoe_brand_id", "shoe_gender", "shoe_width", "shoe_category")
# Key of the size filter in the shoe filters: its values are foot length ranges (low, high] in mm, so that a size
# chosen in one system finds the shoes sized in any other.
SIZE_FILTER = "shoe_size"


class ProductTemplate(models.Model):
    _inherit = "product.template"

    # Search texts are folded (no accents, lower case) and hold every installed language; never prefetched
    # because only the search SQL reads them.
    shoe_search_text = fields.Text(compute="_compute_shoe_search_text", store=True, prefetch=False, copy=False)
    shoe_search_name = fields.Text(compute="_compute_shoe_search_text", store=True, prefetch=False, copy=False)
    shoe_search_brand = fields.Char(compute="_compute_shoe_search_text", store=True, prefetch=False, copy=False)

    def init(self):
        res = super().init()
        self._shoe_create_extensions()
        self._shoe_make_unaccent_indexable()
        self.env.registry._shoe_extensions = {}
        self._shoe_create_search_storage()
        return res

    def _shoe_missing_extensions(self):
        """Names of the PostgreSQL extensions of the shop search that the database does not have yet."""
        self.env.cr.execute(SQL("SELECT extname FROM pg_extension WHERE extname = ANY(%s)", list(SEARCH_EXTENSIONS)))
        present = {row[0] for row in self.env.cr.fetchall()}
        return [name for name in SEARCH_EXTENSIONS if name not in present]

    def _shoe_create_extensions(self):
        cr = self.env.cr
        for extension in self._shoe_missing_extensions():
            try:
                with cr.savepoint(flush=False):
                    cr.execute(SQL("CREATE EXTENSION IF NOT EXISTS %s", SQL.identifier(extension)))
                _logger.info("website_sale_shoe: created the PostgreSQL extension %s for the shop search.", extension)
            except psycopg2.Error as error:
                # A warning: the shop works, but slower and without typo tolerance until an administrator acts.
                _logger.warning(
                    "website_sale_shoe: the database user may not create the PostgreSQL extension %s (%s). The shop "
                    "search still works, more slowly; ask the database administrator to run "
                    "'CREATE EXTENSION %s;' in this database, then update the module.",
                    extension,
                    (error.pgerror or str(error)).strip(),
                    extension,
                )

    def _shoe_create_search_storage(self):
        cr = self.env.cr
        cr.execute(SQL("CREATE TABLE IF NOT EXISTS %s (word varchar PRIMARY KEY)", SQL.identifier(WORD_TABLE)))
        cr.execute(
            SQL(
                """INSERT INTO %s (word)
                   SELECT DISTINCT w FROM product_template, regexp_split_to_table(shoe_search_text, '[^[:alpha:]]+') w
                    WHERE length(w) >= 3
                   ON CONFLICT DO NOTHING""",
                SQL.identifier(WORD_TABLE),
            )
        )
        if self._shoe_has_extension("pg_trgm"):
            cr.execute(
                SQL(
                    "CREATE INDEX IF NOT EXISTS %s ON product_template USING gin (shoe_search_text gin_trgm_ops)",
                    SQL.identifier(SEARCH_INDEX),
                )
            )

    def _shoe_make_unaccent_indexable(self):
        # The extension's unaccent() is only STABLE, but once it exists website_sale's own trigram indexes are built
        # over unaccent() (registry.has_unaccent) and fail unless it is IMMUTABLE. Odoo itself makes this ALTER when
        # it creates a database with --unaccent (odoo.service.db); our own index needs none (stored folded text).
        cr = self.env.cr
        cr.execute(
            """SELECT p.oid::regprocedure::text FROM pg_proc p
                WHERE p.proname = 'unaccent' AND p.pronamespace = current_schema::regnamespace
                  AND p.pronargs = 1 AND p.provolatile != 'i'"""
        )
        row = cr.fetchone()
        if not row:
            return
        try:
            with cr.savepoint(flush=False):
                cr.execute(SQL("ALTER FUNCTION %s IMMUTABLE", SQL(row[0])))
            _logger.info("website_sale_shoe: marked %s IMMUTABLE so that Odoo can index accent-free text.", row[0])
        except psycopg2.Error as error:
            _logger.warning(
                "website_sale_shoe: could not mark %s IMMUTABLE (%s); ask the database administrator to run "
                "'ALTER FUNCTION %s IMMUTABLE;'.",
                row[0],
                (error.pgerror or str(error)).strip(),
                row[0],
            )

    def _shoe_has_extension(self, name):
        """Whether the database has a PostgreSQL extension, asked once per registry."""
        known = self.env.registry.__dict__.setdefault("_shoe_extensions", {})
        if name not in known:
            self.env.cr.execute("SELECT 1 FROM pg_extension WHERE extname = %s", [name])
            known[name] = bool(self.env.cr.fetchone())
        return known[name]

    def _shoe_fold_sql(self, expression):
        """SQL folding the same way as the stored texts: PostgreSQL's unaccent when the database has it."""
        return SQL("unaccent(%s)", expression) if self._shoe_has_extension("unaccent") else expression

    @api.depends(
        "name",
        "default_code",
        "product_variant_ids.default_code",
        "shoe_brand_id.name",
        "shoe_category",
        "attribute_line_ids.value_ids.name",
        "public_categ_ids.name",
    )
    def _compute_shoe_search_text(self):
        langs = [code for code, _name in self.env["res.lang"].get_installed()]
        category_labels = {
            lang: dict(self._fields["shoe_category"]._description_selection(self.env(context={"lang": lang})))
            for lang in langs
        }
        rows = []
        for template in self:
            names = [template.with_context(lang=lang).name for lang in langs]
            # Variant SKUs repeat their prefix, colour and size words: each word once keeps every searched word
            # findable (words are matched one by one) in a text several times shorter to scan.
            others = [template.shoe_brand_id.name, template.default_code]
            others.append(distinct_words(template.product_variant_ids.mapped("default_code")))
            for lang in langs:
                localized = template.with_context(lang=lang)
                others.append(category_labels[lang].get(template.shoe_category))
                others += localized.attribute_line_ids.value_ids.mapped("name")
                others += localized.public_categ_ids.mapped("name")
            rows.append((join_fields(names), normalize(template.shoe_brand_id.name), join_fields(names + others)))
        if rows and self._shoe_has_extension("unaccent"):
            # Same folding as the query side: unaccent knows letters (ligatures, Vietnamese) Python leaves alone.
            flat = [text for row in rows for text in row]
            self.env.cr.execute(
                SQL("SELECT unaccent(t) FROM unnest(%s::text[]) WITH ORDINALITY AS u(t, n) ORDER BY n", flat)
            )
            folded = [row[0] for row in self.env.cr.fetchall()]
            rows = [tuple(folded[i : i + 3]) for i in range(0, len(folded), 3)]
        words = set()
        for template, (name, brand, text) in zip(self, rows, strict=True):
            template.shoe_search_name = name
            template.shoe_search_brand = brand
            template.shoe_search_text = text
            words |= dictionary_words(text)
        if words:
            self.env.cr.execute(
                SQL(
                    "INSERT INTO %s (word) SELECT unnest(%s::varchar[]) ON CONFLICT DO NOTHING",
                    SQL.identifier(WORD_TABLE),
                    sorted(words),
                )
            )
            self.env.cr.cache.pop(ALTERNATIVES_CACHE_KEY, None)

    @api.model
    def _shoe_search_alternatives(self, search):
        """Per searched word, the folded words that may match it: itself, its synonyms, its one-typo corrections.

        Alternatives holding a word that no catalogue word contains are left out: each one costs a LIKE per product,
        and a broad typo (its synonyms, its corrections) would otherwise scan the whole catalogue several times.
        """
        terms = search_terms(search)
        groups = self.env["shoe.search.synonym"]._get_groups()
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

        Typos are corrected for the long enough terms found in no catalogue word.
        """
        candidates = [term for term in terms if len(term) >= MIN_TYPO_TERM_LENGTH]
        if not self._shoe_has_extension("pg_trgm"):
            candidates = []
        checked = list(dict.fromkeys([*words, *candidates]))
        if not checked:
            return set(), {}
        similar = (
            SQL(
                """ARRAY(SELECT w.word FROM %s w WHERE t.typo AND similarity(w.word, t.term) >= %s
                          ORDER BY similarity(w.word, t.term) DESC LIMIT 20)""",
                SQL.identifier(WORD_TABLE),
                TYPO_CANDIDATE_SIMILARITY,
            )
            if candidates
            else SQL("ARRAY[]::varchar[]")
        )
        rows = self.env.execute_query(
            SQL(
                """SELECT EXISTS (SELECT 1 FROM %(words)s w WHERE w.word LIKE '%%' || t.term || '%%'), %(similar)s
                     FROM (SELECT %(fold)s AS term, u.typo, u.n
                             FROM unnest(%(terms)s::text[], %(typos)s::bool[]) WITH ORDINALITY AS u(term, typo, n)) t
                 ORDER BY t.n""",
                words=SQL.identifier(WORD_TABLE),
                similar=similar,
                fold=self._shoe_fold_sql(SQL("u.term")),
                terms=checked,
                typos=[word in candidates for word in checked],
            )
        )
        found = dict(zip(checked, rows, strict=True))
        absent = {word for word in words if not found[word][0]}
        corrections = {}
        for term in candidates:
            exists, similar_words = found[term]
            typo_fixes = [word for word in similar_words if is_one_typo_away(term, word)]
            if not exists and typo_fixes:
                corrections[terms.index(term)] = typo_fixes
        return absent, corrections

    @api.model
    def _shoe_all_words_sql(self, column, alternatives):
        """SQL: the column holds every searched word, as itself or one of its alternatives."""
        return SQL(" AND ").join(
            SQL(
                "(%s)",
                SQL(" OR ").join(
                    SQL("%s LIKE '%%' || %s || '%%'", column, self._shoe_fold_sql(SQL("%s", word))) for word in words
                ),
            )
            for words in alternatives
        )

    @api.model
    def _shoe_search_domain(self, search):
        """Domain of the templates matching every searched word (or a synonym, or a typo fix); TRUE if empty."""
        alternatives = self._shoe_search_alternatives(search)
        if not alternatives:
            return Domain.TRUE
        return Domain.custom(
            to_sql=lambda model, alias, query: model._shoe_all_words_sql(
                SQL.identifier(alias, "shoe_search_text"), alternatives
            )
        )

    @api.model
    def _shoe_rank_sql(self, alias, search):
        """ORDER BY terms of relevance: exact name, name holding all words, brand, anything else."""
        alternatives = self._shoe_search_alternatives(search)
        phrase = self._shoe_fold_sql(SQL("%s", " ".join(words[0] for words in alternatives)))
        name = SQL.identifier(alias, "shoe_search_name")
        brand = SQL("COALESCE(%s, '')", SQL.identifier(alias, "shoe_search_brand"))
        # Within a rank, shorter names hold fewer words beside the searched ones. (Trigram similarity to the names
        # took 40% of a broad search's time on a 200,000-variant catalogue.)
        return SQL(
            """CASE WHEN ' | ' || %s || ' | ' LIKE '%% | ' || %s || ' | %%' THEN 0
                    WHEN %s THEN 1
                    WHEN %s THEN 2
                    ELSE 3 END, length(%s)""",
            name,
            phrase,
            self._shoe_all_words_sql(name, alternatives),
            self._shoe_all_words_sql(brand, alternatives),
            name,
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
        brands = self.env["shoe.brand"].sudo().browse(list(counts["shoe_brand_id"]) + filters.get("shoe_brand_id", []))
        labels = {"shoe_brand_id": {brand.id: brand.name for brand in brands.exists()}}
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

    def _shoe_size_rows(self, website, system, size_labels=None):
        """Per colour, the sizes of this shoe labelled in the visitor's system, with their stock state.

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
        threshold = product.available_threshold if product.is_storable else 0
        free_qty = self._shoe_free_qty(variants, website) if product.is_storable else {}
        rows = {}
        for variant in variants:
            ptavs = variant.product_template_attribute_value_ids
            size = ptavs.filtered(lambda ptav: ptav.attribute_id == size_line.attribute_id)[:1]
            colour = ptavs.product_attribute_value_id.filtered(
                lambda value: value.attribute_id == colour_line.attribute_id
            )
            if not size:
                continue
            qty = free_qty.get(variant.id, 0)
            state = stock_state(qty, threshold, product.allow_out_of_stock_order or not product.is_storable)
            # One translatable sentence: word order around the number differs between the shop languages.
            note = self.env._("Only %(count)s left", count=int(qty)) if state == "few_left" else ""
            rows.setdefault(colour, []).append(
                {
                    "variant": variant,
                    "label": labels.get(size.id) or size.name,
                    "sort": size.product_attribute_value_id.shoe_size,
                    "state": state,
                    "qty": int(qty),
                    "stock_note": note,
                }
            )
        return [
            {"colour": colour, "sizes": sorted(sizes, key=lambda size: size["sort"])}
            for colour, sizes in sorted(rows.items(), key=lambda item: item[0].sequence if item[0] else 0)
        ]

    @api.model
    def _shoe_free_qty(self, variants, website):
        """{variant id: on hand minus reserved} in the website's warehouse, in one query for all sizes."""
        domain = Domain("product_id", "in", variants.ids) & Domain("location_id.usage", "=", "internal")
        if website.warehouse_id:
            domain &= Domain("location_id", "child_of", website.warehouse_id.view_location_id.id)
        else:
            domain &= Domain("company_id", "=", website.company_id.id)
        groups = (
            self.env["stock.quant"]
            .sudo()
            ._read_group(domain, ["product_id"], ["quantity:sum", "reserved_quantity:sum"])
        )
        return {product.id: quantity - reserved for product, quantity, reserved in groups}

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
        query.order = SQL(
            "%s, %s",
            model._shoe_rank_sql(query.table, search),
            model._order_to_sql(search_detail.get("order", order), query),
        )
        if limit:
            query.limit = limit
        ids = [row[0] for row in self.env.execute_query(query.select())]
        count = model.search_count(domain) if limit and len(ids) == limit else len(ids)
        return model.browse(ids), count
