from odoo.addons.website_sale_loyalty_tier.controllers.portal import LoyaltyTierPortal
from odoo.addons.website_sale_portal_dashboard.controllers.portal import PortalDashboard


class PortalDashboardLoyaltyTier(PortalDashboard, LoyaltyTierPortal):
    def _portal_dashboard_values(self):
        values = super()._portal_dashboard_values()
        # The loyalty page's own cards (the customer's, found before any sudo read) and tier progress.
        values["loyalty_cards"] = [(card, card._tier_progress()) for card in self._loyalty_tier_cards()]
        return values
