from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _is_totp_required(self):
        """Whether this user's groups oblige them to use an authenticator app (portal users never are)."""
        self.ensure_one()
        required = self.env["res.groups"]._get_totp_required_group_ids()
        return not self.share and not required.isdisjoint(self._get_group_ids())

    def _is_totp_setup_pending(self):
        self.ensure_one()
        return self._is_totp_required() and not self.totp_enabled

    def _rpc_api_keys_only(self):
        # as for a user who has set up two-factor authentication: a password alone would skip the second factor
        return self._is_totp_required() or super()._rpc_api_keys_only()
