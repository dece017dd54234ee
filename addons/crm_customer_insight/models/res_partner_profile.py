from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL, email_normalize

from ..lib.customer_search import fold_text, phone_keys, phone_search_terms

MANAGER_GROUP = "crm_customer_insight.group_customer_insight_manager"
# An order number search ("SO00") may match many orders; their first customers are enough for a search box.
ORDER_MATCH_LIMIT = 100


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited  # one file per helper (issue 12)

    # Search columns (owner: profile), folded in Python (lib.customer_search) so that the search works with or
    # without PostgreSQL's unaccent. index="trigram" makes Odoo build a GIN trigram index on unaccent(column) when the
    # database has an indexable unaccent (registry.has_unaccent), on the column otherwise: the same expression as
    # Odoo's ilike in both cases, so "%term%" searches use the index. Only the search reads them: never prefetched.
    insight_search_text = fields.Char(
        string="Customer search text",
        compute="_compute_insight_search_text",
        store=True,
        index="trigram",
        prefetch=False,
        copy=False,
    )
    insight_phone_search = fields.Char(
        string="Customer phone search keys",
        compute="_compute_insight_phone_search",
        store=True,
        index="trigram",
        prefetch=False,
        copy=False,
    )

    # Odoo keeps every partner's normalised address (mail.thread.blacklist) without an index on res.partner. A whole
    # address is searched on it (_insight_search_domain), and the one-customer-per-e-mail check reads it by value.
    email_normalized = fields.Char(index="btree_not_null")

    @api.depends("complete_name", "email", "company_name", "ref", "vat", "company_registry")
    def _compute_insight_search_text(self):
        for partner in self:
            parts = (
                partner.complete_name,
                partner.email,
                partner.company_name,
                partner.ref,
                partner.vat,
                partner.company_registry,
            )
            partner.insight_search_text = " ".join(filter(None, map(fold_text, parts))) or False

    @api.depends("phone", "country_id.phone_code")
    def _compute_insight_phone_search(self):
        calling_codes = self._insight_calling_codes()
        for partner in self:
            code = str(partner.country_id.phone_code) if partner.country_id.phone_code else None
            partner.insight_phone_search = " ".join(phone_keys(partner.phone, code, calling_codes)) or False

    @api.model
    def _search_display_name(self, operator, value):
        # The contacts search box and every many2one dropdown of customers come here. Our folded column holds all of
        # Odoo's own _rec_names_search fields, so for a plain "contains" search it replaces them: each condition
        # below then has its trigram index and PostgreSQL combines them (no sequential scan at 100,000 customers).
        if operator != "ilike" or not isinstance(value, str) or not fold_text(value):
            return super()._search_display_name(operator, value)
        return self._insight_search_domain(value)

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        # Checked on the new records, so that a blocked status coming from a default (context, copy) counts too.
        if not self._insight_may_block() and "blocked" in partners.sudo().mapped("customer_status"):
            raise self._insight_block_refused()
        if self._insight_checks_email():
            partners._check_insight_email_unique()
        return partners

    def write(self, vals):
        if "customer_status" in vals and not self._insight_may_block():
            if vals["customer_status"] == "blocked" or "blocked" in self.mapped("customer_status"):
                raise self._insight_block_refused()
        result = super().write(vals)
        if "email" in vals and self._insight_checks_email():
            self._check_insight_email_unique()
        return result

    @api.model
    def _insight_may_block(self):
        return self.env.su or self.env.user.has_group(MANAGER_GROUP)

    @api.model
    def _insight_block_refused(self):
        return AccessError(self.env._("Only a Customer Insight manager may block or unblock a customer."))

    @api.model
    def _insight_search_domain(self, term):
        """Customers whose name, company, e-mail, reference, phone (any format) or order number contain ``term``;
        those with exactly that e-mail address when the term is the whole address of a partner."""
        email = email_normalize(term)
        # Whether somebody has the address only picks the way to search (the search itself applies the user's rules):
        # asked as superuser, it costs a lookup in the btree, not the planning of an agent's record rules.
        if email and self.sudo().search_count([("email_normalized", "=", email)], limit=1):
            # The btree of the address rather than the trigrams of "%term%": an address shares the trigrams of its
            # domain with every customer of that domain (about 1,000 index pages read at 100,000 customers). A part
            # of an address ("nguyen@", "@example.vn") or one nobody has is looked for as a substring, as any term.
            return Domain("email_normalized", "=", email)
        domain = Domain("insight_search_text", "ilike", fold_text(term))
        for phone in phone_search_terms(term, self._insight_calling_codes()):
            domain |= Domain("insight_phone_search", "ilike", phone)
        if any(char.isdigit() for char in term) and self.env["sale.order"].has_access("read"):
            # The orders' customers by id rather than a subquery, so that PostgreSQL can still OR the partner
            # conditions with their indexes. One query: the orders the user may read (their rules) on the orders'
            # trigram index, with their customers and commercial partners. Reading those through the ORM cost a
            # second query, which fetched every column of the partners under the user's rules (10 ms of an agent's
            # 60 ms at 100,000 customers). Which of them the user may see is decided by the partner search itself.
            orders = self.env["sale.order"]._search([("name", "ilike", term.strip())], limit=ORDER_MATCH_LIMIT)
            self.env["sale.order"].flush_model(["partner_id"])
            self.flush_model(["commercial_partner_id"])
            rows = self.env.execute_query(
                SQL(
                    "SELECT p.id, p.commercial_partner_id FROM res_partner p WHERE p.id IN %s",
                    orders.subselect(SQL.identifier(orders.table, "partner_id")),
                )
            )
            customer_ids = {partner_id for row in rows for partner_id in row if partner_id}
            if customer_ids:
                domain |= Domain("id", "in", sorted(customer_ids))
        return domain

    @api.model
    def _insight_calling_codes(self):
        """Every country calling code known to Odoo ("84", "351"), to split international numbers."""
        rows = self.env.execute_query(SQL("SELECT DISTINCT phone_code FROM res_country WHERE phone_code > 0"))
        return frozenset(str(code) for (code,) in rows)

    def _check_insight_email_unique(self):
        """Refuse a customer whose e-mail another customer already uses, naming that customer and the merge path."""
        customers_by_email = self._insight_customers_by_email()
        for partner in self:
            customers = customers_by_email.get(partner.email_normalized, [])
            others = [name for customer_id, name in customers if customer_id != partner.id]
            if others and len(others) < len(customers):  # the partner is a customer, and not the only one
                raise ValidationError(
                    self.env._(
                        "The e-mail %(email)s is already used by the customer %(other)s. Open that customer "
                        "instead, or merge the two: select both in Contacts, then Actions > Merge.",
                        email=partner.email_normalized,
                        other=others[0],
                    )
                )

    def _insight_customers_by_email(self):
        """{normalised e-mail: [(id, name)] of the customers using it} for these partners' e-mails, in one query.

        A customer is an active commercial partner (a company, or a person without a company) with a customer rank
        or an order.
        """
        emails = list({email for email in self.mapped("email_normalized") if email})
        if not emails:
            return {}
        self.flush_model(["email_normalized", "customer_rank", "parent_id", "is_company", "active", "complete_name"])
        self.env["sale.order"].flush_model(["partner_id"])
        rows = self.env.execute_query(
            SQL(
                """SELECT p.id, p.email_normalized, p.complete_name
                 FROM res_partner p
                WHERE p.email_normalized = ANY(%(emails)s) AND p.active
                  AND (p.parent_id IS NULL OR p.is_company)
                  AND (p.customer_rank > 0 OR EXISTS (SELECT FROM sale_order o WHERE o.partner_id = p.id))
             ORDER BY p.id""",
                emails=emails,
            )
        )
        customers_by_email = defaultdict(list)
        for partner_id, email, name in rows:
            customers_by_email[email].append((partner_id, name))
        return customers_by_email

    def _insight_checks_email(self):
        # Not an @api.constrains: Odoo runs those as superuser, and the rule depends on who writes. It guards what
        # staff and integrations create or edit (backend, import, XML-RPC/JSON-2). The website's guest checkout
        # writes addresses as superuser, and on purpose makes a new contact for a guest who types a known e-mail
        # (reusing the customer would show their addresses to whoever types it); staff merge the two afterwards.
        return not self.env.su
