from odoo.http import route

from odoo.addons.rpc.controllers import RPC

from ..exceptions import RateLimitExceeded


class RateLimitedRPC(RPC):
    """XML-RPC builds its fault response inside the route: give it the 429 status and Retry-After there."""

    @route()
    def xmlrpc_1(self, service):
        try:
            return super().xmlrpc_1(service)
        except RateLimitExceeded as exc:
            exc.mark_response(exc.error_response)
            raise

    @route()
    def xmlrpc_2(self, service):
        try:
            return super().xmlrpc_2(service)
        except RateLimitExceeded as exc:
            exc.mark_response(exc.error_response)
            raise
