from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoReturns(TransactionCase):
    """The demo shop shows a return in progress in the demo customer's account and a refunded one, mailed to nobody."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.in_progress = cls.env.ref("stride_demo.rma_in_progress_demo")
        cls.refunded = cls.env.ref("stride_demo.rma_refunded_demo")

    def test_the_demo_customer_has_a_return_awaiting_its_parcel(self):
        customer = self.env.ref("stride_demo.user_customer_demo")
        self.assertEqual(self.in_progress.state, "confirmed")
        self.assertEqual(self.in_progress.partner_id, customer.partner_id)
        self.assertNotEqual(self.in_progress.reception_move_id.picking_id.state, "done")
        self.assertIn(self.in_progress, self.env["rma"].with_user(customer).search([]))

    def test_the_refunded_return_is_back_in_stock_refunded_and_its_order_refunded(self):
        self.assertEqual(self.refunded.state, "refunded")
        self.assertEqual(self.refunded.reception_move_id.state, "done")
        self.assertEqual(self.refunded.refund_id.state, "posted")
        self.assertEqual(self.refunded.order_id.pipeline_stage, "refunded")
        self.assertEqual(self.refunded.order_id.pipeline_history_ids[:2].mapped("stage"), ["refunded", "returned"])

    def test_the_refund_is_in_its_orders_currency_and_leaves_the_customers_lifetime_value_positive(self):
        order = self.refunded.order_id
        self.assertEqual(self.refunded.refund_id.currency_id, order.currency_id)
        self.assertLessEqual(self.refunded.refund_id.amount_total, order.amount_total)
        self.assertGreater(order.partner_id.commercial_partner_id.insight_lifetime_value, 0)

    def test_replaying_the_returns_mailed_no_customer(self):
        returns = self.in_progress | self.refunded
        notifications = self.env["mail.notification"].search(
            [
                ("mail_message_id.model", "=", "rma"),
                ("mail_message_id.res_id", "in", returns.ids),
                ("notification_type", "=", "email"),
            ]
        )
        self.assertFalse(notifications)
        self.assertTrue(self.env.company.send_rma_confirmation, "the shop's own returns are mailed")
