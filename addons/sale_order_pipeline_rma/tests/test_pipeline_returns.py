from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PipelineReturnCase


@tagged("post_install", "-at_install")
class TestPipelineReturns(PipelineReturnCase):
    """The order follows its return: Returned when the items are back, Refunded when the credit note is posted."""

    def _receive(self, rma):
        rma.with_user(self.manager).action_confirm()
        self._validate(rma.reception_move_id.picking_id)
        self.assertEqual(rma.state, "received")

    def test_a_return_moves_the_order_to_returned_then_refunded(self):
        order = self._delivered_order()
        self.assertEqual(order.pipeline_stage, "delivered")
        rma = self._rma(order, self.refund_operation)
        order_emails = self._customer_emails(order)
        notices = self._team_notices(order)

        self._receive(rma)
        self.assertEqual(order.pipeline_stage, "returned")
        # The customer hears of the receipt once, from rma; the team gets the pipeline's notice.
        self.assertEqual(self._customer_emails(order), order_emails)
        self.assertEqual(len(self._team_notices(order) - notices), 1)

        rma.with_user(self.manager).action_refund()
        self.assertEqual(rma.refund_id.state, "draft")
        self.assertEqual(order.pipeline_stage, "returned", "a draft credit note is not a refund yet")

        rma.refund_id.with_user(self.manager).action_post()
        self.assertEqual(order.pipeline_stage, "refunded")
        refund_emails = self._customer_emails(order) - order_emails
        self.assertEqual(len(refund_emails), 1)
        self.assertIn("Your refund for", refund_emails.mail_message_id.subject)
        self.assertIn(f"{rma.refund_id.amount_total:,.2f}", str(refund_emails.mail_message_id.body))
        self.assertEqual(len(self._team_notices(order) - notices), 2)
        history = order.pipeline_history_ids.sorted("id")
        self.assertEqual(history[-2:].mapped("stage"), ["returned", "refunded"])
        self.assertEqual(history[-1].previous_stage, "returned")
        self.assertEqual(history[-1].source, "odoo")

    def test_without_rmas_receipt_mail_the_pipeline_tells_the_customer_of_the_return(self):
        self.company.send_rma_receipt_confirmation = False
        order = self._delivered_order()
        emails = self._customer_emails(order)
        self._receive(self._rma(order, self.refund_operation))
        self.assertEqual(order.pipeline_stage, "returned")
        self.assertEqual(len(self._customer_emails(order) - emails), 1)

    def test_a_refund_without_return_moves_a_delivered_order_to_refunded(self):
        order = self._delivered_order()
        rma = self._rma(order, self.refund_only_operation)
        rma.with_user(self.manager).action_confirm()
        rma.with_user(self.manager).action_refund()
        rma.refund_id.action_post()
        self.assertEqual(order.pipeline_stage, "refunded")

    def test_a_second_refund_of_a_refunded_order_changes_nothing(self):
        order = self._delivered_order()
        first, second = self._rma(order, self.refund_only_operation), self._rma(order, self.refund_only_operation)
        (first | second).action_confirm()
        first.action_refund()
        first.refund_id.action_post()
        history = order.pipeline_history_ids
        second.action_refund()
        second.refund_id.action_post()
        self.assertEqual(order.pipeline_stage, "refunded")
        self.assertEqual(order.pipeline_history_ids, history)

    def test_a_credit_note_reset_to_draft_takes_the_order_back_to_returned_without_mailing_the_customer(self):
        order = self._delivered_order()
        rma = self._rma(order, self.refund_operation)
        self._receive(rma)
        rma.with_user(self.manager).action_refund()
        rma.refund_id.with_user(self.manager).action_post()
        emails, notices = self._customer_emails(order), self._team_notices(order)

        rma.refund_id.with_user(self.manager).button_draft()
        self.assertEqual(order.pipeline_stage, "returned")
        latest = order.pipeline_history_ids.sorted("id")[-1]
        self.assertEqual((latest.previous_stage, latest.stage, latest.source), ("refunded", "returned", "odoo"))
        self.assertIn(rma.refund_id.name, latest.reason)
        self.assertEqual(self._customer_emails(order), emails)
        self.assertEqual(len(self._team_notices(order) - notices), 1)

        # Posted again, it is a refund again.
        rma.refund_id.with_user(self.manager).action_post()
        self.assertEqual(order.pipeline_stage, "refunded")

    def test_a_cancelled_credit_note_takes_a_refund_without_return_back_to_delivered(self):
        order = self._delivered_order()
        rma = self._rma(order, self.refund_only_operation)
        rma.action_confirm()
        rma.action_refund()
        rma.refund_id.action_post()
        self.assertEqual(order.pipeline_stage, "refunded")
        rma.refund_id.button_cancel()
        self.assertEqual(rma.refund_id.state, "cancel")
        self.assertEqual(order.pipeline_stage, "delivered")

    def test_an_order_stays_refunded_while_another_credit_note_of_its_returns_stands(self):
        order = self._delivered_order()
        first, second = self._rma(order, self.refund_only_operation), self._rma(order, self.refund_only_operation)
        (first | second).action_confirm()
        first.action_refund()
        second.action_refund()
        (first.refund_id | second.refund_id).action_post()
        first.refund_id.button_draft()
        self.assertEqual(order.pipeline_stage, "refunded")
        second.refund_id.button_draft()
        self.assertEqual(order.pipeline_stage, "delivered")

    def test_a_manager_cannot_move_an_order_back_from_refunded_while_its_refund_stands(self):
        order = self._delivered_order()
        rma = self._rma(order, self.refund_only_operation)
        rma.action_confirm()
        rma.action_refund()
        rma.refund_id.action_post()
        with self.assertRaisesRegex(UserError, "was refunded"):
            order.with_user(self.manager)._pipeline_move("delivered", reason="changed my mind")
        self.assertEqual(order.pipeline_stage, "refunded")

    def test_refunded_closes_the_pipeline_and_only_shipped_orders_are_refunded(self):
        order = self._delivered_order()
        order.with_user(self.manager).action_pipeline_set_stage("refunded")
        self.assertEqual(order.pipeline_stage, "refunded")
        with self.assertRaisesRegex(UserError, "was refunded; its pipeline is closed"):
            order.with_user(self.manager).action_pipeline_set_stage("returned")
        quotation = self.env["sale.order"].create(
            {"partner_id": self.customer.id, "order_line": [(0, 0, {"product_id": self.product.id})]}
        )
        with self.assertRaisesRegex(UserError, "has not been shipped yet"):
            quotation.with_user(self.manager).action_pipeline_set_stage("refunded")

    def test_the_stages_read_returned_and_refunded_and_the_kanban_shows_refunded_when_used(self):
        labels = dict(self.env["sale.order"]._fields["pipeline_stage"]._description_selection(self.env))
        self.assertEqual((labels["returned"], labels["refunded"]), ("Returned", "Refunded"))
        history_labels = dict(self.env["sale.order.stage.history"]._fields["stage"]._description_selection(self.env))
        self.assertEqual(history_labels["refunded"], "Refunded")
        orders = self.env["sale.order"]
        self.assertNotIn("refunded", orders._group_expand_pipeline_stage([], []))
        self.assertEqual(orders._group_expand_pipeline_stage(["refunded"], [])[-1], "refunded")
