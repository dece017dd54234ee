from odoo import api, fields, models
from odoo.tools import SQL


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

    def _search_insight_in_threads_of_user(self, operator, value):
        """``('insight_in_threads_of_user', '=', user_id)``: followers and authors of messages of the documents of
        the customers assigned to that user, as one sub-query (mail_followers and mail_message are indexed on the
        document)."""
        user_ids = [value] if operator == "=" else list(value) if operator == "in" else []
        if len(user_ids) != 1 or not isinstance(user_ids[0], int):
            return NotImplemented
        documents = SQL(
            """
            SELECT 'res.partner' AS model, contact.id AS res_id
              FROM res_partner contact
              JOIN res_partner customer ON customer.id = contact.commercial_partner_id
             WHERE customer.user_id = %(user_id)s
             UNION ALL
            SELECT 'sale.order', so.id
              FROM sale_order so
              JOIN res_partner contact ON contact.id = so.partner_id
              JOIN res_partner customer ON customer.id = contact.commercial_partner_id
             WHERE customer.user_id = %(user_id)s
             UNION ALL
            SELECT 'crm.lead', lead.id FROM crm_lead lead WHERE lead.user_id = %(user_id)s
            """,
            user_id=user_ids[0],
        )
        return [("id", "in", SQL(
            """
            SELECT follower.partner_id
              FROM mail_followers follower
              JOIN (%(documents)s) document
                ON document.model = follower.res_model AND document.res_id = follower.res_id
             UNION
            SELECT message.author_id
              FROM mail_message message
              JOIN (%(documents)s) document
                ON document.model = message.model AND document.res_id = message.res_id
             WHERE message.author_id IS NOT NULL
            """,
            documents=documents,
        ))]
