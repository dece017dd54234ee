from odoo.http import route

from odoo.addons.rpc.controllers import RPC

from ..exceptions import RateLimitExceeded


class RateLimitedRPC(RPC):
    """XML-RPC builds its fault response inside the route (Odoo's `_handle_error` never sees it): give it the 429
    status and Retry-After there."""

    @route()
    def xmlrpc_1(self, service):
        return self._rate_limited(super().xmlrpc_1, service)

    @route()
    def xmlrpc_2(self, service):
        return self._rate_limited(super().xmlrpc_2, service)

    def _rate_limited(self, endpoint, service):
        try:
            return endpoint(service)
        except RateLimitExceeded as exc:
            exc.mark_response(exc.error_response)
            raise
