from odoo import models
from odoo.exceptions import AccessDenied


class ResUsers(models.Model):
    _inherit = "res.users"

    def _check_credentials(self, credential, env):
        auth_info = super()._check_credentials(credential, env)
        # Checked after the password, so that the message tells nothing to someone who does not know it.
        if self.env["auth.signup.confirmation"].sudo().search_count([("user_id", "=", self.env.user.id)], limit=1):
            raise AccessDenied(
                self.env._(
                    "Please confirm your e-mail address first: open the link we sent you, or enter its code "
                    "on the confirmation page (/web/signup/confirm)."
                )
            )
        return auth_info
