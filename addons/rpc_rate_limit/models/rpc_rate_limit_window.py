import logging
import time
from datetime import UTC, datetime

from odoo import api, fields, models
from odoo.tools import SQL, sql

from odoo.addons.base.models.res_users import INDEX_SIZE

from ..exceptions import RateLimitExceeded
from ..lib.window import HOUR, retry_after, window_start

_logger = logging.getLogger(__name__)

LIMIT_PARAM = "rpc_rate_limit.requests_per_hour"
DEFAULT_LIMIT = 1000  # seed 002: 1,000 requests per hour per API key


def _utc(epoch):
    return datetime.fromtimestamp(epoch, UTC).replace(tzinfo=None)


class RpcRateLimitWindow(models.Model):
    _name = "rpc.rate.limit.window"
    _description = "API Key Requests per Hour"
    _order = "window_start desc, id desc"
    _log_access = False  # written by one SQL upsert per request; who and when are the key and the window

    key_id = fields.Many2one("res.users.apikeys", "API Key", required=True, readonly=True, ondelete="cascade")
    user_id = fields.Many2one(related="key_id.user_id", string="User")
    window_start = fields.Datetime("Hour", required=True, readonly=True)
    request_count = fields.Integer("Requests", required=True, readonly=True)

    _key_window_unique = models.Constraint(
        "UNIQUE (key_id, window_start)", "An API key has one counter per hour.",
    )

    def init(self):
        # The ORM adds no foreign key towards res_users_apikeys, a table it does not manage (_auto = False): without
        # this one, a removed key, or the keys of a deleted user, would leave their counts behind.
        args = (self.env.cr, self._table, "key_id", "res_users_apikeys", "id", "cascade")
        if not sql.get_foreign_keys(*args):
            sql.add_foreign_key(*args)

    @api.model
    def _rate_limit(self):
        """Requests allowed per key and hour; 0 turns the limit off."""
        value = self.env["ir.config_parameter"].sudo().get_param(LIMIT_PARAM, DEFAULT_LIMIT)
        try:
            return max(int(value), 0)
        except ValueError:
            _logger.warning("System parameter %s is not a whole number (%r): using %s", LIMIT_PARAM, value,
                            DEFAULT_LIMIT)
            return DEFAULT_LIMIT

    @api.model
    def _count_request(self, uid, secret):
        """Count a request authenticated as `uid` with `secret`; refuse it when its API key is over the limit.

        `secret` already passed Odoo's check: when it is one of the user's API keys, it is the key whose index (its
        first characters, as Odoo stores them) it starts with; a password matches no key and is not counted.
        """
        limit = self._rate_limit()
        if not limit:
            return
        now = time.time()
        if self.env.cr.readonly:
            # Odoo's own way to write during a read-only request (res.device, assets): end the read-only
            # transaction before taking a read/write cursor.
            self.env.cr.rollback()
        # Counted in a transaction of its own, committed at once: a key's parallel requests do not hold the counter's
        # row lock for their whole duration, and a request that fails later still counts. Two counting at the very
        # same moment conflict (repeatable read): PostgreSQL refuses one, and Odoo replays that request.
        with self.env.registry.cursor() as cr:
            cr.execute(SQL(
                """
                INSERT INTO %(table)s AS counter (key_id, window_start, request_count)
                     SELECT apikey.id, %(window_start)s, 1
                       FROM res_users_apikeys apikey
                      WHERE apikey.user_id = %(uid)s AND apikey.index = %(index)s
                   ORDER BY apikey.id
                      LIMIT 1
                ON CONFLICT (key_id, window_start)
                DO UPDATE SET request_count = counter.request_count + 1
                  RETURNING counter.request_count
                """,
                table=SQL.identifier(self._table),
                window_start=_utc(window_start(now)),
                uid=uid,
                index=secret[:INDEX_SIZE],
            ))
            row = cr.fetchone()
        if row and row[0] > limit:
            seconds = retry_after(now)
            raise RateLimitExceeded(
                self.env._(
                    "Too many requests with this API key: %(limit)s per hour. Try again in %(seconds)s seconds.",
                    limit=limit, seconds=seconds,
                ),
                retry_after=seconds,
            )

    @api.autovacuum
    def _gc_ended_windows(self):
        """An hour that ended refuses nothing any more."""
        self.search([("window_start", "<", _utc(window_start(time.time(), HOUR)))]).unlink()
