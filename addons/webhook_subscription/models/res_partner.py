from odoo import api, models

# The fields of the `customer.*` payload: a write touching none of them sends no `customer.updated`.
CUSTOMER_FIELDS = frozenset((
    "name", "email", "phone", "is_company", "parent_id", "street", "street2", "city", "zip", "state_id", "country_id",
    "lang", "vat", "ref", "active",
))


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        subscriptions = self.env["webhook.subscription"]
        # A user's partner is created before the user: res.users announces its portal customers itself.
        if not self.env.context.get("webhook_creating_user") and subscriptions._webhook_wanted("customer.created"):
            subscriptions._webhook_notify("customer.created", partners._webhook_customers())
        return partners

    def write(self, vals):
        result = super().write(vals)
        subscriptions = self.env["webhook.subscription"]
        if (changed := CUSTOMER_FIELDS & vals.keys()) and subscriptions._webhook_wanted("customer.updated"):
            subscriptions._webhook_notify("customer.updated", self._webhook_customers(), {"changed": sorted(changed)})
        return result

    def unlink(self):
        subscriptions = self.env["webhook.subscription"]
        if subscriptions._webhook_wanted("customer.deleted"):
            # The payload is read before the rows go; the deliveries are queued in the same transaction.
            subscriptions._webhook_notify("customer.deleted", self._webhook_customers())
        return super().unlink()

    def _webhook_customers(self):
        """The partners integrators know as customers: contacts outside the company (no internal user) that are not
        only vendors."""
        return self.filtered(lambda p: p.partner_share and (p.customer_rank or not p.supplier_rank))

    def _webhook_data(self):
        """The `data` of the `customer.*` events (documented in readme/USAGE.md)."""
        return [
            {
                "id": partner.id,
                "name": partner.name,
                "email": partner.email or None,
                "phone": partner.phone or None,
                "is_company": partner.is_company,
                "company_id": partner.parent_id.id or None,
                "address": {
                    "street": partner.street or None,
                    "street2": partner.street2 or None,
                    "city": partner.city or None,
                    "zip": partner.zip or None,
                    "state_code": partner.state_id.code or None,
                    "country_code": partner.country_id.code or None,
                },
                "lang": partner.lang or None,
                "vat": partner.vat or None,
                "ref": partner.ref or None,
                "active": partner.active,
            }
            for partner in self.sudo()
        ]

