from datetime import timedelta

from werkzeug.exceptions import NotFound

from odoo.http import request, route

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.addons.website_sale_loyalty.controllers.portal import CustomerPortalLoyalty

HISTORY_ON_SUMMARY = 8
HISTORY_PER_PAGE = 20
# Points expiring within this many days are highlighted when the program sets no reminder delay.
EXPIRY_SOON_DAYS = 30


class LoyaltyTierPortal(CustomerPortal):
    """The customer's loyalty page: tier, progress to the next tier, balance, history with expiry, usable rewards.

    Cards are found for the signed-in user only (their own and their company's, as the portal shows orders) and read
    with sudo after that check: portal users have no access to loyalty models at all."""

    def _loyalty_tier_card_domain(self):
        partner = request.env.user.partner_id
        return [
            ("partner_id", "in", (partner | partner.commercial_partner_id).ids),
            ("program_id.program_type", "=", "loyalty"),
            ("program_id.active", "=", True),
            ("active", "=", True),
        ]

    def _loyalty_tier_cards(self):
        return request.env["loyalty.card"].sudo().search(self._loyalty_tier_card_domain(), order="id")

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "loyalty_tier_card_count" in counters:
            values["loyalty_tier_card_count"] = (
                request.env["loyalty.card"].sudo().search_count(self._loyalty_tier_card_domain())
            )
        return values

    def _loyalty_tier_card_values(self, card, history_limit, history_offset=0):
        program = card.program_id
        today = request.website._loyalty_tier_today()
        soon = today + timedelta(days=program.expiry_reminder_days or EXPIRY_SOON_DAYS)
        history = request.env["loyalty.history"].sudo().search(
            [("card_id", "=", card.id)], limit=history_limit, offset=history_offset, order="id desc",
        )
        rewards = request.env["loyalty.reward"].sudo().search(
            [("program_id", "=", program.id), ("required_points", "<=", card.points)], order="required_points desc",
        )
        perks = request.env["loyalty.program"].sudo()._loyalty_tier_perks(card.tier_id, today)
        return {
            "card": card,
            "program": program,
            "progress": card._tier_progress() or {},
            "history": history,
            "expiring_soon": {
                line.id
                for line in history
                if line.expiry_date and today <= line.expiry_date <= soon and line.points_remaining > 0
            },
            "rewards": rewards,
            "perks": perks,
        }

    def _loyalty_tier_page_values(self, page_name):
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": page_name,
            "entry_kinds": dict(
                request.env["loyalty.history"]._fields["entry_kind"]._description_selection(request.env)
            ),
        })
        return values

    @route("/my/loyalty", type="http", auth="user", website=True, sitemap=False)
    def portal_my_loyalty_tier(self, **kw):
        values = self._loyalty_tier_page_values("loyalty_tier")
        values["cards"] = [
            self._loyalty_tier_card_values(card, HISTORY_ON_SUMMARY) for card in self._loyalty_tier_cards()
        ]
        return request.render("website_sale_loyalty_tier.portal_my_loyalty", values)

    @route(
        ["/my/loyalty/<int:card_id>", "/my/loyalty/<int:card_id>/page/<int:page>"],
        type="http", auth="user", website=True, sitemap=False,
    )
    def portal_my_loyalty_tier_card(self, card_id, page=1, **kw):
        # Only the path's /page/<int:page> is a page; a ``?page=`` reaches here as text, which Odoo's pager int()s.
        page = page if isinstance(page, int) else 1
        card = self._loyalty_tier_cards().filtered(lambda card: card.id == card_id)
        if not card:
            # Someone else's card, a closed one or none at all: the same answer, so ids reveal nothing.
            raise NotFound()
        total = request.env["loyalty.history"].sudo().search_count([("card_id", "=", card.id)])
        pager = portal_pager(url=f"/my/loyalty/{card.id}", total=total, page=page, step=HISTORY_PER_PAGE)
        values = self._loyalty_tier_page_values("loyalty_tier_card")
        values.update(self._loyalty_tier_card_values(card, HISTORY_PER_PAGE, pager["offset"]))
        values["pager"] = pager
        return request.render("website_sale_loyalty_tier.portal_my_loyalty_card", values)


class CustomerPortalLoyaltyCardDialog(CustomerPortalLoyalty):
    @route()
    def portal_get_card_history_values(self, card_id):
        """Odoo's card dialog data answers ``{}`` for a card that is not the user's (``loyalty``'s intent), where
        ``website_sale_loyalty``'s addition raised a KeyError on it. ``card_id`` is always the route's ``<int:>``: the
        path's arguments override the JSON body's (``odoo.http``), so no other value reaches here."""
        owned = request.env["loyalty.card"].sudo().search_count(
            [("id", "=", card_id), ("partner_id", "=", request.env.user.partner_id.id)], limit=1,
        )
        return super().portal_get_card_history_values(card_id) if owned else {}
