import csv
import io
from pathlib import Path

from odoo.modules.module import Manifest
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

from .common import StrideCustomersMixin

MATRIX = Path(__file__).with_name("access_matrix.csv")
OPERATIONS = ("create", "read", "write", "unlink")
HEADER = ("model", "role", "c", "r", "w", "u")

# Each role is a new user with these groups (besides what they imply). Loyalty has no groups of its own in Odoo: its
# rights are the sales groups'. Every staff role also gets "Role / User", as Odoo's user form gives it.
ROLES = {
    "public": "base.group_public",
    "portal": "base.group_portal",
    "internal": "base.group_user",
    "sales_own": "sales_team.group_sale_salesman",
    "sales_all": "sales_team.group_sale_salesman_all_leads",
    "sales_manager": "sales_team.group_sale_manager",
    "stock_user": "stock.group_stock_user",
    "stock_manager": "stock.group_stock_manager",
    "purchase_user": "purchase.group_purchase_user",
    "purchase_manager": "purchase.group_purchase_manager",
    "product_manager": "product.group_product_manager",
    "invoicing": "account.group_account_invoice",
    "insight_readonly": "crm_customer_insight.group_customer_insight_readonly",
    "insight_agent": "crm_customer_insight.group_customer_insight_agent",
    "insight_manager": "crm_customer_insight.group_customer_insight_manager",
    "insight_admin": "crm_customer_insight.group_customer_insight_admin",
    "helpdesk_own": "helpdesk_mgmt.group_helpdesk_user_own",
    "helpdesk_manager": "helpdesk_mgmt.group_helpdesk_manager",
    "rma_own": "rma.rma_group_user_own",
    "rma_manager": "rma.rma_group_manager",
    "website_restricted_editor": "website.group_website_restricted_editor",
    "website_designer": "website.group_website_designer",
    "access_rights": "base.group_erp_manager",
    "settings": "base.group_system",
}
SHARED_ROLES = ("public", "portal")

# The records of a customer that a portal user may be given read access to, and the path from each to its customer.
PORTAL_OWNED = {
    "sale.order": "partner_id",
    "sale.order.line": "order_id.partner_id",
    "product.attribute.custom.value": "sale_order_line_id.order_id.partner_id",
    "sale.order.stage.history": "order_id.partner_id",
    "sale.order.transit.event": "order_id.partner_id",
    "sale.order.feedback": "order_id.partner_id",
    "sale.order.product.review": "order_id.partner_id",
    "stock.picking": "partner_id",
    "account.move": "partner_id",
    "purchase.order": "partner_id",
    "purchase.order.line": "order_id.partner_id",
    "rma": "partner_id",
    "helpdesk.ticket": "partner_id",
    "loyalty.card": "partner_id",
    "loyalty.history": "card_id.partner_id",
    "loyalty.tier.history": "card_id.partner_id",
}


def our_addons(env):
    """The installed addons of this repository: those beside this one (``addons/*``)."""
    here = Manifest.for_addon("stride").addons_path
    installed = env["ir.module.module"].search([("state", "=", "installed")]).mapped("name")
    return {name for name in installed if (manifest := Manifest.for_addon(name, display_warning=False))
            and manifest.addons_path == here}


def matrix_models(env):
    """The models the matrix covers: every non-abstract model to which our addons add

    - the model itself (a new model, wizards and SQL reports included),
    - a stored field (an Odoo model that now holds our data: its rights decide who reads that data), or
    - rights (an ``ir.model.access`` row or an ``ir.rule`` record of ours, e.g. on Odoo's ``sale.order``).

    Models we only extend with methods or non-stored fields keep Odoo's rights and are left to Odoo's tests.
    """
    ours = our_addons(env)
    models = {name for name, model in env.registry.items() if model._original_module in ours}
    data = env["ir.model.data"].sudo().search([
        ("module", "in", sorted(ours)), ("model", "in", ("ir.model.fields", "ir.model.access", "ir.rule")),
    ])
    for model_name, records in data.grouped("model").items():
        targets = env[model_name].sudo().browse(records.mapped("res_id"))
        if model_name == "ir.model.fields":
            targets = targets.filtered("store")
            models.update(targets.mapped("model"))
        else:
            models.update(targets.model_id.mapped("model"))
    return sorted(name for name in models if name in env and not env[name]._abstract)


def matrix_rows(rights):
    """The csv text of ``rights`` ({(model, role): (c, r, w, u)}), in the file's order."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for (model, role), flags in rights.items():
        writer.writerow([model, role, *(int(flag) for flag in flags)])
    return out.getvalue()


def flags_text(flags):
    """``(True, True, False, False)`` as ``cr--``: create, read, write, unlink."""
    return "".join(letter if allowed else "-" for letter, allowed in zip("crwu", flags, strict=True))


@tagged("post_install", "-at_install")
class TestAccessMatrix(StrideCustomersMixin, TransactionCase):
    """Who may create, read, write and delete each of our models, against ``access_matrix.csv``.

    The models are those of ``matrix_models`` (our new models, Odoo models we add stored fields to, and Odoo models
    we give access rows or record rules); the roles are ``ROLES``, one new user each. The rights are model-level
    (``ir.model.access`` through ``has_access`` on an empty recordset); record rules are checked by the portal
    test below and by each addon's own tests. A model without rows, a stale row or a changed right fails with the
    rows to paste (see ``addons/stride/readme/USAGE.md``).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        cls.users = {}
        for role, group in ROLES.items():
            groups = group if role in SHARED_ROLES else f"base.group_user,{group}"
            cls.users[role] = new_test_user(cls.env, login=f"matrix_{role}", groups=groups)
        cls._customer_records_setup()

    def _current_rights(self, models):
        rights = {}
        for model in models:
            for role, user in self.users.items():
                records = self.env(user=user)[model].browse()
                rights[model, role] = tuple(records.has_access(operation) for operation in OPERATIONS)
        return rights

    def _table(self):
        with MATRIX.open(newline="", encoding="utf-8") as table:
            reader = csv.reader(table)
            self.assertEqual(tuple(next(reader)), HEADER, f"{MATRIX.name} must start with the header {HEADER}")
            return {(model, role): tuple(flag == "1" for flag in flags) for model, role, *flags in reader}

    def test_every_model_has_the_rights_of_the_table(self):
        models = matrix_models(self.env)
        current = self._current_rights(models)
        table = self._table()
        problems = []
        missing = sorted({model for model, role in current if (model, role) not in table})
        if missing:
            rows = {key: flags for key, flags in current.items() if key[0] in missing}
            problems.append(f"Models without (all their) rows in {MATRIX.name}: {', '.join(missing)}. "
                            f"Their rows as computed now, to check and paste:\n{matrix_rows(rows)}")
        stale = sorted(key for key in table if key not in current)
        if stale:
            problems.append(f"Rows of models or roles the matrix no longer covers, to delete: {stale}")
        changed = {key: flags for key, flags in current.items() if key in table and table[key] != flags}
        if changed:
            diff = "\n".join(
                f"  {model} {role}: table {flags_text(table[model, role])} now {flags_text(flags)}"
                for (model, role), flags in changed.items()
            )
            problems.append(f"Rights that differ from {MATRIX.name}:\n{diff}\nThe rows as computed now:\n"
                            f"{matrix_rows(changed)}")
        if problems:
            self.fail("\n\n".join(problems))

    def test_the_table_is_sorted_and_complete_per_model(self):
        # One block per model, roles in ROLES' order: a diff of the table then shows which right changed.
        with MATRIX.open(newline="", encoding="utf-8") as table:
            keys = [(model, role) for model, role, *_flags in list(csv.reader(table))[1:]]
        order = list(ROLES)
        self.assertEqual(
            keys, sorted(keys, key=lambda key: (key[0], order.index(key[1]) if key[1] in order else len(order))),
        )

    def test_portal_customers_read_only_their_own_records(self):
        """For each model of ``PORTAL_OWNED`` the portal may read (the table says which), a customer finds their own
        records and no one else's (records of no customer included)."""
        readable = [model for model in PORTAL_OWNED if self.env(user=self.users["portal"])[model].has_access("read")]
        self.assertLessEqual({"sale.order", "product.attribute.custom.value", "rma", "helpdesk.ticket"}, set(readable))
        for name, user in self.customers.items():
            for model in readable:
                with self.subTest(customer=name, model=model):
                    found = self.env(user=user)[model].search([]).sudo()
                    path, own = PORTAL_OWNED[model], user.commercial_partner_id
                    others = found.browse(
                        [record.id for record in found if record.mapped(path).commercial_partner_id != own]
                    )
                    self.assertFalse(others, f"{name} reads {model} of others: {others.mapped('display_name')}")
                    self.assertLessEqual(self.owned[name].get(model, found.browse()), found)
