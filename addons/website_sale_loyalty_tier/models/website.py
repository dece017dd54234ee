from odoo import fields, models


class Website(models.Model):
    _inherit = "website"

    def _loyalty_tier_today(self):
        """The loyalty day of this website's orders: the day Odoo's loyalty checks their programs' dates on (the
        website salesperson's timezone, else the company's), for pages that have no order to ask."""
        self.ensure_one()
        return self.env["loyalty.program"]._loyalty_today({"company_id": self.company_id.id, "website_id": self.id})

    def _loyalty_tier_programs(self, pricelist):
        """The loyalty programs that earn points in this website's shop today with ``pricelist`` (as ``sale_loyalty``
        selects them for an order of this website, without the order)."""
        self.ensure_one()
        # The visitor's day, not the website's loyalty day (_loyalty_tier_today): that one reads the website's
        # salesperson, 2-3 queries on every product page; a program starting or ending today may show its points a
        # few hours early or late here, the cart applies Odoo's day.
        today = fields.Date.context_today(self)
        # What the points for a price read (loyalty_tier's _points_for_value, the points' format) comes with the search;
        # the programs' money rules come from loyalty_tier's registry cache (_loyalty_money_rates).
        return self.env["loyalty.program"].sudo().search_fetch([
            ("program_type", "=", "loyalty"),
            ("active", "=", True),
            ("ecommerce_ok", "=", True),
            ("website_id", "in", [self.id, False]),
            *self.env["loyalty.program"]._check_company_domain(self.company_id),
            "|", ("pricelist_ids", "=", False), ("pricelist_ids", "in", pricelist.ids),
            "|", ("date_from", "=", False), ("date_from", "<=", today),
            "|", ("date_to", "=", False), ("date_to", ">=", today),
        ], ["program_type", "currency_id", "company_id", "portal_point_name"])

    def _loyalty_tier_points_for_price(self, price, currency, pricelist):
        """For the product page: ``[(program, points)]`` that buying at ``price`` in ``currency`` (the price shown,
        with ``pricelist``) earns the visitor."""
        self.ensure_one()
        partner = self.env.user.partner_id if not self.env.user._is_public() else None
        result = []
        for program in self._loyalty_tier_programs(pricelist):
            points = program._points_for_value(price, currency, partner=partner)
            if points:
                result.append((program, points))
        return result
