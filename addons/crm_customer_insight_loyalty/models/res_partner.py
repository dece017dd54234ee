from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _insight_privacy_export_sections(self):
        sections = super()._insight_privacy_export_sections()
        people = self._insight_privacy_people()
        cards = (
            self.env["loyalty.card"].sudo().with_context(active_test=False).search([("partner_id", "in", people.ids)])
        )
        tier_changes = self.env["loyalty.tier.history"].sudo().search([("card_id", "in", cards.ids)], order="date, id")
        sections["loyalty_cards"] = self._insight_privacy_rows(
            cards, ("program_id", "partner_id", "code", "points", "tier_id", "tier_since", "expiration_date")
        )
        sections["loyalty_history"] = self._insight_privacy_rows(
            cards.history_ids.sorted(lambda line: (line.entry_date or line.create_date.date(), line.id)),
            (
                "card_id",
                "entry_date",
                "entry_kind",
                "description",
                "issued",
                "used",
                "expiry_date",
                "order_model",
                "order_id",
            ),
        )
        sections["loyalty_tiers"] = self._insight_privacy_rows(
            tier_changes, ("card_id", "date", "old_tier_id", "new_tier_id", "direction", "reason")
        )
        return sections

    def _insight_privacy_erase_values(self):
        # The birth date drives the birthday perks; it identifies the person, so it goes with the rest.
        return dict(super()._insight_privacy_erase_values(), birthdate_date=False)
