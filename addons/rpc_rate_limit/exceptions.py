import logging

from odoo.exceptions import UserError


class RateLimitExceeded(UserError):
    """An API key used up its requests for the current window; raised before any business work.

    A UserError, so XML-RPC answers a short fault (code 2) instead of a traceback; logged at INFO by odoo.http (a
    client's mistake, not the server's).
    """

    http_status = 429
    loglevel = logging.INFO

    def __init__(self, message, retry_after):
        super().__init__(message)
        self.retry_after = retry_after

    def mark_response(self, response):
        """Give the error `response` built for this exception its 429 status and Retry-After header."""
        response.status_code = self.http_status
        response.headers["Retry-After"] = str(self.retry_after)
        return response
