from odoo import api, fields, models
from odoo.tools import SQL


class CrmCustomerTimelineEvent(models.Model):
    _inherit = "crm.customer.timeline.event"

    kind = fields.Selection(selection_add=[("loyalty", "Loyalty points"), ("tier", "Loyalty tier")])

    @api.model
    def _timeline_parts(self):
        parts = super()._timeline_parts()
        lang = self.env.lang or "en_US"
        # Points earned, used, reversed or expired: one event per line of the card's history (amount = points).
        parts[16] = SQL(
            """
            SELECT line.id AS source_id, COALESCE(line.entry_date::timestamp, line.create_date), 'loyalty',
                   COALESCE(program.name->>%(lang)s, program.name->>'en_US'), line.description, NULL,
                   NULL::integer, (COALESCE(line.issued, 0) - COALESCE(line.used, 0))::float, NULL::integer,
                   'loyalty.card', card.id, so.id, customer.commercial_partner_id, line.create_uid
              FROM loyalty_history line
              JOIN loyalty_card card ON card.id = line.card_id
              JOIN loyalty_program program ON program.id = card.program_id
              JOIN res_partner customer ON customer.id = card.partner_id
              LEFT JOIN sale_order so ON line.order_model = 'sale.order' AND so.id = line.order_id
            """,
            lang=lang,
        )
        # Tier upgrades and downgrades, with the reason the review gave.
        parts[17] = SQL(
            """
            SELECT tier_change.id AS source_id, tier_change.date::timestamp, 'tier',
                   COALESCE(tier.name->>%(lang)s, tier.name->>'en_US'), tier_change.reason, NULL, NULL::integer,
                   NULL::float, NULL::integer, 'loyalty.card', tier_change.card_id, NULL::integer,
                   customer.commercial_partner_id, tier_change.create_uid
              FROM loyalty_tier_history tier_change
              JOIN res_partner customer ON customer.id = tier_change.partner_id
              LEFT JOIN loyalty_tier tier ON tier.id = tier_change.new_tier_id
            """,
            lang=lang,
        )
        return parts
