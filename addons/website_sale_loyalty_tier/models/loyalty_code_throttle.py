from datetime import timedelta

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.http import request
from odoo.tools import SQL

from ..lib.throttle import after_failure, session_key, wait_time

# System parameters (Settings > Technical > System Parameters); 0 switches a limit off.
PARAM_SESSION_LIMIT = "website_sale_loyalty_tier.code_attempts_per_session"
PARAM_IP_LIMIT = "website_sale_loyalty_tier.code_attempts_per_ip"
PARAM_WINDOW_MINUTES = "website_sale_loyalty_tier.code_attempts_window_minutes"
DEFAULTS = {PARAM_SESSION_LIMIT: 5, PARAM_IP_LIMIT: 20, PARAM_WINDOW_MINUTES: 15}


class LoyaltyCodeThrottle(models.Model):
    """Wrong codes typed in the shop per browser session and per IP address, one row per key.

    Kept in the database so that every worker and every node sees the same counts. The row of a key is updated in
    place: two workers counting a wrong code for the same key at once conflict on it, PostgreSQL refuses one
    (serialization failure) and Odoo replays that request, which then sees the other's count."""

    _name = "loyalty.code.throttle"
    _description = "Wrong shop codes per session or IP address"
    _log_access = False

    kind = fields.Selection([("session", "Session"), ("ip", "IP address")], required=True)
    key = fields.Char(required=True, help="The IP address, or a digest of the session id.")
    failures = fields.Integer(required=True, default=0)
    window_start = fields.Datetime()

    _kind_key_unique = models.Constraint("UNIQUE(kind, key)", "One counter per session or IP address.")

    @api.model
    def _limits(self):
        """``({kind: limit}, window)`` from the system parameters; a wrong value falls back to the default."""
        params = self.env["ir.config_parameter"].sudo()
        values = {}
        for name, default in DEFAULTS.items():
            try:
                values[name] = max(int(params.get_param(name, default)), 0)
            except ValueError:
                values[name] = default
        window = timedelta(minutes=values[PARAM_WINDOW_MINUTES] or DEFAULTS[PARAM_WINDOW_MINUTES])
        return {"session": values[PARAM_SESSION_LIMIT], "ip": values[PARAM_IP_LIMIT]}, window

    @api.model
    def _request_keys(self):
        """The keys of the current request: its session and its client's address (Odoo's, behind a proxy too)."""
        return [("session", session_key(request.session.sid)), ("ip", request.httprequest.remote_addr or "")]

    @api.model
    def _counters(self, keys):
        return self.search(Domain.OR([[("kind", "=", kind), ("key", "=", key)] for kind, key in keys]))

    @api.model
    def _wait_time(self, keys):
        """How long the slowest of these keys must still wait before trying a code (zero: they may try now)."""
        limits, window = self._limits()
        now = fields.Datetime.now()
        waits = [
            wait_time(row.failures, row.window_start or None, limits[row.kind], window, now)
            for row in self._counters(keys)
        ]
        return max(waits, default=timedelta(0))

    @api.model
    def _count_failure(self, keys):
        """Count one wrong code for each of these keys."""
        _limits, window = self._limits()
        now = fields.Datetime.now()
        for kind, key in keys:
            # A new key's row, created unless it exists; a row another worker is creating at this very moment makes
            # PostgreSQL refuse this transaction (serialization failure), which Odoo replays.
            self.env.cr.execute(SQL(
                "INSERT INTO loyalty_code_throttle (kind, key, failures) VALUES (%s, %s, 0) ON CONFLICT DO NOTHING",
                kind, key,
            ))
        for row in self._counters(keys):
            failures, start = after_failure(row.failures, row.window_start or None, window, now)
            row.write({"failures": failures, "window_start": start})

    @api.autovacuum
    def _gc_closed_windows(self):
        """Counters whose window closed a day ago or more count nothing any more."""
        _limits, window = self._limits()
        self.search([("window_start", "<", fields.Datetime.now() - window - timedelta(days=1))]).unlink()
