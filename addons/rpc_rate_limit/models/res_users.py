from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _check_uid_passwd(self, uid, passwd):
        # Every XML-RPC and JSON-RPC `object` call comes through here after authentication and before its method
        # runs; Odoo caches the check itself, not this override, so each call is counted.
        result = super()._check_uid_passwd(uid, passwd)
        self.env["rpc.rate.limit.window"]._count_request(uid, passwd)
        return result
