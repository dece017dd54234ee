import contextlib
import http.client
import logging
import socket
import threading
import time
from datetime import timedelta
from urllib.parse import urlsplit

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib.backoff import next_delay
from ..lib.signature import signature_header
from ..lib.target import address_refusal

_logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 5
BATCH_SIZE = 50
MAX_ERROR_LENGTH = 500
KEEP_DONE_DAYS = 30


def _connect_first(addresses, port, *args):
    """The first of `addresses` that accepts a connection, as socket.create_connection does with a name."""
    error = None
    for address in addresses:
        try:
            return socket.create_connection((address, port), *args)
        except OSError as exception:
            error = exception
    raise error


def _cut(connection):
    """Shut the connection's socket down, unblocking a read in progress (the socket of plain TCP, below TLS)."""
    if connection.sock is not None:
        with contextlib.suppress(OSError):  # already closed: the request ended on its own
            socket.socket.shutdown(connection.sock, socket.SHUT_RDWR)


class WebhookDelivery(models.Model):
    _name = "webhook.delivery"
    _description = "Webhook Delivery"
    _order = "id desc"
    _rec_name = "event_id"

    subscription_id = fields.Many2one(
        "webhook.subscription", required=True, ondelete="cascade", index=True, readonly=True,
    )
    event = fields.Char(required=True, readonly=True)
    event_id = fields.Char(
        "Event ID", required=True, readonly=True, help="The same on every attempt: receivers deduplicate on it.",
    )
    payload = fields.Text(required=True, readonly=True, help="The JSON body, sent byte for byte on every attempt.")
    state = fields.Selection(
        [("pending", "Pending"), ("done", "Delivered"), ("failed", "Failed, will retry"), ("dead", "Given up")],
        string="Status", default="pending", required=True, readonly=True,
    )
    attempts = fields.Integer(readonly=True)
    next_attempt_at = fields.Datetime(readonly=True)
    last_attempt_at = fields.Datetime(readonly=True)
    last_status_code = fields.Integer("Last HTTP status", readonly=True)
    response_time_ms = fields.Integer("Response time (ms)", readonly=True)
    last_error = fields.Char(readonly=True)

    # The cron's question: the oldest unsent delivery of each subscription.
    _unsent_index = models.Index("(subscription_id, id) WHERE state IN ('pending', 'failed')")

    def action_send_again(self):
        """Queue these deliveries again with the same event id and body, and resume their subscriptions if a given-up
        delivery paused them; the cron sends them shortly."""
        if not self:
            return
        self.write({
            "state": "pending", "attempts": 0, "next_attempt_at": fields.Datetime.now(), "last_error": False,
        })
        self.subscription_id.filtered(lambda subscription: not subscription.active).active = True
        self.env.ref("webhook_subscription.ir_cron_send_deliveries").sudo()._trigger()

    # Sending (the cron only)

    @api.model
    def _cron_send(self):
        """Send what is due, one committed attempt at a time; then wake up again at the next retry."""
        queue = self.sudo()
        # A POST cannot be taken back: each outcome is committed at once, so that a run stopped later (its time limit,
        # a crash) neither rolls back the record of requests already made nor makes them again on the next run.
        while queue._send_due(limit=1):
            if not self.env["ir.cron"]._commit_progress(1):
                break  # out of time: the trigger below runs the cron again at once
        queue._schedule_next_run()

    @api.model
    def _queue_heads(self):
        """The oldest unsent delivery of each active subscription: the only one of its queue that may be sent.

        One subscription's events leave in the order they happened: a newer delivery waits while an older one of the
        same subscription is retried. A given-up one pauses its subscription, and no longer holds the queue once the
        subscription is resumed.
        """
        heads = self._read_group(
            [("state", "in", ("pending", "failed")), ("subscription_id.active", "=", True)],
            ["subscription_id"], ["id:min"],
        )
        return self.browse(delivery_id for _subscription, delivery_id in heads)

    @api.model
    def _send_due(self, now=None, limit=BATCH_SIZE):
        """Send each queue's head that is due (at `now`, by default now); return the deliveries attempted."""
        now = now or fields.Datetime.now()
        due = self._queue_heads().filtered(lambda d: d.next_attempt_at <= now)[:limit].try_lock_for_update()
        for delivery in due:
            delivery._attempt()
        return due

    @api.model
    def _schedule_next_run(self):
        next_attempts = self._queue_heads().mapped("next_attempt_at")
        if next_attempts:
            self.env.ref("webhook_subscription.ir_cron_send_deliveries")._trigger(
                max(min(next_attempts), fields.Datetime.now())
            )

    def _attempt(self):
        """POST this delivery once, signed, and record the outcome and the next attempt."""
        self.ensure_one()
        subscription = self.subscription_id
        timestamp = int(time.time())
        body = self.payload.encode()
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "Stride-Webhooks/1.0",
            "X-Stride-Event": self.event,
            "X-Stride-Event-Id": self.event_id,
            "X-Stride-Signature": signature_header(subscription._signing_secrets(), timestamp, body),
        }
        timeout = self.env.context.get("webhook_timeout", TIMEOUT_SECONDS)
        started = time.monotonic()
        status, error = False, False
        try:
            status = self._post(subscription.target_url, body, headers, timeout)
            if not 200 <= status < 300:
                error = self.env._("The receiver answered HTTP %(status)s.", status=status)
        except TimeoutError:
            error = self.env._("No answer within %(seconds)s seconds.", seconds=timeout)
        except (OSError, http.client.HTTPException, UserError) as exception:
            error = str(exception) or exception.__class__.__name__
        except Exception as exception:  # noqa: BLE001 - one broken delivery must not block every queue behind it
            _logger.exception("Webhook %s could not be sent", self.event_id)
            error = str(exception) or exception.__class__.__name__
        elapsed_ms = round((time.monotonic() - started) * 1000)
        attempts = self.attempts + 1
        values = {
            "attempts": attempts,
            "last_attempt_at": fields.Datetime.now(),
            "last_status_code": status,
            "response_time_ms": elapsed_ms,
            "last_error": error and error[:MAX_ERROR_LENGTH],
        }
        if not error:
            values.update(state="done", next_attempt_at=False)
        elif (delay := next_delay(attempts)) is None:
            values.update(state="dead", next_attempt_at=False)
        else:
            values.update(state="failed", next_attempt_at=fields.Datetime.now() + timedelta(seconds=delay))
        if error:
            # INFO, not WARNING: a receiver being down is the receiver's problem, and the delivery log shows it.
            _logger.info("Webhook %s to %s, attempt %d: %s", self.event_id, subscription.target_url, attempts, error)
        self.write(values)
        if values["state"] == "dead":
            subscription._pause_after_giving_up(self)

    def _post(self, url, body, headers, timeout):
        """POST `body` to `url` and return the HTTP status. The host is resolved once and every address checked
        (a name pointing into the private network is refused), then the connection goes to that checked address;
        redirects are not followed."""
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        allow_loopback = self.env["webhook.subscription"]._webhook_allow_loopback()
        addresses = [info[4][0] for info in socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)]
        for address in addresses:
            if address_refusal(address, allow_loopback):
                raise UserError(self.env._("%(host)s resolves to a refused address (%(address)s).",
                                           host=parts.hostname, address=address))
        connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        connection = connection_class(parts.hostname, port, timeout=timeout)
        # Connect to the addresses checked above, not to a second resolution of the name (DNS rebinding); TLS still
        # checks the certificate against the host name.
        connection._create_connection = lambda _address, *args: _connect_first(addresses, port, *args)
        # The socket timeout bounds each read, not the request: a receiver dripping its answer a byte at a time would
        # hold the cron for ever. The whole request is cut after `timeout` seconds.
        deadline = time.monotonic() + timeout
        watchdog = threading.Timer(timeout, _cut, (connection,))
        watchdog.start()
        try:
            path = parts.path or "/"
            connection.request("POST", f"{path}?{parts.query}" if parts.query else path, body=body, headers=headers)
            response = connection.getresponse()
            response.read(65536)
        except (OSError, http.client.HTTPException):
            if time.monotonic() < deadline:
                raise
        finally:
            watchdog.cancel()
            connection.close()
        if time.monotonic() >= deadline:
            raise TimeoutError  # cut: headers ended by the cut read as a complete answer, and are not one
        return response.status

    @api.autovacuum
    def _gc_delivered(self):
        """Delivered events are kept 30 days for the log, then removed; failed and dead ones stay until handled."""
        limit = fields.Datetime.now() - timedelta(days=KEEP_DONE_DAYS)
        self.search([("state", "=", "done"), ("last_attempt_at", "<", limit)]).unlink()
