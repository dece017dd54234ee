import logging

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL

from odoo.addons.product_shoe.lib.sizes import SizeError, convert_size, format_size

from ..lib.search_text import (
    MIN_TYPO_TERM_LENGTH,
    dictionary_words,
    expand_terms,
    is_one_typo_away,
    join_fields,
    normalize,
    search_terms,
)
from ..lib.size_system import stock_state

_logger = logging.getLogger(__name__)

SEARCH_INDEX = "product_template_shoe_search_text_trgm_idx"
# Dictionary of the catalogue's words (letters only), which a searched word with a typo is corrected towards.
WORD_TABLE = "shoe_search_word"
# Trigram similarity under which a word is not even a typo candidate: a swap of two letters in a short word
# ("giya" / "giay") scores 0.25; the exact one-typo check in Python then decides.
TYPO_CANDIDATE_SIMILARITY = 0.2
ALTERNATIVES_CACHE_KEY = "website_sale_shoe.alternatives"
SHOE_FILTERS = ("shoe_brand_id", "shoe_gender", "shoe_width", "shoe_category")


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

    def _shoe_create_extensions(self):
        cr = self.env.cr
        for extension in ("unaccent", "pg_trgm"):
            cr.execute("SELECT 1 FROM pg_extension WHERE extname = %s", [extension])
            if cr.fetchone():
                continue
            try:
                with cr.savepoint(flush=False):
                    cr.execute(SQL("CREATE EXTENSION IF NOT EXISTS %s", SQL.identifier(extension)))
                _logger.info("website_sale_shoe: created the PostgreSQL extension %s for the shop search.", extension)
            except psycopg2.Error as error:
                _logger.info(
                    "website_sale_shoe: the database user may not create the PostgreSQL extension %s (%s). The shop "
                    "search still works, more slowly; ask the database administrator to run "
                    "'CREATE EXTENSION %s;' in this database, then update the module.",
                    extension,
                    error.pgerror and error.pgerror.strip(),
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
        # The extension's unaccent() is only STABLE, and Odoo indexes it only when IMMUTABLE
        # (odoo.modules.db.has_unaccent): website_sale's trigram indexes otherwise fail to build once it exists.
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
            _logger.info(
                "website_sale_shoe: could not mark %s IMMUTABLE (%s); ask the database administrator to run "
                "'ALTER FUNCTION %s IMMUTABLE;'.",
                row[0],
                error.pgerror and error.pgerror.strip(),
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
            others = [template.shoe_brand_id.name, template.default_code]
            others += template.product_variant_ids.mapped("default_code")
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
        """Per searched word, the folded words that may match it: itself, its synonyms, its one-typo corrections."""
        terms = search_terms(search)
        groups = self.env["shoe.search.synonym"]._get_groups()
        known = self.env.cr.cache.setdefault(ALTERNATIVES_CACHE_KEY, {})
        key = (tuple(terms), groups)
        if key not in known:
            alternatives = expand_terms(terms, groups)
            for index, corrections in self._shoe_typo_corrections(terms).items():
                extra = [word for group in expand_terms(corrections, groups) for word in group]
                alternatives[index] += tuple(word for word in dict.fromkeys(extra) if word not in alternatives[index])
            known[key] = alternatives
        return known[key]

    @api.model
    def _shoe_typo_corrections(self, terms):
        """{index of a term: catalogue words one typo away} for the long enough terms found in no word."""
        candidates = [term for term in terms if len(term) >= MIN_TYPO_TERM_LENGTH]
        if not candidates or not self._shoe_has_extension("pg_trgm"):
            return {}
        rows = self.env.execute_query(
            SQL(
                """SELECT t.term,
                          EXISTS (SELECT 1 FROM %(words)s w WHERE w.word LIKE '%%' || t.term || '%%'),
                          ARRAY(SELECT w.word FROM %(words)s w
                                 WHERE similarity(w.word, t.term) >= %(floor)s
                              ORDER BY similarity(w.word, t.term) DESC LIMIT 20)
                     FROM (SELECT %(fold)s AS term FROM unnest(%(terms)s::text[]) AS u(term)) t""",
                words=SQL.identifier(WORD_TABLE),
                floor=TYPO_CANDIDATE_SIMILARITY,
                fold=self._shoe_fold_sql(SQL("u.term")),
                terms=candidates,
            )
        )
        corrections = {}
        for term, (_folded, exists, words) in zip(candidates, rows, strict=True):
            typo_fixes = [word for word in words if is_one_typo_away(term, word)]
            if not exists and typo_fixes:
                corrections[terms.index(term)] = typo_fixes
        return corrections

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
        # Ties are broken on the (short) names only: similarity over the long search texts costs more than the search.
        closeness = (
            SQL(", word_similarity(%s, %s) DESC", phrase, name) if self._shoe_has_extension("pg_trgm") else SQL()
        )
        return SQL(
            """CASE WHEN ' | ' || %s || ' | ' LIKE '%% | ' || %s || ' | %%' THEN 0
                    WHEN %s THEN 1
                    WHEN %s THEN 2
                    ELSE 3 END%s""",
            name,
            phrase,
            self._shoe_all_words_sql(name, alternatives),
            self._shoe_all_words_sql(brand, alternatives),
            closeness,
        )

    @api.model
    def _shoe_filter_domain(self, filters):
        """Domain of the shoe filters: values of one filter are alternatives, filters combine."""
        return Domain.AND(Domain(field, "in", list(values)) for field, values in (filters or {}).items() if values)

    @api.model
    def _shoe_facet_counts(self, base_domain, filters):
        """Per shoe filter, [(value, label, count, selected)], each count under the other filters' choices."""
        query = self._search(base_domain)
        base = query.select(*(SQL.identifier(query.table, field) for field in SHOE_FILTERS))
        parts = []
        for field in SHOE_FILTERS:
            others = [
                SQL("%s = ANY(%s)", SQL.identifier(other), list(filters[other]))
                for other in SHOE_FILTERS
                if other != field and filters.get(other)
            ]
            parts.append(
                SQL(
                    "SELECT %s, %s::text, count(*) FROM base WHERE %s IS NOT NULL AND %s GROUP BY 2",
                    field,
                    SQL.identifier(field),
                    SQL.identifier(field),
                    SQL(" AND ").join(others) if others else SQL("TRUE"),
                )
            )
        rows = self.env.execute_query(SQL("WITH base AS (%s) %s", base, SQL(" UNION ALL ").join(parts)))
        counts = {field: {} for field in SHOE_FILTERS}
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
        return facets

    def _shoe_size_rows(self, website, system):
        """Per colour, the sizes of this shoe labelled in the visitor's system, with their stock state."""
        self.ensure_one()
        product = self.sudo()
        chart = product._get_shoe_size_chart()
        variants = product.product_variant_ids
        size_line = product.attribute_line_ids.filtered("attribute_id.shoe_size_system")[:1]
        if not size_line or not variants:
            return []
        from_system = size_line.attribute_id.shoe_size_system
        colour_line = product.attribute_line_ids.filtered(lambda line: line.attribute_id.display_type == "color")[:1]
        threshold = product.available_threshold if product.is_storable else 0
        free_qty = self._shoe_free_qty(variants, website) if product.is_storable else {}
        rows = {}
        for variant in variants:
            values = variant.product_template_attribute_value_ids.product_attribute_value_id
            size = values.filtered(lambda value: value.attribute_id == size_line.attribute_id)
            colour = values.filtered(lambda value: value.attribute_id == colour_line.attribute_id)
            if not size:
                continue
            try:
                label = format_size(convert_size(size.shoe_size, from_system, system, chart))
            except SizeError:
                label = size.name
            qty = free_qty.get(variant.id, 0)
            state = stock_state(qty, threshold, product.allow_out_of_stock_order or not product.is_storable)
            rows.setdefault(colour, []).append(
                {"variant": variant, "label": label, "sort": size.shoe_size, "state": state, "qty": int(qty)}
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
