from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL

from .res_partner import INSIGHT_STAFF_GROUPS

# Set by res.partner._search on a customer search (see there).
CUSTOMER_SEARCH_CONTEXT = "insight_customer_search"


def is_customer_search(domain):
    """Whether ``domain`` looks partners up by a typed term ("display_name ilike ..."), as the contacts search box
    and the customer dropdowns do."""
    if not domain:
        return False
    return any(
        condition.field_expr == "display_name" and condition.operator == "ilike" and isinstance(condition.value, str)
        for condition in Domain(domain).iter_conditions()
    )


# The Customer Insight helpers each keep their res.partner additions in their own file (the issue 12 contract).
class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    # Every partner query of an agent filters on the salesperson of the commercial partner (the rules of
    # security/crm_customer_insight_rules.xml); Odoo does not index it. Most contacts have none: btree_not_null.
    user_id = fields.Many2one(index="btree_not_null")

    # Only for the agent's record rule (security/crm_customer_insight_rules.xml): the partners following or writing
    # on the documents of the agent's customers (their contact, their orders, opportunities assigned to the agent).
    # The chatter of those documents reads these partners as the agent, even when they are another agent's customers.
    # An integer only so that the domain carries a user id (``('insight_in_threads_of_user', '=', user.id)``).
    insight_in_threads_of_user = fields.Integer(
        string="Follows or wrote on a document of the customers of user",
        compute="_compute_insight_in_threads_of_user",
        search="_search_insight_in_threads_of_user",
        groups=INSIGHT_STAFF_GROUPS,
    )

    @api.depends_context("uid")
    def _compute_insight_in_threads_of_user(self):
        # The ORM checks the access to records it already holds in memory (filtered_domain over the rule's domain),
        # so the value must answer the rule too: the current user's id on the partners of their threads, else 0.
        user_id = self.env.uid
        partner_ids = [partner_id for partner_id in self.ids if isinstance(partner_id, int)]
        inside = set(self.sudo().with_context(active_test=False).search(
            [("id", "in", partner_ids), ("insight_in_threads_of_user", "=", user_id)]
        ).ids)
        for partner in self:
            partner.insight_in_threads_of_user = user_id if partner.id in inside else 0

    @api.model
    def _search(self, domain, *args, **kwargs):
        # A customer search (the contacts search box, a customer dropdown: "display_name ilike") looks for the
        # customers the user works, not for the partners an agent may read only because they follow or wrote on one
        # of the agent's documents (the thread rule below): those show in that document's chatter, and the search
        # skips the rule's six correlated EXISTS per partner, planned and run for every match (half an agent's
        # search time at 100,000 customers). The flag reaches the rule's search method through the sudo model that
        # turns the rules into SQL (it keeps the context). It only ever narrows what a search returns.
        if not self.env.su and not self.env.context.get(CUSTOMER_SEARCH_CONTEXT) and is_customer_search(domain):
            return super(ResPartner, self.with_context(**{CUSTOMER_SEARCH_CONTEXT: True}))._search(
                domain, *args, **kwargs
            )
        return super()._search(domain, *args, **kwargs)

    def _search_insight_in_threads_of_user(self, operator, value):
        """``('insight_in_threads_of_user', '=', user_id)``: followers and authors of messages of the documents of
        the customers assigned to that user (their contacts, their orders, the opportunities assigned to the user).

        The condition is correlated on the partner (``EXISTS`` on ``mail_followers.partner_id`` and
        ``mail_message.author_id``, both indexed), so that a search reading a few partners checks those few instead
        of collecting every follower and author of the user's documents first (a sequential scan of mail_message,
        0.85 s at 100,000 customers). Followers are one ``EXISTS`` per kind of document, a plain join PostgreSQL may
        also turn into one hashed set of the documents' followers when the query reads most partners (a whole
        list and its count). Messages are always reached from their author: a handful of internal users write most
        messages, so the planner expects each partner to have written thousands and would walk all the user's
        documents for each partner instead."""
        user_ids = [value] if operator == "=" else list(value) if operator == "in" else []
        if len(user_ids) != 1 or not isinstance(user_ids[0], int):
            return NotImplemented
        user_id = user_ids[0]
        if self.env.context.get(CUSTOMER_SEARCH_CONTEXT):
            return Domain.FALSE
        # (model, the document table as "document" with what leads to its customer, the user's documents)
        documents = (
            (
                "res.partner",
                SQL("res_partner document JOIN res_partner customer ON customer.id = document.commercial_partner_id"),
                SQL("customer.user_id = %s", user_id),
            ),
            (
                "sale.order",
                SQL("""sale_order document
                       JOIN res_partner contact ON contact.id = document.partner_id
                       JOIN res_partner customer ON customer.id = contact.commercial_partner_id"""),
                SQL("customer.user_id = %s", user_id),
            ),
            ("crm.lead", SQL("crm_lead document"), SQL("document.user_id = %s", user_id)),
        )

        def to_sql(_model, alias, _query):
            partner_id = SQL.identifier(alias, "id")
            follows = SQL(" OR ").join(
                SQL(
                    """EXISTS (SELECT FROM mail_followers follower, %(table)s
                                WHERE follower.partner_id = %(partner_id)s AND follower.res_model = %(model)s
                                  AND document.id = follower.res_id AND %(owned)s)""",
                    table=table, partner_id=partner_id, model=document_model, owned=owned,
                )
                for document_model, table, owned in documents
            )
            wrote_on = SQL(" OR ").join(
                SQL(
                    """(message.model = %(model)s AND EXISTS (SELECT FROM %(table)s
                                                               WHERE document.id = message.res_id AND %(owned)s))""",
                    table=table, model=document_model, owned=owned,
                )
                for document_model, table, owned in documents
            )
            return SQL(
                """(%(follows)s OR EXISTS (SELECT FROM mail_message message
                                            WHERE message.author_id = %(partner_id)s AND (%(wrote_on)s)))""",
                follows=follows, partner_id=partner_id, wrote_on=wrote_on,
            )

        return Domain.custom(to_sql=to_sql)
