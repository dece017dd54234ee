from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        users = super(ResUsers, self.with_context(webhook_creating_user=True)).create(vals_list).with_env(self.env)
        # A portal signup's new partner is a new customer; an employee's is not, and a partner given an account
        # was announced when it was created.
        subscriptions = self.env["webhook.subscription"]
        if subscriptions._webhook_wanted("customer.created"):
            new_partners = self.env["res.partner"].union(*(
                user.partner_id for user, vals in zip(users, vals_list) if user.share and not vals.get("partner_id")
            ))
            subscriptions._webhook_notify("customer.created", new_partners._webhook_customers())
        return users
