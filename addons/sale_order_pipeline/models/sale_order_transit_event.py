from odoo import api, fields, models

from ..lib.transit import event_key

TRANSIT_STATUSES = [
    ("picked_up", "Picked up by the carrier"),
    ("in_transit", "In transit"),
    ("out_for_delivery", "Out for delivery"),
    ("exception", "Delivery problem"),
    ("delivered", "Delivered"),
]


class SaleOrderTransitEvent(models.Model):
    _name = "sale.order.transit.event"
    _description = "Carrier In-Transit Update"
    _order = "event_time desc, id desc"
    _rec_name = "status"

    order_id = fields.Many2one("sale.order", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="order_id.company_id", store=True)
    status = fields.Selection(TRANSIT_STATUSES, required=True)
    location = fields.Char()
    event_time = fields.Datetime(string="Time", required=True, default=fields.Datetime.now)
    note = fields.Char(string="Details")
    carrier_ref = fields.Char(string="Carrier Event Reference", help="The carrier's own id of this update, if any.")
    event_key = fields.Char(readonly=True, copy=False)
    user_id = fields.Many2one("res.users", string="Recorded By", default=lambda self: self.env.user, readonly=True)
    # Set once the customer was told, so that a replayed update never notifies twice.
    notified = fields.Boolean(readonly=True, copy=False)

    _one_per_event = models.Constraint(
        "UNIQUE (order_id, event_key)", "This carrier update was already recorded for this order."
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self.env["sale.order"].browse(vals.get("order_id"))._pipeline_check_transit_event(vals.get("status"))
            vals["event_time"] = vals.get("event_time") or fields.Datetime.now()
            vals["event_key"] = self._pipeline_event_key(vals)
        events = super().create(vals_list)
        for event in events:
            event.order_id._on_pipeline_transit_event(event)
        return events

    @api.model
    def _pipeline_event_key(self, vals):
        when = fields.Datetime.to_string(fields.Datetime.to_datetime(vals["event_time"]))
        return event_key(vals["status"], when, vals.get("location"), vals.get("carrier_ref"))

    def _pipeline_status_label(self):
        self.ensure_one()
        return dict(self._fields["status"]._description_selection(self.env)).get(self.status, self.status)
