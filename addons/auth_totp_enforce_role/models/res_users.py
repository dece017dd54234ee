from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _is_totp_required(self):
        """Whether this user's groups oblige them to use an authenticator app (portal users never are)."""
        self.ensure_one()
        required = self.env["res.groups"]._get_totp_required_group_ids()
        # Asked on every signed-in request: the cached groups say whether the user is internal (``share`` is its
        # negation), where reading ``share`` would read the user's row.
        return not required.isdisjoint(self._get_group_ids()) and self._is_internal()

    def _is_totp_setup_pending(self):
        self.ensure_one()
        return self._is_totp_required() and not self.totp_enabled

    def _rpc_api_keys_only(self):
        # as for a user who has set up two-factor authentication: a password alone would skip the second factor
        return self._is_totp_required() or super()._rpc_api_keys_only()
