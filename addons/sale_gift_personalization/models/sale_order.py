from odoo import models
from odoo.exceptions import UserError


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _personalization_check(self):
        """(owner: core) Raise a UserError naming the lines and fields still missing; called by action_confirm."""
        problems = []
        for order in self:
            for line in order.order_line.filtered("is_personalized"):
                missing = line._personalization_missing_fields()
                if missing:
                    problems.append(self.env._(
                        "%(order)s, %(product)s: %(fields)s",
                        order=order.name, product=line.product_id.display_name, fields=", ".join(missing),
                    ))
        if problems:
            raise UserError(self.env._(
                "The order cannot be confirmed while personalisation fields are missing:\n%(problems)s",
                problems="\n".join(problems),
            ))

    def _send_order_notification_mail(self, mail_template, allow_deferred_sending=True):
        # The mail layout adds the order's personalisation (views/mail_notification_layout.xml) for these mails only.
        return super(SaleOrder, self.with_context(personalization_in_mail=True))._send_order_notification_mail(
            mail_template, allow_deferred_sending=allow_deferred_sending
        )

    def _personalization_mail_lines(self):
        """[{'product': name, 'values': line._get_personalization_values()}] of the personalised lines, for mails."""
        self.ensure_one()
        lines = [
            {"product": line.product_id.display_name, "values": line._get_personalization_values()}
            for line in self.order_line.filtered("is_personalized")
        ]
        return [line for line in lines if line["values"]]

    def action_confirm(self):
        self._personalization_check()
        # At confirmation at the latest, every personalised line carries its proof.
        self.order_line.filtered(
            lambda line: line.is_personalized and not line.personalization_proof_id
        )._personalization_render_proof()
        return super().action_confirm()
