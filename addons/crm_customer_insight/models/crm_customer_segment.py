import ast

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain


class CrmCustomerSegment(models.Model):
    _name = "crm.customer.segment"
    _description = "Customer Segment"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    kind = fields.Selection(
        [
            ("attribute", "Attribute"),
            ("behaviour", "Behaviour"),
            ("geography", "Geography"),
            ("value", "Value"),
        ],
        required=True,
        default="behaviour",
        help="What the segment groups customers by; for sorting and filtering segments only.",
    )
    domain = fields.Text(
        string="Customers",
        required=True,
        default="[]",
        help="Which customers belong, re-evaluated every time: the segment is always current.",
    )
    description = fields.Text(translate=True)
    customer_count = fields.Integer(string="Customers in segment", compute="_compute_customer_count")

    @api.depends("domain")
    def _compute_customer_count(self):
        partners = self.env["res.partner"]
        for segment in self:
            try:
                segment.customer_count = partners.search_count(segment._customer_domain())
            except ValidationError:
                segment.customer_count = 0

    @api.constrains("domain")
    def _check_domain(self):
        for segment in self:
            segment._customer_domain()

    def action_open_customers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_customer_insight.res_partner_action_customer_insight"
        )
        action.update(
            name=self.name,
            domain=list(self._customer_domain()),
            context={"res_partner_search_mode": "customer", "create": False},
        )
        return action

    def action_create_mailing(self):
        """A draft mass mailing to this segment: its domain, kept dynamic (evaluated when the mailing is sent), and
        only the customers who consented to marketing and are not on the blacklist."""
        self.ensure_one()
        mailing = self.env["mailing.mailing"].create(
            {
                "subject": self.name,
                "mailing_type": "mail",
                "mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
                "mailing_domain": repr(list(self._mailing_domain())),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "mailing.mailing",
            "res_id": mailing.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def _customer_domain(self):
        """The segment's own domain, on customers only; ValidationError when it is not a valid domain."""
        self.ensure_one()
        try:
            domain = Domain(ast.literal_eval(self.domain or "[]"))
            domain.validate(self.env["res.partner"])
        # A nesting too deep for Python's parser ends in RecursionError or MemoryError rather than SyntaxError.
        except (ValueError, SyntaxError, TypeError, RecursionError, MemoryError) as error:
            raise ValidationError(
                self.env._(
                    "The customers of segment %(segment)s are not a valid filter: %(error)s",
                    segment=self.name,
                    error=error,
                )
            ) from error
        return Domain("customer_rank", ">", 0) & domain

    def _mailing_domain(self):
        return self._customer_domain() & self.env["res.partner"]._insight_marketing_domain()
