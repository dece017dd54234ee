from datetime import timedelta

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, format_date, plaintext2html

from ..lib.return_request import MAX_REASON_LENGTH, form_rows, parse_id, parse_quantity


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _rma_portal_returnable_data(self):
        """rma_sale's delivered rows of the order (`get_delivery_rma_data`), as the portal offers them for a return:
        each with its `deadline` (delivery + the company's window) and its `quantity` less what the customer already
        asked back and is not yet on its way (a draft RMA; a confirmed one's receipt is counted by rma_sale)."""
        self.ensure_one()
        order = self.sudo()
        pending = {}
        for rma in order.rma_ids.filtered(
            lambda r: r.state == "draft" or (r.state == "confirmed" and not r.reception_move_id)
        ):
            key = (rma.picking_id.id, rma.sale_line_id.id)
            # In the unit of the delivery row: the form sends that unit (rma_sale's `uom_id`).
            pending[key] = pending.get(key, 0.0) + rma.product_uom_qty
        window = timedelta(days=order.company_id.rma_portal_return_days)
        rows = []
        for data in order.get_delivery_rma_data():
            picking = data["picking"]
            if not picking or not picking.date_done:
                continue
            quantity = data["quantity"] - pending.get((picking.id, data["sale_line_id"].id), 0.0)
            rows.append({**data, "quantity": max(quantity, 0.0), "deadline": picking.date_done + window})
        return rows

    def _rma_portal_open_returnable_data(self):
        """The rows a customer may still ask to return today: within the window, with something left to return."""
        now = fields.Datetime.now()
        return [row for row in self._rma_portal_returnable_data() if row["deadline"] >= now and row["quantity"] > 0]

    def _rma_portal_request_form(self, form):
        """The portal's return request `form` checked against this order, as rma_sale's controller reads it.

        Only rows of items delivered by this order, within the return window, with a plain quantity no larger than
        what is left to return, a requested operation and a reason; the reason is kept as text (escaped). Raises a
        UserError saying what to change otherwise.
        """
        self.ensure_one()
        env = self.env
        rows = {(row["picking"].id, row["sale_line_id"].id): row for row in self._rma_portal_returnable_data()}
        # What is left of each row as the form's rows take from it: the same item twice counts twice.
        left = {key: row["quantity"] for key, row in rows.items()}
        operations = env["rma.operation"].sudo().search([])
        precision = env["decimal.precision"].precision_get("Product Unit of Measure")
        now = fields.Datetime.now()
        clean = {}
        for index, values in enumerate(form_rows(form).values()):
            quantity = parse_quantity(values.get("quantity"))
            if quantity is None:
                raise UserError(
                    env._("%(quantity)s is not a quantity: type a number such as 1.", quantity=values.get("quantity"))
                )
            if not quantity:
                continue
            key = (parse_id(values.get("picking_id")), parse_id(values.get("sale_line_id")))
            row = rows.get(key)
            if not row:
                raise UserError(
                    env._("Only items delivered with order %(order)s can be returned here.", order=self.name)
                )
            product = row["product"].display_name
            if row["deadline"] < now:
                raise UserError(
                    env._(
                        "%(product)s can no longer be returned: returns are accepted for %(days)s days after delivery,"
                        " until %(deadline)s.",
                        product=product,
                        days=self.company_id.rma_portal_return_days,
                        deadline=format_date(env, row["deadline"]),
                    )
                )
            if float_compare(quantity, left[key], precision_digits=precision) > 0:
                raise UserError(
                    env._(
                        "You can return at most %(quantity)s of %(product)s.",
                        quantity=f"{left[key]:g}",
                        product=product,
                    )
                )
            operation = operations.browse(parse_id(values.get("operation_id"))) & operations
            if not operation:
                raise UserError(
                    env._(
                        "Choose what you would like for %(product)s: %(operations)s.",
                        product=product,
                        operations=", ".join(operations.mapped("name")),
                    )
                )
            reason = (values.get("description") or "").strip()
            if not reason:
                raise UserError(env._("Tell us why you are returning %(product)s.", product=product))
            if len(reason) > MAX_REASON_LENGTH:
                raise UserError(
                    env._(
                        "Your reason for %(product)s is %(length)s characters long; please keep it to %(max)s.",
                        product=product,
                        length=len(reason),
                        max=MAX_REASON_LENGTH,
                    )
                )
            left[key] -= quantity
            clean.update(
                {
                    f"{index}-product_id": str(row["product"].id),
                    f"{index}-sale_line_id": str(row["sale_line_id"].id),
                    f"{index}-picking_id": str(row["picking"].id),
                    f"{index}-uom_id": str(row["uom"].id),
                    f"{index}-quantity": str(quantity),
                    f"{index}-operation_id": str(operation.id),
                    # rma_sale copies the comment into the RMA's HTML description: as escaped text, never as markup.
                    f"{index}-description": str(plaintext2html(reason)),
                }
            )
        if not clean:
            raise UserError(env._("Choose the quantity of at least one item to return."))
        shipping_text = form.get("partner_shipping_id")
        if shipping_text:
            shipping = parse_id(shipping_text)
            if shipping not in self._rma_portal_shipping_addresses().ids:
                raise UserError(env._("Choose one of the addresses offered for the return."))
            clean["partner_shipping_id"] = str(shipping)
        return clean

    def _rma_portal_shipping_addresses(self):
        """The addresses rma_sale's form offers for sending the items back (its `delivery_addresses`)."""
        self.ensure_one()
        order = self.sudo()
        return order.partner_shipping_id | order.partner_id.commercial_partner_id.child_ids.filtered(
            lambda partner: partner.type in ("contact", "delivery")
        )
