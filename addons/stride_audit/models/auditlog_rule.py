import logging
import threading
from typing import NamedTuple

from odoo import api, fields, models
from odoo.tools import LazyTranslate, ormcache

_logger = logging.getLogger(__name__)
_lt = LazyTranslate(__name__)


class AuditedModel(NamedTuple):
    model: str
    operations: tuple[str, ...]
    fields: tuple[str, ...]


# What the shop audits: customers, orders and their stages, prices, stock thresholds, loyalty points and user rights.
# Fields of addons that are not installed are left out; a model that is not installed gets its rule once it is.
AUDITED_MODELS = (
    AuditedModel("res.partner", ("create", "write", "unlink"), (
        "name", "email", "phone", "vat", "street", "street2", "zip", "city", "state_id", "country_id", "parent_id",
        "user_id", "active", "customer_status",
    )),
    AuditedModel("sale.order", ("write", "unlink"), (
        "state", "pipeline_stage", "partner_id", "partner_invoice_id", "partner_shipping_id", "pricelist_id", "user_id",
    )),
    AuditedModel("product.template", ("write", "unlink"), ("list_price",)),
    AuditedModel("product.template.attribute.value", ("write", "unlink"), (
        "price_extra",
    )),
    AuditedModel("product.pricelist.item", ("create", "write", "unlink"), (
        "compute_price", "fixed_price", "percent_price", "price_discount", "price_surcharge", "price_round",
        "price_min_margin", "price_max_margin", "base", "base_pricelist_id", "min_quantity", "date_start", "date_end",
        "applied_on", "product_tmpl_id", "product_id", "categ_id",
    )),
    AuditedModel("stock.warehouse.orderpoint", ("create", "write", "unlink"), (
        "product_min_qty", "product_max_qty", "qty_multiple", "trigger", "alert_user_id", "active",
    )),
    AuditedModel("product.category", ("write",), (
        "threshold_enabled", "threshold_min_qty", "threshold_max_qty", "threshold_user_id",
    )),
    AuditedModel("loyalty.card", ("write",), (
        "points", "partner_id", "program_id", "expiration_date", "tier_id",
    )),
    AuditedModel("loyalty.history", ("write", "unlink"), (
        "card_id", "description", "issued", "used", "order_id", "order_model",
    )),
    AuditedModel("loyalty.tier", ("create", "write", "unlink"), (
        "name", "program_id", "sequence", "qualify_by", "min_spend", "min_orders", "points_multiplier",
    )),
    AuditedModel("res.users", ("create", "write", "unlink"), (
        "login", "active", "group_ids", "company_ids",
    )),
    AuditedModel("res.groups", ("create", "write", "unlink"), ("user_ids", "implied_ids")),
)
OPERATIONS = ("create", "write", "unlink")


class Drafts(NamedTuple):
    """Records still being drafted, whose writes are not audited unless they may change one of ``stage_fields``."""

    field: str
    values: tuple[str, ...]
    stage_fields: tuple[str, ...]


# Shopping carts and quotations (draft or sent orders) are rewritten by the shop on every page of the checkout: only
# their confirmation or cancellation (their state) is audited, every change once they are confirmed or cancelled.
DRAFTS = {
    "sale.order": Drafts("state", ("draft", "sent"), ("state", "pipeline_stage")),
}
# The names of the rules the shop creates.
RULE_NAMES = {
    "res.partner": _lt("Customers"),
    "sale.order": _lt("Orders and their stages"),
    "product.template": _lt("Product prices"),
    "product.template.attribute.value": _lt("Variant price extras"),
    "product.pricelist.item": _lt("Pricelist rules"),
    "stock.warehouse.orderpoint": _lt("Stock thresholds"),
    "product.category": _lt("Stock threshold defaults"),
    "loyalty.card": _lt("Loyalty points"),
    "loyalty.history": _lt("Loyalty points history"),
    "loyalty.tier": _lt("Loyalty tiers"),
    "res.users": _lt("Users"),
    "res.groups": _lt("User rights"),
}


class AuditedWrites(threading.local):
    """The audited writes under way in this thread (a greenlet under gevent), innermost last: ``((model name, ids),
    fields read)``, the fields being None when all the logged fields are; and the fields of the write about to start,
    which auditlog's ``write_full`` asks ``get_auditlog_fields`` for first thing."""

    def __init__(self):
        self.stack = []
        self.next_fields = None


AUDITED_WRITES = AuditedWrites()


def writes_elsewhere(model_fields, names):
    """Whether a write of the fields ``names`` may change fields other than those written and their stored
    computations: a name is unknown, or the inverse of a field that is not stored (a related field), which may write
    anything. Other fields that are not stored change nothing but the cache."""
    return any(
        name not in model_fields or (not model_fields[name].store and model_fields[name].inverse) for name in names
    )


class AuditlogRule(models.Model):
    _inherit = "auditlog.rule"

    logged_field_ids = fields.Many2many(
        "ir.model.fields",
        "auditlog_rule_logged_field_rel",
        "rule_id",
        "field_id",
        string="Fields to Log",
        domain="[('model_id', '=', model_id), ('store', '=', True)]",
        help="Only changes to these fields are logged, and a write that cannot change them is not logged at all. "
        "Empty: every stored field is logged.",
    )

    def _register_hook(self):
        # After a load that installed or upgraded modules, add the rules of the models that appeared (an addon
        # installed after this one); the rules are then subscribed (their models' methods patched) by auditlog.
        if not self and self.pool.updated_modules:
            self._ensure_stride_rules()
        return super()._register_hook()

    @api.model_create_multi
    def create(self, vals_list):
        rules = super().create(vals_list)
        self.env.registry.clear_cache()  # _logged_field_names, _logged_write_triggers and _draft_stage_triggers
        return rules

    def write(self, vals):
        result = super().write(vals)
        self.env.registry.clear_cache()
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()
        return result

    @api.model
    def _ensure_stride_rules(self):
        """Create and subscribe the shop's rules for the installed models that have none, and give the shop's rules
        the listed fields that exist now (an addon installed later adds its fields); returns the rules created."""
        created = self.browse()
        for audited in AUDITED_MODELS:
            if audited.model not in self.env:
                continue
            model = self.env["ir.model"]._get(audited.model)
            logged_fields = self.env["ir.model.fields"].search([
                ("model_id", "=", model.id), ("name", "in", audited.fields), ("store", "=", True),
            ])
            if not logged_fields:
                continue  # their addon is not installed (a rule without fields would log every field)
            xmlid = f"stride_audit.auditlog_rule_{audited.model.replace('.', '_')}"
            rule = self.env.ref(xmlid, raise_if_not_found=False)
            if rule:
                if logged_fields - rule.logged_field_ids:
                    rule.logged_field_ids |= logged_fields
                continue
            if self.search_count([("model_id", "=", model.id)]):
                continue  # a rule of the administrator's own: left as it is
            rule = self.create({
                "name": str(RULE_NAMES[audited.model]),
                "model_id": model.id,
                "log_type": "full",
                "log_read": False,
                "log_export_data": True,
                **{f"log_{operation}": operation in audited.operations for operation in OPERATIONS},
                "logged_field_ids": [fields.Command.set(logged_fields.ids)],
            })
            self.env["ir.model.data"]._update_xmlids([{"xml_id": xmlid, "record": rule, "noupdate": True}])
            rule.set_to_confirmed()
            created |= rule
        if created:
            _logger.info("Audit rules subscribed: %s", ", ".join(created.mapped("model_model")))
        return created

    def set_to_confirmed(self):
        result = super().set_to_confirmed()
        # The "View logs" action auditlog adds to the audited model's Action menu is for those who may read logs.
        self.action_id.group_ids = self.env.ref("auditlog.group_auditlog_user")
        return result

    @api.model
    def get_auditlog_fields(self, model):
        names = self._logged_field_names(model._name)
        if names is None:
            return super().get_auditlog_fields(model)
        pending, AUDITED_WRITES.next_fields = AUDITED_WRITES.next_fields, None
        if pending and pending[0] == model._name:
            return list(pending[1])
        return list(names)

    @api.model
    @ormcache("model_name", "names")
    def _logged_fields_changed_by(self, model_name, names):
        """The logged fields of the model that a write of the fields ``names`` (a sorted tuple) may change: those
        written and those computed from them; None for all the logged fields (the rule logs every field, or a written
        field is unknown or the inverse of a field that is not stored, which may write anything)."""
        logged = self._logged_field_names(model_name)
        model_fields = self.env[model_name]._fields
        if logged is None or writes_elsewhere(model_fields, names):
            return None
        changed = tuple(name for name in logged if self._write_triggers(model_name, (name,)) & set(names))
        return changed or None

    @api.model
    @ormcache("model_name")
    def _logged_field_names(self, model_name):
        """The fields the rule of the model restricts its log to, or None when it logs every field."""
        rule = self.sudo().search([("model_model", "=", model_name)], limit=1)
        return tuple(rule.logged_field_ids.mapped("name")) or None

    @api.model
    @ormcache("model_name")
    def _logged_write_triggers(self, model_name):
        """The fields whose write may change a logged field of the model (the logged fields and, on the same model,
        what their stored computations depend on), or None when any write may."""
        names = self._logged_field_names(model_name)
        if names is None or model_name not in self.env:
            return None
        return self._write_triggers(model_name, names)

    @api.model
    @ormcache("model_name")
    def _draft_stage_triggers(self, model_name):
        """The fields whose write may change the stage of a draft of the model (see ``DRAFTS``), or None when the
        model has no drafts or its rule logs every field."""
        drafts = DRAFTS.get(model_name)
        if not drafts or self._logged_write_triggers(model_name) is None:
            return None
        if drafts.field not in self.env[model_name]._fields:
            return None
        return self._write_triggers(model_name, drafts.stage_fields)

    @api.model
    def _write_triggers(self, model_name, names):
        """``names`` and, on the same model, the fields their stored computations depend on."""
        model_fields = self.env[model_name]._fields
        triggers, todo = set(), [name for name in names if name in model_fields]
        while todo:
            name = todo.pop()
            if name in triggers:
                continue
            triggers.add(name)
            field = model_fields[name]
            if field.compute and field.store:
                todo.extend(
                    path.split(".")[0] for path in self.pool.field_depends[field]
                    if path.split(".")[0] in model_fields
                )
        return frozenset(triggers)

    @api.model
    def _skips_write_audit(self, records, vals):
        """Whether the write of ``vals`` on ``records`` is left out of the audit: it cannot change a logged field, or
        every record is a draft (see ``DRAFTS``) whose stage it cannot change."""
        def untouched(triggers):
            return (
                triggers is not None
                and not writes_elsewhere(records._fields, vals)
                and not any(name in triggers for name in vals)
            )

        if untouched(self._logged_write_triggers(records._name)):
            return True
        if untouched(self._draft_stage_triggers(records._name)):
            drafts = DRAFTS[records._name]
            return all(value in drafts.values for value in records.sudo().mapped(drafts.field))
        return False

    def _patch_method(self, model, method_name, check_attr):
        patched = super()._patch_method(model, method_name, check_attr)
        if patched and method_name == "write" and self.log_type == "full":
            model_class = model.env.registry[model._name]
            audited_write = model_class.write

            def write(records, vals, **kwargs):
                # auditlog reads every logged field before and after each write: skip both reads when this write
                # cannot change one (only fields that no logged field is, nor is computed from, and no inverse of a
                # field that is not stored), or only edits drafts (a shopping cart).
                rules = records.env["auditlog.rule"]
                if rules._skips_write_audit(records, vals):
                    return audited_write.origin(records, vals, **kwargs)
                # Otherwise read only the logged fields this write may change: auditlog reads each many2one's
                # display name (a query or more apiece) before and after, for nothing when it stays the same.
                fields_read = rules._logged_fields_changed_by(records._name, tuple(sorted(vals)))
                key = (records._name, tuple(records.ids))
                guard = records.env.context.get("auditlog_guard")
                if guard and key in guard:
                    # A write on the same records inside an audited one: auditlog leaves it to the outer write's
                    # log, which only holds it when the outer write read the fields this one may change.
                    outers = [fields for written, fields in AUDITED_WRITES.stack if written == key]
                    covered = not outers or outers[-1] is None or (
                        fields_read is not None and set(fields_read) <= set(outers[-1])
                    )
                    if covered:
                        return audited_write(records, vals, **kwargs)
                    records = records.with_context(auditlog_guard=guard - {key})  # logged by itself
                AUDITED_WRITES.stack.append((key, fields_read))
                AUDITED_WRITES.next_fields = (records._name, fields_read) if fields_read else None
                try:
                    return audited_write(records, vals, **kwargs)
                finally:
                    AUDITED_WRITES.stack.pop()
                    AUDITED_WRITES.next_fields = None

            write.origin = audited_write.origin
            model_class.write = write
        return patched
