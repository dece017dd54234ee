from datetime import datetime, time, timedelta

import pytz

from odoo import fields, models
from odoo.exceptions import UserError


class SalePersonalizationSheetWizard(models.TransientModel):
    _name = "sale.personalization.sheet.wizard"
    _description = "Personalisation Production Sheet"

    date = fields.Date(required=True, default=fields.Date.context_today,
                       help="The day whose confirmed orders are to be made.")

    def _get_lines(self):
        """The personalised lines of the orders confirmed on the chosen day (in the user's time zone)."""
        self.ensure_one()
        tz = pytz.timezone(self.env.user.tz or "UTC")
        start = tz.localize(datetime.combine(self.date, time.min)).astimezone(pytz.utc).replace(tzinfo=None)
        return self.env["sale.order.line"].search([
            ("is_personalized", "=", True),
            ("display_type", "=", False),
            ("state", "=", "sale"),
            ("order_id.date_order", ">=", start),
            ("order_id.date_order", "<", start + timedelta(days=1)),
        ], order="product_id, order_id, id")

    def action_print(self):
        self.ensure_one()
        lines = self._get_lines()
        if not lines:
            raise UserError(self.env._("No personalised order was confirmed on %(date)s.",
                                       date=fields.Date.to_string(self.date)))
        return self.env.ref("sale_gift_personalization.action_report_personalization_sheet").report_action(
            lines, data={"date": fields.Date.to_string(self.date)})
