from contextlib import contextmanager
from contextvars import ContextVar

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..lib import pipeline
from ..lib.feedback import COMMENT_MAX_LENGTH, RATING_MIN, clean_comment, parse_rating
from ..lib.transit import is_web_url, parse_event_time
from .sale_order_transit_event import TRANSIT_STATUSES

# Set only by Python code in this process (never from a request's context), so no RPC caller can silence mails.
_replaying_history = ContextVar("sale_order_pipeline_replaying_history", default=False)


@contextmanager
def replaying_history():
    """Record stage changes and carrier updates without telling anyone: no customer e-mail, no team notice.

    For code that replays past orders (a demo, an import): a "delivered" carrier update still moves its order.
    """
    token = _replaying_history.set(True)
    try:
        yield
    finally:
        _replaying_history.reset(token)


PIPELINE_STAGES = [
    (pipeline.AWAITING, "Awaiting confirmation"),
    (pipeline.CONFIRMED, "Confirmed"),
    (pipeline.PACKAGING, "Packaging"),
    (pipeline.SHIPPING, "Shipping"),
    (pipeline.DELIVERED, "Delivered"),
    (pipeline.FEEDBACK, "Feedback received"),
    (pipeline.CANCELLED, "Cancelled"),
    (pipeline.RETURNED, "Returned/Refunded"),
]


class SaleOrder(models.Model):
    _name = "sale.order"
    # The delivery feedback is Odoo's own rating of the order (rating.rating), shown in its chatter.
    _inherit = ["rating.mixin", "sale.order"]

    pipeline_stage = fields.Selection(
        PIPELINE_STAGES,
        string="Fulfilment Stage",
        default=pipeline.AWAITING,
        required=True,
        copy=False,
        index=True,
        tracking=True,
        group_expand="_group_expand_pipeline_stage",
    )
    pipeline_history_ids = fields.One2many(
        "sale.order.stage.history", "order_id", string="Stage History", readonly=True
    )
    pipeline_next_stage = fields.Selection(PIPELINE_STAGES, string="Next Stage", compute="_compute_pipeline_next_stage")
    # One place for the tracking number: the delivery transfer's own (stock_delivery); the order only shows it.
    pipeline_tracking_ref = fields.Char(
        string="Tracking Number",
        compute="_compute_pipeline_tracking_ref",
        search="_search_pipeline_tracking_ref",
    )
    pipeline_tracking_url = fields.Char(string="Tracking Link", copy=False)
    pipeline_feedback_ids = fields.Many2many(
        "sale.order.feedback", string="Feedback", compute="_compute_pipeline_feedback_ids"
    )
    pipeline_transit_event_ids = fields.One2many("sale.order.transit.event", "order_id", string="Carrier Updates")

    def _group_expand_pipeline_stage(self, stages, domain):
        # The working columns always show; the others only when they hold orders, so that a phone opens on work.
        working = {pipeline.CONFIRMED, pipeline.PACKAGING, pipeline.SHIPPING, pipeline.DELIVERED}
        return [key for key, _label in PIPELINE_STAGES if key in working or key in stages]

    @api.depends("pipeline_stage")
    def _compute_pipeline_next_stage(self):
        for order in self:
            order.pipeline_next_stage = pipeline.next_stage(order.pipeline_stage)

    @api.depends("picking_ids.carrier_tracking_ref", "picking_ids.picking_type_id", "picking_ids.state")
    def _compute_pipeline_tracking_ref(self):
        for order in self:
            refs = order._pipeline_outgoing_pickings().filtered("carrier_tracking_ref").mapped("carrier_tracking_ref")
            order.pipeline_tracking_ref = ", ".join(dict.fromkeys(refs)) or False

    def _search_pipeline_tracking_ref(self, operator, value):
        if operator not in ("in", "=", "like", "ilike", "=like", "=ilike"):
            return NotImplemented
        return [
            (
                "picking_ids",
                "any",
                [
                    ("carrier_tracking_ref", operator, value),
                    ("picking_type_code", "=", "outgoing"),
                    ("state", "!=", "cancel"),
                ],
            )
        ]

    @api.constrains("pipeline_tracking_url")
    def _check_pipeline_tracking_url(self):
        for order in self:
            if order.pipeline_tracking_url and not is_web_url(order.pipeline_tracking_url):
                raise ValidationError(
                    self.env._(
                        "The tracking link of order %(name)s must be a web address starting with http:// or https://.",
                        name=order.name,
                    )
                )

    @api.depends("rating_ids.consumed", "rating_ids.rating")
    def _compute_pipeline_feedback_ids(self):
        # Searched as the current user: the feedback shows to whoever may see it (see the record rules). The rating
        # is fetched with it: the order page shows it, and grouping by order would read the rows again otherwise.
        feedback = (
            self.env["sale.order.feedback"]
            .search_fetch([("order_id", "in", self.ids)], ["order_id", "rating"])
            .grouped("order_id")
        )
        for order in self:
            order.pipeline_feedback_ids = feedback.get(order, self.env["sale.order.feedback"])

    # Following Odoo: the stages that Odoo's own documents already know.

    def _action_confirm(self):
        result = super()._action_confirm()
        self._pipeline_follow(pipeline.CONFIRMED)
        return result

    def _action_cancel(self):
        result = super()._action_cancel()
        for order in self.filtered(lambda o: o._pipeline_refusal(o.pipeline_stage, pipeline.CANCELLED) is None):
            order._pipeline_move(pipeline.CANCELLED, source="odoo")
        return result

    def action_draft(self):
        reopened = self.filtered(lambda o: o.state == "cancel" and o.pipeline_stage == pipeline.CANCELLED)
        result = super().action_draft()
        for order in reopened.filtered(lambda o: o.state == "draft"):
            order._pipeline_move(pipeline.AWAITING, reason=self.env._("Set back to quotation"), source="odoo")
        return result

    def _pipeline_follow(self, target):
        """Move each order forward through every stage up to `target`; orders already there or past it stay."""
        for order in self:
            for stage in pipeline.forward_path(order.pipeline_stage, target):
                order._pipeline_move(stage, source="odoo")

    # Moves by people: staff and managers from the backend or the API, customers from the portal.

    def action_pipeline_advance(self):
        """Move each order to the next stage of the main line, with the caller's rights."""
        for order in self:
            target = order.pipeline_next_stage
            if not target:
                raise UserError(self.env._("Order %(name)s is at the end of its pipeline.", name=order.name))
            order.action_pipeline_set_stage(target)
        return True

    def action_pipeline_set_stage(self, stage, reason=False):
        """Move each order to `stage` if the pipeline rules and the caller's role allow it."""
        if stage == pipeline.FEEDBACK:
            raise UserError(
                self.env._("Feedback is left by the customer with a rating (action_pipeline_leave_feedback).")
            )
        for order in self:
            old = order.pipeline_stage
            order._pipeline_check_move(old, stage, bool(reason))
            if stage == pipeline.SHIPPING and not order.pipeline_tracking_ref:
                raise UserError(self.env._("Enter the tracking number of order %(name)s to ship it.", name=order.name))
            if stage == pipeline.CONFIRMED and order.state in ("draft", "sent"):
                # Confirming the sale makes Odoo create the transfers; the stage follows from there.
                order.sudo().action_confirm()
            elif stage == pipeline.CANCELLED:
                order.sudo()._action_cancel()
            else:
                order._pipeline_move(stage, reason=reason)
                if old == pipeline.CANCELLED:
                    order.sudo().action_draft()
        return True

    def action_pipeline_ship(self, tracking_ref, carrier_id=False, tracking_url=False):
        """Record the carrier and tracking number, then move each order to Shipping."""
        tracking_ref = (tracking_ref or "").strip()
        if not tracking_ref:
            raise UserError(self.env._("A tracking number is required to ship an order."))
        for order in self:
            order._pipeline_check_move(order.pipeline_stage, pipeline.SHIPPING, False)
            order.sudo()._pipeline_set_tracking(tracking_ref, carrier_id, tracking_url)
            order._pipeline_move(pipeline.SHIPPING)
        return True

    def action_pipeline_open_ship_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Ship"),
            "res_model": "sale.order.pipeline.ship",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_ids": self.ids, "default_carrier_id": self[:1].carrier_id.id},
        }

    def action_pipeline_confirm_receipt(self):
        """The customer, the carrier (over the API) or staff says the parcel arrived."""
        return self.action_pipeline_set_stage(pipeline.DELIVERED)

    def action_pipeline_leave_feedback(self, rating, comment=False):
        """The customer rates a delivered order from 1 to 5, once, with an optional comment.

        The rating is Odoo's own (`rating.rating` of the order, posted in its chatter by the customer and rating the
        salesperson); *Delivery Feedback* reports on it.
        """
        self.ensure_one()
        rating = self._pipeline_rating_value(rating)
        comment = self._pipeline_comment_value(comment)
        if self.sudo().pipeline_feedback_ids:
            raise UserError(self.env._("Order %(name)s already has your feedback. Thank you!", name=self.name))
        self._pipeline_check_move(self.pipeline_stage, pipeline.FEEDBACK, False)
        # sudo: a customer cannot create ratings, but the checks above make this one theirs to give. The rating is
        # the order's customer's, also when a manager records what the customer said (Odoo's _rating_get_partner).
        # Two feedbacks sent at once both write the order's stage below: the second transaction fails on that row,
        # and Odoo's retry finds the first feedback and refuses.
        order = self.sudo()
        order.rating_apply(rating, token=order._rating_get_access_token(), feedback=comment or False)
        self._pipeline_move(pipeline.FEEDBACK)
        return True

    def action_pipeline_add_transit_event(
        self, status, location=False, event_time=False, note=False, carrier_ref=False
    ):
        """Record a carrier update on each shipped order and tell its customer; a retried update is kept once.

        `event_time` is ISO 8601 (UTC when it has no offset), now by default; `carrier_ref` is the carrier's own id
        of the update, which makes retries safe even without a time. Returns the ids of the updates.
        """
        events = self.env["sale.order.transit.event"]
        for order in self:
            vals = {
                "order_id": order.id,
                "status": status,
                "location": (location or "").strip() or False,
                "event_time": order._pipeline_event_time(event_time),
                "note": (note or "").strip() or False,
                "carrier_ref": (carrier_ref or "").strip() or False,
            }
            # A retry is answered with the update it repeats, even once the order has moved on (e.g. delivered).
            known = events.search(
                [("order_id", "=", order.id), ("event_key", "=", events._pipeline_event_key(vals))], limit=1
            )
            events |= known or events.create(vals)
        return events.ids

    def _pipeline_event_time(self, value):
        if not value:
            return fields.Datetime.now()
        try:
            return parse_event_time(str(value))
        except ValueError as exc:
            raise UserError(
                self.env._("%(value)s is not a date and time (use ISO 8601, e.g. 2026-05-04T14:30:00Z).", value=value)
            ) from exc

    def _pipeline_check_transit_event(self, status):
        self.ensure_one()
        if status not in dict(TRANSIT_STATUSES):
            raise UserError(
                self.env._(
                    "%(status)s is not a carrier update; use one of: %(known)s.",
                    status=status,
                    known=", ".join(key for key, _label in TRANSIT_STATUSES),
                )
            )
        if self.pipeline_stage != pipeline.SHIPPING:
            raise UserError(
                self.env._(
                    "Order %(name)s is not on its way (%(stage)s): carrier updates start once it ships.",
                    name=self.name,
                    stage=self._pipeline_stage_label(self.pipeline_stage),
                )
            )

    def _on_pipeline_transit_event(self, event):
        """Tell the customer about a carrier update once; a "delivered" update moves the order to Delivered."""
        self.ensure_one()
        if event.notified:
            return
        event.sudo().notified = True
        if event.status == pipeline.DELIVERED:
            # The Delivered stage sends its own e-mail: a second one about the same parcel would be noise.
            self._pipeline_move(pipeline.DELIVERED, source="carrier")
            return
        self._pipeline_send_customer_mail(
            self.env.ref("sale_order_pipeline.mail_template_pipeline_transit", raise_if_not_found=False)
        )

    def _pipeline_rating_value(self, rating):
        """`rating` as a whole score from 1 to 5, or a clear error."""
        score = parse_rating(rating)
        if score is None:
            raise UserError(self.env._("Please give a rating from 1 to 5."))
        return score

    def _pipeline_comment_value(self, comment):
        """`comment` trimmed, or a clear error when it is too long (never cut silently)."""
        comment = clean_comment(comment)
        if len(comment) > COMMENT_MAX_LENGTH:
            raise UserError(
                self.env._(
                    "Your comment is %(length)s characters long; please keep it to %(max)s.",
                    length=len(comment),
                    max=COMMENT_MAX_LENGTH,
                )
            )
        return comment

    def action_pipeline_print_packing_slip(self):
        pickings = self.picking_ids.filtered(lambda p: p.state != "cancel")
        if not pickings:
            raise UserError(self.env._("There is nothing to pack for these orders."))
        return self.env.ref("stock.action_report_delivery").report_action(pickings)

    def _pipeline_check_move(self, old, new, has_reason):
        self.ensure_one()
        code = self._pipeline_refusal(old, new, has_reason)
        if code:
            raise UserError(self._pipeline_refusal_message(code, old, new))
        roles = self._pipeline_user_roles() & pipeline.roles_allowed(old, new)
        customer_only = roles == {pipeline.CUSTOMER}
        if customer_only and new == pipeline.CONFIRMED and not self.sudo()._pipeline_customer_can_confirm():
            # Whatever the way in (portal or API), a customer cannot skip a required signature or payment.
            raise UserError(self.env._("Order %(name)s is confirmed by signing or paying it.", name=self.name))
        if not roles:
            raise AccessError(
                self.env._(
                    "You are not allowed to move order %(name)s from %(old)s to %(new)s.",
                    name=self.name,
                    old=self._pipeline_stage_label(old),
                    new=self._pipeline_stage_label(new),
                )
            )

    def _pipeline_refusal(self, old, new, has_reason=False):
        """Why moving from `old` to `new` is refused (a code of `_pipeline_refusal_message`), or None when allowed.

        The rules are `lib/pipeline.py`'s; a bridge that adds a stage extends them here (and the messages).
        """
        return pipeline.refusal(old, new, has_reason)

    def _pipeline_user_roles(self):
        self.ensure_one()
        user = self.env.user
        roles = set()
        if user.has_group("sales_team.group_sale_manager"):
            roles.add(pipeline.MANAGER)
        if user.has_group("sales_team.group_sale_salesman") or user.has_group("stock.group_stock_user"):
            roles.add(pipeline.STAFF)
        if self._pipeline_is_customer():
            roles.add(pipeline.CUSTOMER)
        return roles

    def _pipeline_stage_label(self, stage):
        return dict(self._fields["pipeline_stage"]._description_selection(self.env)).get(stage, stage)

    def _pipeline_refusal_message(self, code, old, new):
        values = {
            "name": self.name,
            "old": self._pipeline_stage_label(old),
            "new": self._pipeline_stage_label(new),
        }
        messages = {
            "unknown": self.env._("%(new)s is not a stage of the order pipeline.", **values),
            "same": self.env._("Order %(name)s is already in stage %(new)s.", **values),
            "final": self.env._("Order %(name)s was returned; its pipeline is closed.", **values),
            "skip": self.env._(
                "Order %(name)s cannot jump from %(old)s to %(new)s: stages cannot be skipped.", **values
            ),
            "back_without_reason": self.env._(
                "Moving order %(name)s back from %(old)s to %(new)s needs a reason.", **values
            ),
            "back_too_far": self.env._(
                "Order %(name)s can only go back one stage, not from %(old)s to %(new)s.", **values
            ),
            "not_cancellable": self.env._(
                "Order %(name)s is already %(old)s and can no longer be cancelled; register a return instead.",
                **values,
            ),
            "not_returnable": self.env._(
                "Order %(name)s has not been shipped yet (%(old)s), so it cannot be returned.", **values
            ),
        }
        return messages[code]

    def _pipeline_outgoing_pickings(self):
        return self.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing" and p.state != "cancel")

    def _pipeline_set_tracking(self, tracking_ref, carrier_id=False, tracking_url=False):
        """Write the tracking number on the open outgoing transfers (delivery's own field) and keep the link."""
        self.ensure_one()
        carrier = self.env["delivery.carrier"].browse(carrier_id) if carrier_id else self.carrier_id
        outgoing = self._pipeline_outgoing_pickings()
        if not outgoing:
            raise UserError(self.env._("Order %(name)s has no delivery to ship.", name=self.name))
        outgoing.write({"carrier_id": carrier.id, "carrier_tracking_ref": tracking_ref})
        self.write(
            {
                "carrier_id": carrier.id or self.carrier_id.id,
                "pipeline_tracking_url": tracking_url or self._pipeline_carrier_tracking_url(),
            }
        )

    def _pipeline_carrier_tracking_url(self):
        """The carrier's own tracking link of the delivery, when it is a web address (some carriers give JSON)."""
        url = self._pipeline_outgoing_pickings()[:1].carrier_tracking_url
        return url if is_web_url(url) else False

    # The one place a stage changes.

    def _pipeline_move(self, new_stage, reason=False, source="manual"):
        """Record the move of one order to `new_stage` and announce it; a repeated move is a silent no-op."""
        self.ensure_one()
        old_stage = self.pipeline_stage
        if old_stage == new_stage:
            return self.env["sale.order.stage.history"]
        code = self._pipeline_refusal(old_stage, new_stage, bool(reason))
        if code:
            raise UserError(self._pipeline_refusal_message(code, old_stage, new_stage))
        self.sudo().pipeline_stage = new_stage
        history = (
            self.env["sale.order.stage.history"]
            .sudo()
            .create(
                {
                    "order_id": self.id,
                    "stage": new_stage,
                    "previous_stage": old_stage,
                    "user_id": self.env.user.id,
                    "reason": reason or False,
                    "source": source,
                }
            )
        )
        if reason:
            self.message_post(
                body=self.env._(
                    "Moved back to %(stage)s: %(reason)s",
                    stage=self._pipeline_stage_label(new_stage),
                    reason=reason,
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        self._on_pipeline_stage_changed(old_stage, new_stage, history)
        return history

    def _on_pipeline_stage_changed(self, old_stage, new_stage, history):
        """Event raised once per stage change of one order, after it is recorded.

        Extend it (and call super) to react to stage changes, e.g. to send webhooks. The default implementation
        notifies the customer and the team once per `history` line, so a replayed event sends nothing twice.
        """
        self.ensure_one()
        if history.notified:
            return
        history.notified = True
        self._pipeline_notify_customer(new_stage)
        self._pipeline_notify_team(old_stage, new_stage)

    # Notifications

    def _pipeline_notify_customer(self, stage):
        if stage == pipeline.CONFIRMED:
            # The Confirmed e-mail is Odoo's own order confirmation. Confirming with `send_email` (a payment, a
            # signature, the shop) makes sale send it right after this: sending it here too would make two.
            if self.partner_id.email and not self.env.context.get("send_email"):
                self.sudo()._send_order_confirmation_mail()
            return
        self._pipeline_send_customer_mail(
            self.env.ref(f"sale_order_pipeline.mail_template_pipeline_{stage}", raise_if_not_found=False)
        )

    def _pipeline_send_customer_mail(self, template):
        """Post `template` to the customer through sale's own path, so it shows in the chatter and the mail queue."""
        if template and self.partner_id.email:
            # Not deferred: sale keeps one pending template per order, so two stages in a row would lose one.
            self.sudo()._send_order_notification_mail(template, allow_deferred_sending=False)

    def _send_order_notification_mail(self, mail_template, allow_deferred_sending=True):
        if _replaying_history.get():
            return None
        return super()._send_order_notification_mail(mail_template, allow_deferred_sending=allow_deferred_sending)

    def _pipeline_notify_team(self, old_stage, new_stage):
        partners = self._pipeline_team_partners()
        if not partners or _replaying_history.get():
            return
        body = Markup("<p>%s</p>") % self.env._(
            "Order %(name)s (%(customer)s) moved from %(old)s to %(new)s.",
            name=self.name,
            customer=self.partner_id.display_name,
            old=self._pipeline_stage_label(old_stage),
            new=self._pipeline_stage_label(new_stage),
        )
        self.sudo().message_notify(
            partner_ids=partners.ids,
            subject=self.env._("%(name)s: %(stage)s", name=self.name, stage=self._pipeline_stage_label(new_stage)),
            body=body,
            subtype_xmlid="mail.mt_note",
            email_layout_xmlid="mail.mail_notification_light",
        )

    def _pipeline_team_partners(self):
        """The partners of the users in the group chosen in the settings (sales managers unless changed)."""
        group = self.env["res.config.settings"]._pipeline_notify_group()
        # One query: the group's own members (as ``res.groups.user_ids``), active, allowed in the order's company.
        return (
            self.env["res.users"]
            .sudo()
            .search_fetch(
                [("group_ids", "in", group.ids), ("company_ids", "in", self.company_id.ids), ("active", "=", True)],
                ["partner_id"],
            )
            .partner_id
        )

    def _track_subtype(self, init_values):
        self.ensure_one()
        # A confirmation or cancellation keeps sale's own subtype so its followers are told as before.
        if "pipeline_stage" in init_values and "state" not in init_values:
            return self.env.ref("sale_order_pipeline.mt_pipeline_stage")
        return super()._track_subtype(init_values)

    # Customer side (portal)

    def _pipeline_is_customer(self):
        """Whether the current user is this order's customer (or a contact of the same company)."""
        self.ensure_one()
        return self.env.user.partner_id.commercial_partner_id == self.partner_id.commercial_partner_id

    def _pipeline_portal_history(self):
        """The stage history as the portal's timeline shows it, oldest first, read in one query (the one2many field
        would search the lines, then read them)."""
        self.ensure_one()
        return self.env["sale.order.stage.history"].search_fetch(
            [("order_id", "=", self.id)], ["stage", "date"], order="date, id"
        )

    def _pipeline_portal_transit_events(self):
        """The carrier updates as the portal lists them, newest first, read in one query."""
        self.ensure_one()
        return self.env["sale.order.transit.event"].search_fetch(
            [("order_id", "=", self.id)], ["status", "location", "event_time", "note"]
        )

    def _pipeline_portal_rating(self):
        """The rating the order page shows, 1 to 5, or 0 without feedback: Odoo's last rating of the order, stored on
        the order (an order is rated once, so it is its feedback's), which spares the page a query on the feedback."""
        self.ensure_one()
        rating = self.sudo().rating_last_value
        return round(rating) if rating >= RATING_MIN else 0

    def _pipeline_customer_can_confirm(self):
        """Orders that need neither a signature nor a payment are confirmed by their customer in one click."""
        self.ensure_one()
        return (
            self.pipeline_stage == pipeline.AWAITING
            and self.state in ("draft", "sent")
            and not self.is_expired
            and not self._has_to_be_signed()
            and not self._has_to_be_paid()
        )
