from contextlib import contextmanager

from odoo import api, fields, models

from odoo.addons.sale_order_pipeline.models.sale_order import replaying_history

from ..lib import history
from .stride_demo_builder import demo_xmlid

RMA_MAIL_SETTINGS = ("send_rma_confirmation", "send_rma_receipt_confirmation", "send_rma_draft_confirmation")


# One file per subject is the point of the builder (see readme/DEVELOP.md), hence several classes inheriting it.
class StrideDemoBuilder(models.AbstractModel):
    """Returns (OCA rma/rma_sale): one in progress for the demo customer, one refunded for another customer."""

    _inherit = "stride.demo.builder"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _stride_demo_steps(self):
        # 89: the refunded return moves its order through the pipeline (Returned, Refunded), which must happen before
        # the webhook subscriptions (90) exist, like the rest of the order history. 130: the return in progress moves
        # no stage.
        return super()._stride_demo_steps() + [(89, "_demo_refunded_return"), (130, "_demo_return_in_progress")]

    def _demo_return_in_progress(self, shop):
        """The demo customer's latest delivered pair is on its way back: asked for, approved, parcel awaited."""
        customer = shop["users"]["customer"].partner_id
        delivered = self._demo_returnable_orders(shop)
        order = (delivered.filtered(lambda order: order.partner_id == customer) or delivered)[-1:]
        with self._demo_rma_mails_off():
            rma = self._demo_return(order, "Too narrow at the toes: I would like a refund.")
            rma.action_confirm()
        self._register_xmlids({demo_xmlid("rma", "in_progress"): rma})

    def _demo_refunded_return(self, shop):
        """Another customer's return, received back into stock and refunded (credit note posted)."""
        customer = shop["users"]["customer"].partner_id
        # A delivered order the customer has not reviewed: the demo's reviews stay on orders at Feedback received.
        order = self._demo_returnable_orders(shop).filtered(
            lambda order: order.partner_id != customer and order.pipeline_stage == history.DELIVERED
        )[-1:]
        with self._demo_rma_mails_off(), replaying_history():
            rma = self._demo_return(order, "The sole came apart after a week.")
            rma.action_confirm()
            receipt = rma.reception_move_id.picking_id
            receipt.move_ids.quantity = rma.product_uom_qty
            receipt.move_ids.picked = True
            receipt.button_validate()
            rma.action_refund()
            rma.refund_id.action_post()
        self._register_xmlids({demo_xmlid("rma", "refunded"): rma})

    def _demo_returnable_orders(self, shop):
        """The delivered orders of the history, the latest delivery last."""
        delivered = shop["orders"].filtered(
            lambda order: order.pipeline_stage in (history.DELIVERED, history.FEEDBACK) and order.state == "sale"
        )
        return delivered.sorted(lambda order: max(order.picking_ids.mapped("date_done") or [fields.Datetime.now()]))

    @contextmanager
    def _demo_rma_mails_off(self):
        """rma's e-mails to the customer are off while the demo replays returns (the pipeline's: replaying_history)."""
        company = self.env.company
        mails = {setting: company[setting] for setting in RMA_MAIL_SETTINGS}
        company.write(dict.fromkeys(RMA_MAIL_SETTINGS, False))
        try:
            yield
        finally:
            company.write(mails)

    def _demo_return(self, order, reason):
        """A return of one item of the order's first delivered line, as the customer asks for it from their account."""
        data = order.get_delivery_rma_data()[0]
        wizard = (
            self.env["sale.order.rma.wizard"]
            .with_context(active_id=order.id)
            .create({
                "location_id": order.warehouse_id.rma_loc_id.id,
                "line_ids": [
                    (0, 0, {
                        "product_id": data["product"].id,
                        "quantity": 1,
                        "allowed_quantity": data["quantity"],
                        "sale_line_id": data["sale_line_id"].id,
                        "uom_id": data["uom"].id,
                        "picking_id": data["picking"].id,
                        "operation_id": self.env.ref("rma.rma_operation_refund").id,
                        "description": reason,
                    }),
                ],
            })
        )
        return wizard.create_rma()
