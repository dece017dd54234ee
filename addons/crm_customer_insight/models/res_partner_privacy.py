import re

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.tools import html2plaintext

from odoo.addons.sale_order_pipeline.lib import pipeline

from ..lib.privacy_export import to_csv_zip, to_json
from .res_partner import INSIGHT_STAFF_GROUPS

# Orders still being worked on: erasing their customer would leave the shop unable to deliver or invoice them. The
# stages in progress are listed, not the finished ones, so that a later stage another addon adds (the returns'
# "refunded") counts as done without this module knowing it.
ORDER_STAGES_IN_PROGRESS = (pipeline.AWAITING, pipeline.CONFIRMED, pipeline.PACKAGING, pipeline.SHIPPING)
# What an erasure keeps of a person: the country and state stay for the reports by country and the taxes of posted
# invoices; everything else that can identify them is cleared.
ERASED_FIELDS = (
    "ref",
    "vat",
    "company_registry",
    "website",
    "comment",
    "function",
    "street",
    "street2",
    "zip",
    "city",
    "email",
    "phone",
    "barcode",
    "company_name",
    "image_1920",
    "partner_latitude",
    "partner_longitude",
    "insight_marketing_consent",
    "insight_marketing_consent_date",
)
LEAD_ERASED_FIELDS = (
    "email_from",
    "phone",
    "contact_name",
    "partner_name",
    "street",
    "street2",
    "zip",
    "city",
    "website",
    "function",
)
PROFILE_FIELDS = (
    "name",
    "type",
    "parent_id",
    "is_company",
    "email",
    "phone",
    "street",
    "street2",
    "zip",
    "city",
    "state_id",
    "country_id",
    "vat",
    "company_registry",
    "website",
    "function",
    "lang",
    "tz",
    "comment",
    "customer_status",
    "preferred_currency_id",
    "insight_marketing_consent",
    "insight_marketing_consent_date",
    "is_blacklisted",
    "create_date",
)


class ResPartner(models.Model):
    # The privacy helper's own file on res.partner (the contract gives each helper its own file per model).
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    # (owner: privacy) When the customer last gave their marketing consent; cleared when they withdraw it.
    insight_marketing_consent_date = fields.Datetime(
        string="Consent given on",
        readonly=True,
        copy=False,
        tracking=True,
        help="When the customer agreed to receive marketing mails. Cleared when the consent is withdrawn.",
        groups=INSIGHT_STAFF_GROUPS,
    )
    insight_privacy_erased = fields.Boolean(
        string="Personal data erased",
        readonly=True,
        copy=False,
        help="The personal data of this customer were erased on request; the record stays for accounting.",
        groups=INSIGHT_STAFF_GROUPS,
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("insight_marketing_consent") and not vals.get("insight_marketing_consent_date"):
                vals["insight_marketing_consent_date"] = fields.Datetime.now()
        return super().create(vals_list)

    def write(self, vals):
        if "insight_marketing_consent" in vals and "insight_marketing_consent_date" not in vals:
            if not vals["insight_marketing_consent"]:
                vals = dict(vals, insight_marketing_consent_date=False)
            else:
                # Only a new consent gets today's date; saving the form again keeps the day it was given.
                new = self.filtered(lambda partner: not partner.insight_marketing_consent)
                if new and new != self:
                    super(ResPartner, new).write(dict(vals, insight_marketing_consent_date=fields.Datetime.now()))
                    return super(ResPartner, self - new).write(vals)
                if new:
                    vals = dict(vals, insight_marketing_consent_date=fields.Datetime.now())
        return super().write(vals)

    @api.model
    def _insight_marketing_domain(self):
        """Customers who may receive marketing mails: they consented and their address is not on Odoo's blacklist."""
        return Domain("insight_marketing_consent", "=", True) & Domain("is_blacklisted", "=", False)

    # --- Actions of the form --------------------------------------------------------------------------------------

    def action_insight_open_timeline(self):
        """The customer's timeline: its orders and their stages, mails, notes, activities and feedback."""
        self.ensure_one()
        customer = self.commercial_partner_id
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_customer_insight.crm_customer_timeline_event_action"
        )
        action["display_name"] = self.env._("Timeline of %(customer)s", customer=customer.display_name)
        action["domain"] = [("partner_id", "=", customer.id)]
        return action

    def action_insight_privacy_export(self):
        return self._insight_privacy_wizard_action("export", self.env._("Export personal data"))

    def action_insight_privacy_erase(self):
        return self._insight_privacy_wizard_action("erase", self.env._("Erase personal data"))

    def _insight_privacy_wizard_action(self, operation, title):
        self.ensure_one()
        self._insight_privacy_check_admin()
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": "crm.customer.privacy.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_id": self.commercial_partner_id.id, "default_operation": operation},
        }

    # --- Shared -------------------------------------------------------------------------------------------------

    def _insight_privacy_check_admin(self):
        if not self.env.is_superuser() and not self.env.user.has_group(
            "crm_customer_insight.group_customer_insight_admin"
        ):
            raise AccessError(self.env._("Only Customer Insight administrators may export or erase a customer's data."))

    def _insight_privacy_people(self):
        """The commercial partner and all its contacts, archived ones included, as superuser."""
        self.ensure_one()
        return (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search([("id", "child_of", self.commercial_partner_id.id)])
        )

    def _insight_privacy_orders(self):
        return self.env["sale.order"].sudo().search([("partner_id", "in", self._insight_privacy_people().ids)])

    # --- Export -------------------------------------------------------------------------------------------------

    def _insight_privacy_export(self, file_format):
        """Write everything held on this customer into a file attached to a new privacy log entry; return the
        download action. ``file_format`` is ``json`` or ``csv`` (a zip of one CSV per kind of data)."""
        self.ensure_one()
        self._insight_privacy_check_admin()
        customer = self.commercial_partner_id
        sections = customer.sudo()._insight_privacy_export_sections()
        if file_format == "json":
            content, extension, mimetype = to_json(sections), "json", "application/json"
        elif file_format == "csv":
            content, extension, mimetype = to_csv_zip(sections), "zip", "application/zip"
        else:
            raise UserError(self.env._("Unknown export format: %(format)s.", format=file_format))
        log = self.env["crm.customer.privacy.log"]._log(customer, "export", file_format=file_format)
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": f"customer-{customer.id}-personal-data.{extension}",
                    "raw": content,
                    "mimetype": mimetype,
                    "res_model": log._name,
                    "res_id": log.id,
                }
            )
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    def _insight_privacy_export_sections(self):
        """Every kind of data held on this commercial partner and its contacts, as ``{kind: [row, ...]}``.

        Called as superuser on the commercial partner. Bridges add their own kinds (the loyalty bridge adds the
        loyalty cards and points) by extending this method."""
        self.ensure_one()
        people = self._insight_privacy_people()
        orders = self._insight_privacy_orders()
        messages = (
            self.env["mail.message"]
            .sudo()
            .search(
                Domain("author_id", "in", people.ids)
                | (Domain("model", "=", "res.partner") & Domain("res_id", "in", people.ids))
                | (Domain("model", "=", "sale.order") & Domain("res_id", "in", orders.ids)),
                order="date, id",
            )
        )
        activities = (
            self.env["mail.activity"]
            .sudo()
            .with_context(active_test=False)
            .search(
                (Domain("res_model", "=", "res.partner") & Domain("res_id", "in", people.ids))
                | (Domain("res_model", "=", "sale.order") & Domain("res_id", "in", orders.ids)),
                order="date_deadline, id",
            )
        )
        ratings = (
            self.env["rating.rating"]
            .sudo()
            .search(
                Domain("consumed", "=", True)
                & (
                    Domain("partner_id", "in", people.ids)
                    | (Domain("res_model", "=", "sale.order") & Domain("res_id", "in", orders.ids))
                ),
                order="create_date, id",
            )
        )
        invoices = (
            self.env["account.move"]
            .sudo()
            .search([("partner_id", "in", people.ids), ("move_type", "in", ("out_invoice", "out_refund"))], order="id")
        )
        return {
            "profile": self._insight_privacy_rows(people, PROFILE_FIELDS, with_properties=True),
            "orders": self._insight_privacy_rows(
                orders,
                (
                    "name",
                    "date_order",
                    "state",
                    "pipeline_stage",
                    "partner_id",
                    "partner_invoice_id",
                    "partner_shipping_id",
                    "client_order_ref",
                    "currency_id",
                    "amount_untaxed",
                    "amount_tax",
                    "amount_total",
                    "note",
                ),
            ),
            "order_lines": self._insight_privacy_rows(
                orders.order_line,
                (
                    "order_id",
                    "product_id",
                    "name",
                    "product_uom_qty",
                    "price_unit",
                    "discount",
                    "price_subtotal",
                    "price_total",
                ),
            ),
            "invoices": self._insight_privacy_rows(
                invoices,
                (
                    "name",
                    "move_type",
                    "invoice_date",
                    "state",
                    "partner_id",
                    "currency_id",
                    "amount_total",
                    "payment_state",
                ),
            ),
            "messages": self._insight_privacy_rows(
                messages,
                (
                    "date",
                    "model",
                    "res_id",
                    "record_name",
                    "message_type",
                    "subject",
                    "author_id",
                    "email_from",
                    "body",
                ),
            ),
            "activities": self._insight_privacy_rows(
                activities,
                (
                    "res_model",
                    "res_id",
                    "res_name",
                    "activity_type_id",
                    "summary",
                    "note",
                    "date_deadline",
                    "date_done",
                    "user_id",
                ),
            ),
            "feedback": self._insight_privacy_rows(
                ratings,
                (
                    "res_model",
                    "res_id",
                    "res_name",
                    "partner_id",
                    "rating",
                    "feedback",
                    "create_date",
                ),
            ),
        }

    def _insight_privacy_rows(self, records, field_names, with_properties=False):
        """Plain rows (names for links, text for HTML) of ``records``, with their id first."""
        field_names = [name for name in field_names if name in records._fields]
        if with_properties:
            field_names += [name for name, field in records._fields.items() if field.type == "properties"]
        rows = []
        for values in records.read(field_names):
            row = {"id": values["id"]}
            for name in field_names:
                field, value = records._fields[name], values[name]
                if field.type == "many2one":
                    value = value[1] if value else None
                elif field.type == "html":
                    value = html2plaintext(value) if value else ""
                elif field.type == "properties":
                    value = {prop["string"]: prop.get("value") for prop in value or []}
                elif field.type == "binary":
                    continue
                row[name] = value
            rows.append(row)
        return rows

    # --- Erasure ------------------------------------------------------------------------------------------------

    def _insight_privacy_erase(self):
        """Erase the personal data of this customer and its contacts while keeping their orders and invoices.

        The partner records stay (posted invoices keep their partner) with anonymous values, archived; their
        messages lose their content, their activities, followers, mailing contacts and blacklist entries go. Refused
        with a clear message when the erasure would break something the shop still owes or has to do."""
        self.ensure_one()
        self._insight_privacy_check_admin()
        customer = self.commercial_partner_id
        customer._insight_privacy_check_erasable()
        people = customer._insight_privacy_people()
        # The reference is taken before the name goes: the log keeps only a masked trace of who it was.
        log = self.env["crm.customer.privacy.log"]._log(customer, "erase")
        env = self.env(context=dict(self.env.context, tracking_disable=True, mail_notrack=True), su=True)
        people = people.with_env(env)
        emails = [email for email in people.mapped("email_normalized") if email]
        phones = [phone for phone in people.mapped("phone_sanitized") if phone]
        former_names = {person.id: person.name for person in people if person.name}

        portal_users = env["res.users"].with_context(active_test=False).search([("partner_id", "in", people.ids)])
        if portal_users:
            # Odoo's own deletion of a portal account: login and password cleared, user archived; no blacklisting.
            portal_users._deactivate_portal_user(request_blacklist=False)

        env["mail.message"].search([("model", "=", "res.partner"), ("res_id", "in", people.ids)]).unlink()
        authored = env["mail.message"].search([("author_id", "in", people.ids)])
        authored.attachment_ids.unlink()
        authored.write({"body": "", "subject": False, "email_from": False})
        env["rating.rating"].search([("partner_id", "in", people.ids), ("feedback", "!=", False)]).write(
            {"feedback": False}
        )
        env["mail.activity"].with_context(active_test=False).search(
            [("res_model", "=", "res.partner"), ("res_id", "in", people.ids)]
        ).unlink()
        env["mail.followers"].search([("partner_id", "in", people.ids)]).unlink()
        if emails:
            # Nothing that names them stays, not even on the blacklist: with no address left, nothing is sent.
            env["mail.blacklist"].with_context(active_test=False).search([("email", "in", emails)]).unlink()
            env["mailing.contact"].search([("email_normalized", "in", emails)]).unlink()
        if phones:
            # The same for their phone numbers on Odoo's SMS blacklist (phone_validation, installed with CRM).
            env["phone.blacklist"].with_context(active_test=False).search([("number", "in", phones)]).unlink()
        env["mail.mail"].search(
            [("state", "in", ("outgoing", "exception")), ("recipient_ids", "in", people.ids)]
        ).unlink()
        leads = env["crm.lead"].with_context(active_test=False).search([("partner_id", "in", people.ids)])
        leads.write({name: False for name in LEAD_ERASED_FIELDS if name in leads._fields})
        # Earlier export files hold the data just erased.
        logs = env["crm.customer.privacy.log"].search([("partner_id", "in", people.ids)])
        env["ir.attachment"].search([("res_model", "=", logs._name), ("res_id", "in", logs.ids)]).unlink()
        env["ir.attachment"].search([("res_model", "=", "res.partner"), ("res_id", "in", people.ids)]).unlink()
        for person in people:
            person.write(person._insight_privacy_erase_values())
        # Opportunities are named after their customer (the suggestions' "Reorder: <customer>"): the name goes too.
        # Whole names only, the longest first and all in one pass: a contact called "Ann" leaves "Annual order"
        # alone, and does not cut into "Ann Shoes", their company's name.
        anonymous_names = {former_names[person.id]: person.name for person in people if person.id in former_names}
        if anonymous_names:
            former_name = re.compile("|".join(
                rf"(?<!\w){re.escape(former)}(?!\w)" for former in sorted(anonymous_names, key=len, reverse=True)
            ))
            for lead in leads.filtered("name"):
                name = former_name.sub(lambda match: anonymous_names[match.group(0)], lead.name)
                if name != lead.name:
                    lead.name = name
        people._insight_privacy_erase_tracked_names()
        people.action_archive()
        return log

    def _insight_privacy_erase_tracked_names(self):
        """Odoo's tracking keeps the name a many2one pointed to when it changed (an order's customer, a lead's
        partner...), in the chatter of documents that stay: it becomes the erased person's anonymous name."""
        trackings = self.env["mail.tracking.value"].search(
            Domain("field_id.ttype", "=", "many2one")
            & Domain("field_id.relation", "=", "res.partner")
            & (Domain("old_value_integer", "in", self.ids) | Domain("new_value_integer", "in", self.ids))
        )
        names = {person.id: person.display_name for person in self}
        for tracking in trackings:
            if tracking.old_value_integer in names:
                tracking.old_value_char = names[tracking.old_value_integer]
            if tracking.new_value_integer in names:
                tracking.new_value_char = names[tracking.new_value_integer]

    def _insight_privacy_erase_values(self):
        """The values that replace this person's data (bridges clear their own fields by extending this)."""
        self.ensure_one()
        values = {name: False for name in ERASED_FIELDS if name in self._fields}
        values.update({name: False for name, field in self._fields.items() if field.type == "properties"})
        values.update(
            {
                "name": self.env._("Erased customer #%(id)s", id=self.id),
                "insight_privacy_erased": True,
            }
        )
        return values

    def _insight_privacy_check_erasable(self):
        """Refuse, with the reason, an erasure that cannot be done (owner: privacy)."""
        self.ensure_one()
        people = self._insight_privacy_people()
        if self.insight_privacy_erased:
            raise UserError(self.env._("The personal data of %(name)s were already erased.", name=self.display_name))
        companies = self.env["res.company"].sudo().search([("partner_id", "in", people.ids)])
        if companies:
            raise UserError(
                self.env._(
                    "%(name)s is the partner of the company %(company)s: it cannot be erased.",
                    name=self.display_name,
                    company=companies[0].name,
                )
            )
        internal = people.with_context(active_test=False).user_ids.filtered(lambda user: not user.share)
        if internal:
            raise UserError(
                self.env._(
                    "%(name)s is linked to the internal user %(user)s: archive that user's account first.",
                    name=self.display_name,
                    user=internal[0].name,
                )
            )
        orders = self._insight_privacy_orders()
        open_orders = orders.filtered(
            lambda order: (
                order.state in ("draft", "sent")
                or (order.state == "sale" and order.pipeline_stage in ORDER_STAGES_IN_PROGRESS)
            )
        )
        if open_orders:
            raise UserError(
                self.env._(
                    "%(name)s still has orders in progress (%(orders)s): deliver or cancel them before erasing.",
                    name=self.display_name,
                    orders=", ".join(open_orders[:5].mapped("name")),
                )
            )
        unpaid = (
            self.env["account.move"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", people.ids),
                    ("state", "=", "posted"),
                    ("move_type", "in", ("out_invoice", "out_refund")),
                    ("payment_state", "not in", ("paid", "in_payment", "reversed")),
                ],
                limit=5,
            )
        )
        if unpaid:
            raise UserError(
                self.env._(
                    "%(name)s has open invoices or credit notes (%(invoices)s): settle them before erasing; "
                    "posted invoices must keep a customer to collect from.",
                    name=self.display_name,
                    invoices=", ".join(unpaid.mapped("name")),
                )
            )
