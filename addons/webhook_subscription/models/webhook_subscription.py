import json
import secrets
import uuid
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models, modules, tools
from odoo.exceptions import ValidationError

from ..lib.target import url_refusal

# How long the secret replaced by a rotation still signs deliveries, so receivers can switch without a gap.
ROTATION_GRACE = timedelta(hours=24)
ALLOW_LOOPBACK_PARAM = "webhook_subscription.allow_loopback"

EVENTS = [
    ("customer.created", "Customer created"),
    ("customer.updated", "Customer updated"),
    ("customer.deleted", "Customer deleted"),
    ("order.created", "Order created"),
    ("order.updated", "Order updated"),
]


def _new_secret():
    return "whsec_" + secrets.token_hex(32)


class WebhookSubscription(models.Model):
    _name = "webhook.subscription"
    _description = "Webhook Subscription"
    _inherit = ["mail.thread"]
    _order = "name, id"

    name = fields.Char(required=True, tracking=True)
    event = fields.Selection(EVENTS, required=True, tracking=True)
    target_url = fields.Char(
        "Target URL", required=True, tracking=True,
        help="HTTPS address that receives a POST with the event as JSON. Private and link-local addresses are refused.",
    )
    active = fields.Boolean(default=True, tracking=True, help="An archived subscription keeps its queue, paused.")
    secret = fields.Char(
        required=True, copy=False, groups="base.group_system", default=lambda self: _new_secret(),
        help="Signs every delivery (X-Stride-Signature). Shown once: when the subscription is created and when it is "
             "rotated.",
    )
    previous_secret = fields.Char(copy=False, groups="base.group_system")
    previous_secret_until = fields.Datetime(
        "Previous secret valid until", copy=False, readonly=True,
        help="Until then deliveries are signed with both the new and the previous secret.",
    )
    delivery_ids = fields.One2many("webhook.delivery", "subscription_id", string="Deliveries")
    delivery_count = fields.Integer(compute="_compute_delivery_stats")
    failing_count = fields.Integer("Failing deliveries", compute="_compute_delivery_stats")

    def _compute_delivery_stats(self):
        counts = defaultdict(dict)
        for subscription, state, count in self.env["webhook.delivery"]._read_group(
            [("subscription_id", "in", self._origin.ids)], ["subscription_id", "state"], ["__count"],
        ):
            counts[subscription.id][state] = count
        for subscription in self:
            by_state = counts[subscription._origin.id]
            subscription.delivery_count = sum(by_state.values())
            subscription.failing_count = by_state.get("failed", 0) + by_state.get("dead", 0)

    @api.constrains("target_url")
    def _check_target_url(self):
        allow_loopback = self._webhook_allow_loopback()
        for subscription in self:
            code = url_refusal(subscription.target_url, allow_loopback)
            if code:
                raise ValidationError(self._target_refusal_message(code, subscription.target_url))

    @api.model_create_multi
    def create(self, vals_list):
        subscriptions = super().create(vals_list)
        self.env.registry.clear_cache()
        return subscriptions

    def write(self, vals):
        result = super().write(vals)
        if {"event", "active"} & vals.keys():
            self.env.registry.clear_cache()
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()
        return result

    def action_rotate_secret(self):
        """Replace the secret; the previous one keeps signing deliveries during the grace period. The new secret is
        shown once, in a sticky notification."""
        self.ensure_one()
        new_secret = _new_secret()
        self.write({
            "previous_secret": self.secret,
            "previous_secret_until": fields.Datetime.now() + ROTATION_GRACE,
            "secret": new_secret,
        })
        self.message_post(body=self.env._("Secret rotated; the previous one signs deliveries for 24 more hours."))
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("New secret of %(name)s (copy it now, it is not shown again)", name=self.name),
                "message": new_secret,
                "sticky": True,
                "type": "warning",
            },
        }

    def action_view_deliveries(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("webhook_subscription.webhook_delivery_action")
        action["domain"] = [("subscription_id", "=", self.id)]
        action["context"] = {"default_subscription_id": self.id}
        return action

    # Business methods

    def _target_refusal_message(self, code, url):
        reasons = {
            "malformed": self.env._("it is not a valid http(s) address"),
            "credentials": self.env._("it carries a user name or password; use the signing secret instead"),
            "loopback": self.env._("it points at this server (localhost)"),
            "private": self.env._("it points at a private, link-local or reserved network address"),
            "not_https": self.env._("it must use https"),
        }
        return self.env._("The target URL %(url)s is refused: %(reason)s.", url=url, reason=reasons[code])

    def _pause_after_giving_up(self, delivery):
        """Archive this subscription once `delivery` is given up: its target has been failing for a day, and every new
        event would otherwise pile up behind it without bound. Its queue is kept, in order, for when it resumes."""
        self.ensure_one()
        self.active = False
        self.message_post(body=self.env._(
            "Paused: event %(event_id)s was given up after %(attempts)s attempts (%(error)s). New events are not "
            "queued while it is paused. Repair the receiver, then use Send Again on that delivery or unarchive this "
            "subscription: the waiting events are sent in order.",
            event_id=delivery.event_id, attempts=delivery.attempts, error=delivery.last_error,
        ))

    @api.model
    def _webhook_allow_loopback(self):
        """Plain-http targets on 127.0.0.1/localhost: for Odoo's tests and a local demo receiver only."""
        return bool(modules.module.current_test) or tools.str2bool(
            self.env["ir.config_parameter"].sudo().get_param(ALLOW_LOOPBACK_PARAM, "False")
        )

    def _signing_secrets(self):
        self.ensure_one()
        subscription = self.sudo()
        keep_previous = subscription.previous_secret and subscription.previous_secret_until \
            and subscription.previous_secret_until > fields.Datetime.now()
        return [subscription.secret, subscription.previous_secret] if keep_previous else [subscription.secret]

    @api.model
    @tools.ormcache("event")
    def _subscription_ids_for(self, event):
        # Every write of a partner or an order asks this: cached so that a shop without subscriptions pays nothing.
        return tuple(self.sudo().with_context(active_test=True).search([("event", "=", event)]).ids)

    @api.model
    def _webhook_wanted(self, event):
        return bool(self._subscription_ids_for(event))

    @api.model
    def _webhook_notify(self, event, records, extra=None):
        """Queue `event` for `records` (their `_webhook_data()`, plus the keys of `extra` in every dict) to the
        subscriptions of `event`; nothing is read when nobody subscribed."""
        if not records or not self._webhook_wanted(event):
            return self.env["webhook.delivery"]
        data_list = records._webhook_data()
        for data in data_list:
            data.update(extra or {})
        return self._webhook_enqueue(event, data_list)

    @api.model
    def _webhook_enqueue(self, event, data_list):
        """Queue one delivery of each event (one per dict of `data_list`) to every active subscription of `event`.

        The deliveries are records of the current transaction: a rolled-back transaction sends nothing. The cron
        sends them after the commit, never in the user's request. Every subscription gets the same event id.
        """
        subscription_ids = self._subscription_ids_for(event)
        if not subscription_ids or not data_list:
            return self.env["webhook.delivery"]
        now = fields.Datetime.now()
        timestamp = now.isoformat() + "Z"
        vals_list = []
        for data in data_list:
            event_id = str(uuid.uuid4())
            payload = json.dumps(
                {"event": event, "id": event_id, "timestamp": timestamp, "data": data},
                ensure_ascii=False, separators=(",", ":"), default=str,
            )
            vals_list += [
                {"subscription_id": subscription_id, "event": event, "event_id": event_id, "payload": payload,
                 "next_attempt_at": now}
                for subscription_id in subscription_ids
            ]
        deliveries = self.env["webhook.delivery"].sudo().create(vals_list)
        self.env.ref("webhook_subscription.ir_cron_send_deliveries").sudo()._trigger()
        return deliveries
