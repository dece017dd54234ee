from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.stock_threshold_alert.lib.threshold import days_of_cover, in_stock_days, lost_revenue_per_day

from ..lib.restock import (
    DEFAULT_SERVICE_FACTOR,
    Candidate,
    allocate,
    demand_stats,
    reorder_need,
    round_to_vendor,
    safety_stock,
)


class PurchaseRestockSuggestion(models.Model):
    _name = "purchase.restock.suggestion"
    _description = "Restock Suggestion"
    _inherit = ["mail.thread"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(
        required=True, readonly=True, copy=False,
        default=lambda self: self.env._("Restock of %(date)s", date=fields.Date.context_today(self)))
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    warehouse_id = fields.Many2one(
        "stock.warehouse", "Warehouse", required=True, check_company=True,
        default=lambda self: self.env["stock.warehouse"].search([("company_id", "=", self.env.company.id)], limit=1))
    window_days = fields.Selection(
        [("30", "30 days"), ("60", "60 days"), ("90", "90 days")], "Sales Window", required=True, default="30",
        help="Sales velocity is averaged over the days of this window the product was in stock.")
    cover_days = fields.Integer("Days to Cover", required=True, default=30,
                                help="Stock to buy beyond the vendor lead time, at the current sales rate.")
    service_factor = fields.Float(
        "Safety Factor", required=True, default=DEFAULT_SERVICE_FACTOR, digits=(3, 2),
        help="Standard deviations of lead-time demand kept as safety stock (1.65 covers about 95%).")
    categ_ids = fields.Many2many("product.category", string="Only Categories",
                                 help="Leave empty to consider every storable product that can be purchased.")
    product_ids = fields.Many2many("product.product", string="Only Products", check_company=True,
                                   domain="[('is_storable', '=', True), ('purchase_ok', '=', True)]")
    use_budget_cap = fields.Boolean("Budget Cap")
    budget_cap = fields.Monetary("Budget", currency_field="currency_id")
    state = fields.Selection(
        [("draft", "Draft"), ("computed", "Computed"), ("ordered", "Ordered")], default="draft", required=True,
        readonly=True, tracking=True)
    line_ids = fields.One2many("purchase.restock.suggestion.line", "suggestion_id", "Products")
    purchase_order_ids = fields.One2many("purchase.order", "restock_suggestion_id", "Purchase Orders")
    purchase_order_count = fields.Integer(compute="_compute_purchase_order_count")
    amount_total = fields.Monetary("Total to Buy", compute="_compute_amounts", currency_field="currency_id")
    amount_left_out = fields.Monetary("Left Out", compute="_compute_amounts", currency_field="currency_id")
    attention_count = fields.Integer("Need Attention", compute="_compute_amounts")
    vendor_summary = fields.Html("Totals per Vendor", compute="_compute_amounts", sanitize=False)

    _cover_days_positive = models.Constraint(
        "CHECK (cover_days >= 0 AND cover_days <= 730)", "Days to cover must be between 0 and 730.")
    _service_factor_sane = models.Constraint(
        "CHECK (service_factor >= 0 AND service_factor <= 5)", "The safety factor must be between 0 and 5.")

    @api.depends("purchase_order_ids")
    def _compute_purchase_order_count(self):
        for suggestion in self:
            suggestion.purchase_order_count = len(suggestion.purchase_order_ids)

    @api.depends("line_ids.status", "line_ids.subtotal", "line_ids.vendor_id", "line_ids.vendor_currency_id",
                 "line_ids.subtotal_vendor_currency")
    def _compute_amounts(self):
        for suggestion in self:
            to_buy = suggestion.line_ids.filtered(lambda line: line.status == "to_buy")
            suggestion.amount_total = sum(to_buy.mapped("subtotal"))
            suggestion.amount_left_out = sum(
                suggestion.line_ids.filtered(lambda line: line.status == "left_out").mapped("subtotal"))
            suggestion.attention_count = len(suggestion.line_ids.filtered(lambda line: line.status == "attention"))
            suggestion.vendor_summary = suggestion._vendor_summary(to_buy)

    def _vendor_summary(self, lines):
        totals = defaultdict(lambda: [0, 0.0, 0.0])
        for line in lines:
            total = totals[line.vendor_id, line.vendor_currency_id]
            total[0] += 1
            total[1] += line.subtotal_vendor_currency
            total[2] += line.subtotal
        if not totals:
            return False
        rows = Markup("").join(
            Markup("<tr><td>%s</td><td class='text-end'>%s</td><td class='text-end'>%s</td>"
                   "<td class='text-end'>%s</td></tr>") % (
                vendor.display_name, count, currency.format(amount_vendor), self.currency_id.format(amount))
            for (vendor, currency), (count, amount_vendor, amount) in sorted(
                totals.items(), key=lambda item: -item[1][2])
        )
        head = Markup("<tr><th>%s</th><th class='text-end'>%s</th><th class='text-end'>%s</th>"
                      "<th class='text-end'>%s</th></tr>") % (
            self.env._("Vendor"), self.env._("Products"), self.env._("In vendor currency"),
            self.env._("In %(currency)s", currency=self.currency_id.name))
        return Markup("<table class='table table-sm'>%s%s</table>") % (head, rows)

    @api.constrains("use_budget_cap", "budget_cap")
    def _check_budget_cap(self):
        for suggestion in self:
            if suggestion.use_budget_cap and suggestion.budget_cap <= 0:
                raise ValidationError(self.env._(
                    "A budget cap must be more than zero: untick Budget Cap to buy without a limit."))

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_compute(self):
        for suggestion in self:
            if suggestion.state == "ordered":
                raise UserError(self.env._("%(name)s already has purchase orders: start a new restock suggestion.",
                                           name=suggestion.name))
            suggestion.line_ids.unlink()
            self.env["purchase.restock.suggestion.line"].create(suggestion._prepare_lines())
            suggestion._allocate_budget()
            suggestion.state = "computed"
        return True

    def action_create_purchase_orders(self):
        """Draft purchase orders, one per vendor and currency, for the lines kept; nothing is confirmed."""
        self.ensure_one()
        lines = self.line_ids.filtered(lambda line: line.status == "to_buy" and not line.purchase_line_id)
        if not lines:
            raise UserError(self.env._("There is nothing left to order in %(name)s.", name=self.name))
        by_vendor = defaultdict(lambda: self.env["purchase.restock.suggestion.line"])
        for line in lines:
            by_vendor[line.vendor_id, line.vendor_currency_id] |= line
        orders = self.env["purchase.order"].create([{
            "partner_id": vendor.id,
            "currency_id": currency.id,
            "company_id": self.company_id.id,
            "picking_type_id": self.warehouse_id.in_type_id.id,
            "origin": self.name,
            "restock_suggestion_id": self.id,
        } for vendor, currency in by_vendor])
        # The lines as Odoo's purchase suggestion and procurements make them, in the vendor's unit (six boxes of 12,
        # not 72 units): the same vendor line as the suggestion (see _vendor_offer), so the same price, discount,
        # taxes and planned date.
        OrderLine = self.env["purchase.order.line"].with_context(procurement_values={"force_uom": True})
        OrderLine.create([
            dict(OrderLine._prepare_purchase_order_line(
                line.product_id, line._vendor_qty(), line._vendor_uom(), self.company_id, order.partner_id, order,
            ), restock_line_id=line.id)
            for order, vendor_lines in zip(orders, by_vendor.values(), strict=True)
            for line in vendor_lines
        ])
        for order_line in orders.order_line:
            order_line.restock_line_id.purchase_line_id = order_line
        self.state = "ordered"
        return self.action_view_purchase_orders()

    def action_view_purchase_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id("purchase.purchase_rfq")
        action["domain"] = [("restock_suggestion_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    def action_view_lines_by_vendor(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "purchase_restock_suggestion.purchase_restock_suggestion_line_action")
        action["domain"] = [("suggestion_id", "=", self.id)]
        action["context"] = {"group_by": ["status", "vendor_id"]}
        return action

    # ------------------------------------------------------------------
    # Computation: every figure for every product in a fixed number of queries
    # ------------------------------------------------------------------

    def _restock_products(self):
        archived = self.with_context(active_test=False).product_ids.filtered(lambda product: not product.active)
        if archived:
            raise UserError(self.env._(
                "These products are archived: %(products)s. Restore them or remove them from Only Products.",
                products=", ".join(archived.mapped("display_name"))))
        domain = [
            ("is_storable", "=", True), ("purchase_ok", "=", True),
            ("company_id", "in", (False, self.company_id.id)),
        ]
        if self.categ_ids:
            domain.append(("categ_id", "child_of", self.categ_ids.ids))
        if self.product_ids:
            domain.append(("id", "in", self.product_ids.ids))
        return self.env["product.product"].search(domain)

    def _prepare_lines(self):
        """Values of one line per product to buy or needing attention, in a fixed number of queries: every figure
        of every product comes from a few batched reads, and the money figures only for the products to buy."""
        self.ensure_one()
        products = self._restock_products()
        if not products:
            return []
        history = products._threshold_sales_history(self.warehouse_id.view_location_id, int(self.window_days))
        quantities = self._quantities(products)
        thresholds = self._thresholds(products)

        vals_list, levels = [], {}
        for product in products:
            daily_sold, daily_net = history[product.id]
            on_hand, free, forecast = quantities.get(product.id, (0.0, 0.0, 0.0))
            in_stock = in_stock_days(daily_sold, daily_net, on_hand)
            velocity, deviation = demand_stats(daily_sold, in_stock)
            min_qty, max_qty = thresholds.get(product.id, (0.0, 0.0))
            if not velocity and not reorder_need(0.0, 0.0, 0.0, 0.0, forecast, min_qty, max_qty):
                continue  # nothing sells and nothing is missing: no lead time can make a need
            lead_time = self._lead_days(product)
            safety = safety_stock(deviation, lead_time, self.service_factor)
            need = reorder_need(velocity, lead_time, self.cover_days, safety, forecast, min_qty, max_qty)
            if need > 0:
                vals_list.append({
                    "suggestion_id": self.id,
                    "product_id": product.id,
                    "velocity": velocity,
                    "in_stock_days": sum(in_stock),
                    "sold_qty": sum(daily_sold),
                    "lead_time": lead_time,
                    "safety_stock": safety,
                    "qty_on_hand": on_hand,
                    "qty_forecast": forecast,
                    "min_qty": min_qty,
                    "max_qty": max_qty,
                    "need_qty": need,
                    "days_of_cover": days_of_cover(forecast, velocity) or 0.0,
                })
                levels[product.id] = "out" if free <= 0 else "low"
        self._add_money_figures(vals_list, levels)
        return vals_list

    def _lead_days(self, product):
        """Days from ordering to receiving as Odoo's replenishment counts them for a purchase (the warehouse's buy
        rule): the lead time of the vendor Odoo would pick plus the company's days to purchase. A product without
        vendor gets no made-up year of delay here: it needs attention instead."""
        rule = self.warehouse_id.sudo().buy_pull_id
        delays, _description = rule.with_context(
            bypass_delay_description=True, bypass_global_horizon_days=True,
        )._get_lead_days(product.with_company(self.company_id))
        return delays["total_delay"] - delays["no_vendor_found_delay"]

    def _vendor_offer(self, product, need):
        """The vendor line a purchase order would use for this product, and the quantity to order from it.

        Odoo's `_select_seller` chooses, for the need, the vendor line a purchase order line would get (company,
        date, unit, minimum quantity, price breaks, discount); when the need is under every minimum, the line with
        the smallest minimum, as Odoo's own purchase suggestion does. The quantity is raised to that minimum and
        rounded up to whole vendor units, then the vendor's line is chosen again for that quantity in the
        vendor's unit, exactly as the draft purchase order line will choose it (see action_create_purchase_orders).
        """
        product = product.with_company(self.company_id)
        today = fields.Date.context_today(self)
        seller = product._select_seller(quantity=need, date=today, uom_id=product.uom_id) \
            or product._select_seller(quantity=None, date=today, ordered_by="min_qty")
        if not seller:
            return None
        vendor_uom = seller.product_uom_id or product.uom_id
        pack = vendor_uom._compute_quantity(1.0, product.uom_id, round=False)
        multiple = pack if pack > 1 else 0.0
        moq = vendor_uom._compute_quantity(seller.min_qty, product.uom_id, round=False)
        qty = round_to_vendor(need, moq, multiple)
        vendor_qty = product.uom_id._compute_quantity(qty, vendor_uom, round=False)
        seller = product._select_seller(partner_id=seller.partner_id, quantity=vendor_qty, date=today,
                                        uom_id=vendor_uom, params={"force_uom": True}) or seller
        return {"seller": seller, "qty": qty, "moq": moq, "multiple": multiple}

    def _add_money_figures(self, vals_list, levels):
        """Lost revenue, margin, vendor, quantity and price of the lines to buy (a fraction of the catalogue)."""
        products = self.env["product.product"].browse(vals["product_id"] for vals in vals_list)
        unit_revenue = products._threshold_unit_revenue(self.company_id)
        costs = dict(zip(products.ids, products.with_company(self.company_id).mapped("standard_price"), strict=True))
        offers = {vals["product_id"]: self._vendor_offer(product, vals["need_qty"])
                  for vals, product in zip(vals_list, products, strict=True)}
        sellers = self.env["product.supplierinfo"].concat(*(offer["seller"] for offer in offers.values() if offer))
        scorecards = sellers.partner_id.sudo().with_company(self.company_id)._restock_scorecard()
        rates = self._conversion_rates(sellers.currency_id.ids)
        for vals in vals_list:
            product_id = vals["product_id"]
            revenue = unit_revenue[product_id]
            vals["lost_revenue"] = lost_revenue_per_day(levels[product_id], vals["velocity"], revenue)
            vals["margin"] = revenue - costs[product_id]
            vals.update(self._price_line(offers[product_id], rates, scorecards))

    def _quantities(self, products):
        """{product id: (on hand, free, forecast)} in the warehouse, read from the stock level view in one query."""
        Level = self.env["stock.threshold.level"]
        rows = self.env.execute_query(SQL(
            "SELECT product_id, qty_on_hand, qty_free, qty_forecast FROM %s WHERE warehouse_id = %s "
            "AND product_id = ANY(%s)",
            SQL.identifier(Level._table), self.warehouse_id.id, products.ids,
        ))
        return {product_id: (on_hand, free, forecast) for product_id, on_hand, free, forecast in rows}

    def _price_line(self, offer, rates, scorecards):
        """Quantity, price and status of one product; a missing vendor, price or rate needs a human, never a zero."""
        if not offer:
            return {"status": "attention", "reason": self.env._("No vendor for this product.")}
        seller = offer["seller"]
        vals = {
            "supplierinfo_id": seller.id,
            "vendor_id": seller.partner_id.id,
            "vendor_currency_id": seller.currency_id.id,
            "moq": offer["moq"],
            "multiple": offer["multiple"],
            "suggested_qty": offer["qty"],
            "vendor_warning": scorecards.get(seller.partner_id.id, {}).get("warning") or False,
        }
        price = seller.price_discounted  # per product unit, after the vendor's discount
        if not price:
            return dict(vals, status="attention", reason=self.env._("The vendor has no price for this quantity."))
        rate = rates.get(seller.currency_id.id)
        if rate is None:
            return dict(vals, status="attention", unit_price=price, reason=self.env._(
                "No exchange rate for %(currency)s: add one in the currency settings.",
                currency=seller.currency_id.name))
        subtotal_vendor = seller.currency_id.round(offer["qty"] * price)
        return dict(vals, status="to_buy", unit_price=price, subtotal_vendor_currency=subtotal_vendor,
                    subtotal=self.currency_id.round(subtotal_vendor * rate))

    def _thresholds(self, products):
        """{product id: (min, max)} of the warehouse's reordering rules and alert thresholds (largest wins)."""
        groups = self.env["stock.warehouse.orderpoint"]._read_group(
            [("product_id", "in", products.ids), ("warehouse_id", "=", self.warehouse_id.id)],
            ["product_id"], ["product_min_qty:max", "product_max_qty:max"])
        return {product.id: (min_qty, max_qty) for product, min_qty, max_qty in groups}

    def _conversion_rates(self, currency_ids):
        """{currency id: rate to the company currency today}, leaving out foreign currencies without any rate."""
        company = self.company_id
        currencies = self.env["res.currency"].browse(currency_ids)
        foreign = currencies - company.currency_id
        with_rate = set(self.env["res.currency.rate"].sudo()._read_group(
            [("currency_id", "in", foreign.ids), ("company_id", "in", (False, company.root_id.id))],
            ["currency_id"])) if foreign else set()
        today = fields.Date.context_today(self)
        return {
            currency.id: self.env["res.currency"]._get_conversion_rate(currency, company.currency_id, company, today)
            for currency in currencies
            if currency == company.currency_id or (currency,) in with_rate
        }

    def _allocate_budget(self):
        """Under a cap, keep the most urgent lines that fit; the others are left out with the reason."""
        lines = self.line_ids.filtered(lambda line: line.status == "to_buy")
        by_id = {line.id: line for line in lines}
        candidates = [Candidate(line.id, line.subtotal, line.lost_revenue, line.margin,
                                line.days_of_cover if line.velocity else None) for line in lines]
        kept, left_out = allocate(candidates, self.budget_cap if self.use_budget_cap else None)
        for rank, line_id in enumerate(kept, start=1):
            by_id[line_id].priority = rank
        for rank, (line_id, remaining) in enumerate(left_out.items(), start=len(kept) + 1):
            line = by_id[line_id]
            line.write({
                "priority": rank,
                "status": "left_out",
                "reason": self.env._(
                    "Over budget: costs %(cost)s, only %(left)s of the cap was left when its turn came.",
                    cost=self.currency_id.format(line.subtotal), left=self.currency_id.format(remaining)),
            })
