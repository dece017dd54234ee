from odoo import Command, api, models

from ..lib import customers, roles
from .stride_demo_builder import SEED, demo_xmlid


# One file per subject is the point of the builder (see readme/DEVELOP.md), hence several classes inheriting it.
class StrideDemoBuilder(models.AbstractModel):
    """The people: customers in eight countries and one login per role."""

    _inherit = "stride.demo.builder"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _stride_demo_steps(self):
        return super()._stride_demo_steps() + [(30, "_demo_customers"), (31, "_demo_users")]

    def _demo_customers(self, shop):
        """200 customers in the shop's markets; ``regular`` is the index of the one the portal login belongs to."""
        profiles = customers.customer_profiles(SEED)
        countries = self._countries(profile.country_code for profile in profiles)
        partners = self.env["res.partner"].create([
            {
                "name": profile.name,
                "email": profile.email,
                "phone": profile.phone,
                "street": profile.street,
                "city": profile.city,
                "zip": profile.zip,
                "country_id": countries[profile.country_code].id,
                "lang": profile.lang,
                "tz": profile.tz,
                "customer_rank": 1,
            }
            for profile in profiles
        ])
        self._register_xmlids({demo_xmlid("res_partner_customer", f"{index + 1:03d}"): partner
                        for index, partner in enumerate(partners)})
        shop["partners"] = partners
        shop["regular"] = next(index for index, profile in enumerate(profiles) if profile.country_code == "US")

    def _demo_users(self, shop):
        """One demo login per role, the password being the login (see readme/USAGE.md)."""
        portal_partner = shop["partners"][shop["regular"]]
        # Demo passwords are short on purpose (the login): created like the users of data files, which the password
        # policy (auth_security_policy: password_security skips its checks while data loads, install_mode) lets
        # through. A password changed later must meet the policy.
        Users = self.env["res.users"].with_context(install_mode=True)
        users = {}
        for login, group_xmlids in roles.ROLE_GROUPS.items():
            values = {
                "login": login,
                "password": login,
                "group_ids": [Command.set([self.env.ref(xmlid).id for xmlid in group_xmlids])],
            }
            if login == "customer":
                values["partner_id"] = portal_partner.id
            else:
                values.update(name=roles.ROLE_NAMES[login], email=f"{login}@stride.example.com", tz="Asia/Ho_Chi_Minh")
            users[login] = Users.create(values).with_env(self.env)
        self._register_xmlids({demo_xmlid("user", login): user for login, user in users.items()})
        shop["users"] = users
