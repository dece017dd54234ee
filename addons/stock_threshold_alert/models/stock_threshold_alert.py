import logging
from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL, formatLang

from ..lib.threshold import LOW, OK, OUT, daily_velocity, days_of_cover, lost_revenue_per_day

_logger = logging.getLogger(__name__)

QUEUE_KEY = "stock_threshold_alert.product_ids"
SALES_WINDOW_DAYS = 30


class StockThresholdAlert(models.Model):
    _name = "stock.threshold.alert"
    _description = "Stock Threshold Alert"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "state, date_open desc, id desc"
    _mail_post_access = "read"
    _check_company_auto = True

    orderpoint_id = fields.Many2one(
        "stock.warehouse.orderpoint", "Threshold Rule", required=True, ondelete="cascade", index=True, readonly=True)
    product_id = fields.Many2one("product.product", "Product", required=True, ondelete="cascade", index=True,
                                 readonly=True)
    product_tmpl_id = fields.Many2one(related="product_id.product_tmpl_id")
    categ_id = fields.Many2one(related="product_id.categ_id", string="Product Category")
    warehouse_id = fields.Many2one("stock.warehouse", "Warehouse", required=True, ondelete="cascade", readonly=True)
    company_id = fields.Many2one("res.company", "Company", required=True, index=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one("res.users", "Responsible Buyer", tracking=True)
    state = fields.Selection(
        [("open", "Open"), ("resolved", "Resolved")], required=True, default="open", readonly=True, tracking=True)
    severity = fields.Selection(
        [("low", "Below threshold"), ("out", "Out of stock")], required=True, default="low", readonly=True,
        tracking=True)
    date_open = fields.Datetime("Opened", required=True, default=fields.Datetime.now, readonly=True)
    date_close = fields.Datetime("Resolved On", readonly=True)
    min_qty = fields.Float("Threshold", digits="Product Unit", readonly=True)
    qty_free = fields.Float("Free at Crossing", digits="Product Unit", readonly=True)
    qty_forecast = fields.Float("Forecast at Crossing", digits="Product Unit", readonly=True)
    daily_sales = fields.Float("Units Sold per Day", digits="Product Unit", readonly=True,
                               help="Average over the last 30 days the product was in stock.")
    days_of_cover = fields.Float("Days of Cover", digits=(16, 1), readonly=True,
                                 help="Days the free quantity lasts at the current sales rate (empty: nothing sells).")
    lost_revenue = fields.Monetary(
        "Lost Revenue per Day", readonly=True,
        help="Units sold per day times the recent average selling price, while out of stock.")
    has_recent_sales = fields.Boolean(
        "Recent Sales", compute="_compute_sales_summary", search="_search_has_recent_sales",
        help="Whether the product sold in the 30 days before the crossing. Without sales, days of cover and lost "
             "revenue cannot be told: the alert says so instead of showing zeros.")
    sales_summary = fields.Char("Sales", compute="_compute_sales_summary")
    digest_sent = fields.Boolean(readonly=True, copy=False)
    out_mail_sent = fields.Boolean(readonly=True, copy=False)

    _one_open_alert_per_threshold = models.UniqueIndex(
        "(orderpoint_id) WHERE state = 'open'",
        "A threshold can have only one open alert.",
    )

    @api.depends("product_id", "warehouse_id")
    def _compute_display_name(self):
        for alert in self:
            alert.display_name = f"{alert.product_id.display_name} @ {alert.warehouse_id.code or ''}"

    @api.depends("daily_sales", "days_of_cover", "lost_revenue", "severity")
    def _compute_sales_summary(self):
        for alert in self:
            # The stored cover follows the stock (see _refresh_figures); without sales there is none to tell.
            cover = alert.days_of_cover if alert.daily_sales > 0 else None
            alert.has_recent_sales = cover is not None
            alert.sales_summary = alert._sales_summary(cover)

    def _search_has_recent_sales(self, operator, value):
        if operator != "in":
            return NotImplemented
        # days_of_cover() has a figure exactly when something sold
        return [("daily_sales", ">" if True in value else "<=", 0)]

    def _sales_summary(self, cover):
        """One line for lists, activities and mails: the sales figures, or that there were none to go by."""
        self.ensure_one()
        if cover is None:
            return self.env._("No recent sales")
        summary = self.env._(
            "%(rate)s sold per day, %(days)s days of cover",
            rate=formatLang(self.env, self.daily_sales, digits=2), days=formatLang(self.env, cover, digits=1))
        if self.severity == OUT:
            summary = self.env._("%(summary)s, %(amount)s of revenue lost per day",
                                 summary=summary, amount=self.currency_id.format(self.lost_revenue))
        return summary

    # ------------------------------------------------------------------
    # Queue: stock changes mark products, one check per transaction
    # ------------------------------------------------------------------

    @api.model
    def _queue_products(self, products):
        """Remember products whose stock changed; they are checked once, just before the transaction commits."""
        if not products:
            return
        data = self.env.cr.precommit.data
        if QUEUE_KEY not in data:
            data[QUEUE_KEY] = set()
            self.env.cr.precommit.add(self.env(context={}, su=True)["stock.threshold.alert"]._run_queued_checks)
        data[QUEUE_KEY].update(products.ids)

    @api.model
    def _run_queued_checks(self):
        product_ids = self.env.cr.precommit.data.pop(QUEUE_KEY, set())
        if product_ids:
            self._check_products(self.env["product.product"].browse(sorted(product_ids)).exists())

    # ------------------------------------------------------------------
    # The check itself: open, escalate and resolve in batches
    # ------------------------------------------------------------------

    @api.model
    def _check_products(self, products):
        """Open one alert per threshold crossed below, escalate to out of stock, resolve those back above."""
        self = self.sudo()
        orderpoints = self.env["stock.warehouse.orderpoint"].sudo().search([
            ("trigger", "=", "alert"), ("product_id", "in", products.ids), ("product_id.active", "=", True),
        ])
        classified = orderpoints._threshold_classify()
        open_alerts = self.search([("product_id", "in", products.ids), ("state", "=", "open")])
        open_by_orderpoint = {alert.orderpoint_id: alert for alert in open_alerts}

        def level_of(alert):  # a threshold no longer watched counts as back above
            return classified.get(alert.orderpoint_id, (OK,))[0]

        back_above = open_alerts.filtered(lambda a: level_of(a) == OK)
        unwatched = back_above.filtered(lambda a: a.orderpoint_id not in classified)
        (back_above - unwatched)._resolve()
        unwatched._resolve(self.env._("The product or its threshold is no longer watched."))
        escalated = open_alerts.filtered(lambda a: a.severity != OUT and level_of(a) == OUT)
        escalated.write({"severity": OUT})
        escalated._mail_out_of_stock()
        # Partly restocked but still under the minimum: the same alert, back to "below threshold".
        open_alerts.filtered(lambda a: a.severity == OUT and level_of(a) == LOW).write({"severity": LOW})

        still_open = open_alerts - back_above
        crossed = {op: values for op, values in classified.items()
                   if values[0] != OK and op not in open_by_orderpoint}
        # One read of the sales for the alerts kept open and those opened now.
        sales = self._sales_figures(still_open.orderpoint_id.union(*crossed))
        self._refresh_figures(still_open, classified, sales)
        new_alerts = self._open_alerts(crossed, sales)
        if new_alerts or back_above or escalated:
            _logger.info("Stock thresholds: %d alerts opened, %d escalated, %d resolved",
                         len(new_alerts), len(escalated), len(back_above))
        self._notify_level_change(products)
        return new_alerts

    @api.model
    def _open_alerts(self, crossed, sales=None):
        """Insert the alerts of `crossed` {orderpoint: (level, free, forecast)}; a concurrent transaction that opened
        the same alert first wins, so each crossing gives exactly one row (see the partial unique index). `sales`:
        their _sales_figures when the caller read them already."""
        if not crossed:
            return self.browse()
        if sales is None:
            sales = self._sales_figures(self.env["stock.warehouse.orderpoint"].concat(*crossed))
        now = fields.Datetime.now()
        rows = []
        for orderpoint, (level, free, forecast) in crossed.items():
            velocity, unit_revenue = sales[orderpoint.id]
            cover = days_of_cover(free, velocity)
            rows.append(SQL(
                "(%s, %s, %s, %s, %s, 'open', %s, %s, %s, %s, %s, %s, %s, %s, false, false, %s, %s, %s, %s)",
                orderpoint.id, orderpoint.product_id.id, orderpoint.warehouse_id.id, orderpoint.company_id.id,
                (orderpoint.alert_user_id or orderpoint.product_id.responsible_id).id or None,
                level, now, orderpoint.product_min_qty, free, forecast, velocity, cover,
                lost_revenue_per_day(level, velocity, unit_revenue),
                self.env.uid, now, self.env.uid, now,
            ))
        self.env.flush_all()
        inserted = self.env.execute_query(SQL(
            """
            INSERT INTO stock_threshold_alert
                   (orderpoint_id, product_id, warehouse_id, company_id, user_id, state, severity, date_open, min_qty,
                    qty_free, qty_forecast, daily_sales, days_of_cover, lost_revenue, digest_sent, out_mail_sent,
                    create_uid, create_date, write_uid, write_date)
            VALUES %s
            ON CONFLICT (orderpoint_id) WHERE state = 'open' DO NOTHING
            RETURNING id
            """,
            SQL(", ").join(rows),
        ))
        alerts = self.browse(row[0] for row in inserted)
        alerts._notify_opened()
        return alerts

    @api.model
    def _refresh_figures(self, alerts, classified, sales):
        """An open alert's sales figures follow the stock (its quantities stay those of the crossing): the units sold
        since it opened (an order that took the last units opens the alert when it is confirmed, before its delivery
        counts as a sale) change its sales rate, its cover and the revenue lost while out of stock. `sales`: the
        alerts' _sales_figures. The writes of all the alerts reach the database as one UPDATE at the flush."""
        for alert in alerts:
            level, free, _forecast = classified[alert.orderpoint_id]
            velocity, unit_revenue = sales[alert.orderpoint_id.id]
            alert.write({
                "daily_sales": velocity,
                "days_of_cover": days_of_cover(free, velocity),
                "lost_revenue": lost_revenue_per_day(level, velocity, unit_revenue),
            })

    @api.model
    def _sales_figures(self, orderpoints):
        """{orderpoint id: (units sold per in-stock day, revenue per unit)}: one history query per warehouse."""
        figures = {}
        unit_revenue = {
            company: company_orderpoints.product_id._threshold_unit_revenue(company)
            for company, company_orderpoints in orderpoints.grouped("company_id").items()
        }
        by_warehouse = defaultdict(lambda: self.env["stock.warehouse.orderpoint"])
        for orderpoint in orderpoints:
            by_warehouse[orderpoint.warehouse_id] |= orderpoint
        for warehouse, warehouse_orderpoints in by_warehouse.items():
            products = warehouse_orderpoints.product_id
            history = products._threshold_sales_history(warehouse.view_location_id, SALES_WINDOW_DAYS)
            on_hand = products.with_context(warehouse_id=warehouse.id)._compute_quantities_dict(None, None, None)
            for orderpoint in warehouse_orderpoints:
                product = orderpoint.product_id
                daily_sold, daily_net = history[product.id]
                velocity = daily_velocity(daily_sold, daily_net, on_hand[product.id]["qty_available"])
                figures[orderpoint.id] = (velocity, unit_revenue[orderpoint.company_id][product.id])
        return figures

    def _resolve(self, feedback=None):
        if not self:
            return
        self.write({"state": "resolved", "date_close": fields.Datetime.now()})
        self.activity_ids.action_feedback(feedback=feedback or self.env._("Stock is back above the threshold."))

    # ------------------------------------------------------------------
    # Telling people
    # ------------------------------------------------------------------

    def _notify_opened(self):
        activity_type = self.env.ref("stock_threshold_alert.mail_activity_type_restock", raise_if_not_found=False) \
            or self.env.ref("mail.mail_activity_data_todo")
        stock_users = self.env.ref("stock.group_stock_user").sudo().all_user_ids
        for alert in self:
            # The buyer must be able to open the alert; otherwise a stock manager takes it.
            user = alert.user_id if alert.user_id in stock_users else self._stock_managers(alert.company_id)[:1]
            if user:
                alert.activity_schedule(
                    activity_type_id=activity_type.id,
                    summary=self.env._("Restock %(product)s", product=alert.product_id.display_name),
                    note=Markup("<p>%s</p><p>%s</p>") % (alert._headline(), alert.sales_summary),
                    user_id=user.id,
                )
                user.partner_id._bus_send("simple_notification", {
                    "type": "danger" if alert.severity == OUT else "warning",
                    "title": self.env._("Stock alert"),
                    "message": f"{alert._headline()} {alert.sales_summary}.",
                    "sticky": False,
                })
        self.filtered(lambda a: a.severity == OUT)._mail_out_of_stock()

    def _headline(self):
        self.ensure_one()
        if self.severity == OUT:
            return self.env._("%(product)s is out of stock in %(warehouse)s.",
                              product=self.product_id.display_name, warehouse=self.warehouse_id.name)
        return self.env._("%(product)s fell below its threshold of %(min)s in %(warehouse)s.",
                          product=self.product_id.display_name, min=self.min_qty, warehouse=self.warehouse_id.name)

    def _mail_out_of_stock(self):
        """Out of stock cannot wait for the digest: mail the stock managers at once, once per alert."""
        alerts = self.filtered(lambda a: not a.out_mail_sent)
        if not alerts:
            return
        template = self.env.ref("stock_threshold_alert.mail_template_out_of_stock", raise_if_not_found=False)
        for alert in alerts:
            managers = self._stock_managers(alert.company_id)
            if managers and template:
                template.send_mail(alert.id, email_values={"recipient_ids": [(6, 0, managers.partner_id.ids)]})
            alert.out_mail_sent = True

    @api.model
    def _stock_managers(self, company):
        group = self.env.ref("stock.group_stock_manager")
        return group.sudo().all_user_ids.filtered(
            lambda u: u.active and not u.share and company in u.company_ids and u.email)

    @api.model
    def _notify_level_change(self, products):
        """Tell stock users watching the stock level list that these products moved (it reloads itself)."""
        if products:
            # By its cached xmlid: env.ref() would ask whether Odoo's group still exists on every stock move.
            group_id = self.env["ir.model.data"]._xmlid_to_res_id("stock.group_stock_user")
            self.env["res.groups"].browse(group_id)._bus_send(
                "stock_threshold_alert/levels", {"product_ids": products.ids[:1000]})

    # ------------------------------------------------------------------
    # Crons
    # ------------------------------------------------------------------

    @api.model
    def _cron_check_thresholds(self):
        """Catch crossings missed by any path (imports, SQL, a crashed worker): check every watched product."""
        products = self.env["stock.warehouse.orderpoint"].sudo().search([("trigger", "=", "alert")]).product_id
        open_products = self.sudo().search([("state", "=", "open")]).product_id
        self._check_products(products | open_products)

    @api.model
    def _cron_send_digest(self):
        """One mail per company to its stock managers: alerts opened since the last digest, and all still open."""
        alerts = self.sudo().search(["|", ("state", "=", "open"), ("digest_sent", "=", False)])
        alerts_by_company = alerts.grouped("company_id")
        for company, company_alerts in alerts_by_company.items():
            # One mail per language, so each manager reads the digest in their own.
            for lang, lang_managers in self._stock_managers(company).grouped("lang").items():
                company_alerts.with_context(lang=lang)._send_digest(company, lang_managers)
        alerts.filtered(lambda a: not a.digest_sent).write({"digest_sent": True})

    def _send_digest(self, company, managers):
        new_alerts = self.filtered(lambda a: not a.digest_sent)
        open_alerts = self.filtered(lambda a: a.state == "open")
        body = self.env["ir.qweb"]._render("stock_threshold_alert.threshold_digest", {
            "company": company,
            "new_alerts": new_alerts,
            "open_alerts": open_alerts,
            "base_url": company.get_base_url(),
        })
        return self.env["mail.mail"].sudo().create({
            "subject": self.env._(
                "Stock alerts for %(company)s: %(new)s new, %(open)s open",
                company=company.name, new=len(new_alerts), open=len(open_alerts)),
            "body_html": body,
            "email_from": company.email_formatted or self.env.user.email_formatted,
            "recipient_ids": [(6, 0, managers.partner_id.ids)],
            "model": False,
            "auto_delete": True,
        })
