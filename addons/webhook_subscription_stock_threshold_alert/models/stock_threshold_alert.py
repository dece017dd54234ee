from odoo import api, models


class StockThresholdAlert(models.Model):
    _inherit = "stock.threshold.alert"

    @api.model
    def _open_alerts(self, crossed, sales=None):
        # The one place a crossing becomes an alert, once per crossing (a concurrent duplicate inserts nothing).
        alerts = super()._open_alerts(crossed, sales)
        self.env["webhook.subscription"]._webhook_notify("stock.threshold_crossed", alerts)
        return alerts

    def _webhook_data(self):
        """The `data` of `stock.threshold_crossed` (readme/DESCRIPTION.md)."""
        return [
            {
                "alert_id": alert.id,
                "product_id": alert.product_id.id,
                "sku": alert.product_id.default_code or None,
                "product_name": alert.product_id.display_name,
                "warehouse_id": alert.warehouse_id.id,
                "warehouse_code": alert.warehouse_id.code,
                "severity": alert.severity,
                "threshold": alert.min_qty,
                "qty_free": alert.qty_free,
                "qty_forecast": alert.qty_forecast,
                "daily_sales": alert.daily_sales,
                "days_of_cover": alert.days_of_cover if alert.has_recent_sales else None,
                "opened_at": alert.date_open.isoformat() + "Z",
            }
            for alert in self.sudo()
        ]
