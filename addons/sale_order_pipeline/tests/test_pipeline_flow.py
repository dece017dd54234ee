from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common import PipelineCase


@tagged("post_install", "-at_install")
class TestPipelineFollowsOdoo(PipelineCase):
    def test_new_order_awaits_confirmation(self):
        self.assertEqual(self._order().pipeline_stage, "awaiting")

    def test_confirming_the_sale_moves_to_confirmed_and_records_who_and_when(self):
        order = self._order()
        order.with_user(self.salesman).sudo().action_confirm()
        self.assertEqual(order.pipeline_stage, "confirmed")
        history = order.pipeline_history_ids
        self.assertEqual(history.stage, "confirmed")
        self.assertEqual(history.previous_stage, "awaiting")
        self.assertEqual(history.user_id, self.salesman)
        self.assertEqual(history.source, "odoo")
        self.assertTrue(history.date)

    def test_stage_change_is_in_the_chatter(self):
        order = self._order()
        # Odoo tracks no change on a record created in the same transaction: end the creating one first.
        self.env.flush_all()
        self.env.cr.precommit.run()
        order.action_confirm()
        order.action_pipeline_advance()
        self.env.flush_all()
        self.env.cr.precommit.run()
        order.invalidate_recordset(["message_ids"])
        tracked = order.message_ids.tracking_value_ids.filtered(lambda t: t.field_id.name == "pipeline_stage")
        self.assertTrue(tracked)

    def test_validating_the_delivery_ships_through_packaging(self):
        order = self._order()
        order.action_confirm()
        delivery = order.picking_ids
        delivery.carrier_id = self.carrier
        delivery.carrier_tracking_ref = "TRK-1"
        self._validate(delivery)
        self.assertEqual(order.pipeline_stage, "shipping")
        self.assertEqual(
            order.pipeline_history_ids.sorted("id").mapped("stage"), ["confirmed", "packaging", "shipping"]
        )
        self.assertEqual(order.pipeline_tracking_ref, "TRK-1")

    def test_pick_pack_ship_pickings_drive_the_stages(self):
        self.warehouse.delivery_steps = "pick_pack_ship"
        order = self._order()
        order.action_confirm()
        stages_after_each_transfer = []
        while pending := order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel")).sorted("id"):
            self._validate(pending[0])
            stages_after_each_transfer.append((pending[0].picking_type_code, order.pipeline_stage))
        self.assertEqual(
            stages_after_each_transfer,
            [("internal", "packaging"), ("internal", "packaging"), ("outgoing", "shipping")],
        )

    def test_cancelling_the_sale_cancels_the_stage(self):
        order = self._order()
        order.action_confirm()
        order._action_cancel()
        self.assertEqual(order.pipeline_stage, "cancelled")

    def test_set_back_to_quotation_reopens_a_cancelled_order(self):
        order = self._order()
        order.action_confirm()
        order._action_cancel()
        order.action_draft()
        self.assertEqual(order.pipeline_stage, "awaiting")
        self.assertEqual(order.pipeline_history_ids[0].reason, "Set back to quotation")
        order.action_confirm()
        self.assertEqual(order.pipeline_stage, "confirmed")

    def test_return_of_a_shipped_order_is_recorded(self):
        order = self._order()
        order.action_confirm()
        self._validate(order.picking_ids)
        wizard = Form(
            self.env["stock.return.picking"].with_context(
                active_ids=order.picking_ids.ids, active_id=order.picking_ids.id, active_model="stock.picking"
            )
        ).save()
        wizard.product_return_moves.quantity = 1
        return_picking = self.env["stock.picking"].browse(wizard.action_create_returns()["res_id"])
        self._validate(return_picking)
        self.assertEqual(order.pipeline_stage, "returned")


@tagged("post_install", "-at_install")
class TestPipelineManualMoves(PipelineCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls._order()
        cls.order.action_confirm()

    def test_warehouse_user_advances_one_stage(self):
        self.order.with_user(self.warehouse_user).action_pipeline_advance()
        self.assertEqual(self.order.pipeline_stage, "packaging")
        self.assertEqual(self.order.pipeline_history_ids[0].user_id, self.warehouse_user)

    def test_shipping_needs_a_tracking_number(self):
        self.order.with_user(self.warehouse_user).action_pipeline_advance()
        with self.assertRaisesRegex(UserError, "tracking number"):
            self.order.with_user(self.warehouse_user).action_pipeline_advance()
        self.order.with_user(self.warehouse_user).action_pipeline_ship("1Z999", self.carrier.id)
        self.assertEqual(self.order.pipeline_stage, "shipping")
        self.assertEqual(self.order.picking_ids.carrier_tracking_ref, "1Z999")
        self.assertEqual(self.order.carrier_id, self.carrier)

    def test_ship_wizard_records_tracking(self):
        self.order.action_pipeline_advance()
        action = self.order.with_user(self.warehouse_user).action_pipeline_open_ship_wizard()
        wizard = Form(self.env[action["res_model"]].with_user(self.warehouse_user).with_context(**action["context"]))
        wizard.tracking_ref = "TRK-77"
        wizard.tracking_url = "https://track.example.com/TRK-77"
        wizard.save().action_ship()
        self.assertEqual(self.order.pipeline_stage, "shipping")
        self.assertEqual(self.order.pipeline_tracking_url, "https://track.example.com/TRK-77")

    def test_skipping_a_stage_is_refused(self):
        with self.assertRaisesRegex(UserError, "cannot be skipped"):
            self.order.with_user(self.manager).action_pipeline_set_stage("delivered")

    def test_repeating_the_current_stage_is_refused(self):
        with self.assertRaisesRegex(UserError, "already in stage"):
            self.order.with_user(self.manager).action_pipeline_set_stage("confirmed")

    def test_going_back_needs_a_reason_and_a_manager(self):
        self.order.action_pipeline_advance()
        with self.assertRaisesRegex(UserError, "needs a reason"):
            self.order.with_user(self.manager).action_pipeline_set_stage("confirmed")
        with self.assertRaises(AccessError):
            self.order.with_user(self.warehouse_user).action_pipeline_set_stage("confirmed", reason="Wrong box")
        self.order.with_user(self.manager).action_pipeline_set_stage("confirmed", reason="Wrong box")
        self.assertEqual(self.order.pipeline_stage, "confirmed")
        self.assertEqual(self.order.pipeline_history_ids[0].reason, "Wrong box")

    def test_staff_cannot_cancel_but_manager_can(self):
        with self.assertRaises(AccessError):
            self.order.with_user(self.salesman).action_pipeline_set_stage("cancelled")
        self.order.with_user(self.manager).action_pipeline_set_stage("cancelled")
        self.assertEqual(self.order.pipeline_stage, "cancelled")
        self.assertEqual(self.order.state, "cancel")

    def test_cancelled_order_reopens_with_a_reason(self):
        self.order._action_cancel()
        self.order.with_user(self.manager).action_pipeline_set_stage("awaiting", reason="Customer changed mind")
        self.assertEqual(self.order.pipeline_stage, "awaiting")
        self.assertEqual(self.order.state, "draft")

    def test_no_cancel_after_shipping(self):
        self.order.action_pipeline_advance()
        self.order.action_pipeline_ship("TRK-2")
        with self.assertRaisesRegex(UserError, "can no longer be cancelled"):
            self.order.with_user(self.manager).action_pipeline_set_stage("cancelled")

    def test_manager_registers_a_return_after_delivery(self):
        self.order.action_pipeline_advance()
        self.order.action_pipeline_ship("TRK-3")
        self.order.action_pipeline_confirm_receipt()
        with self.assertRaises(AccessError):
            self.order.with_user(self.warehouse_user).action_pipeline_set_stage("returned")
        self.order.with_user(self.manager).action_pipeline_set_stage("returned")
        self.assertEqual(self.order.pipeline_stage, "returned")

    def test_customer_cannot_move_the_warehouse_stages(self):
        with self.assertRaises(AccessError):
            self.order.with_user(self.customer_user).action_pipeline_set_stage("packaging")

    def test_customer_cannot_skip_a_required_payment(self):
        quote = self._order()
        quote.require_payment = True
        with self.assertRaisesRegex(UserError, "signing or paying"):
            quote.with_user(self.customer_user).action_pipeline_set_stage("confirmed")
        self.assertEqual(quote.state, "draft")

    def test_customer_confirms_a_quote_that_needs_neither_signature_nor_payment(self):
        quote = self._order()
        quote.write({"require_signature": False, "require_payment": False})
        quote.with_user(self.customer_user).action_pipeline_set_stage("confirmed")
        self.assertEqual(quote.state, "sale")
        self.assertEqual(quote.pipeline_history_ids.user_id, self.customer_user)

    def test_feedback_stage_only_comes_with_a_rating(self):
        self.order.action_pipeline_advance()
        self.order.action_pipeline_ship("TRK-5")
        self.order.action_pipeline_confirm_receipt()
        with self.assertRaisesRegex(UserError, "rating"):
            self.order.with_user(self.manager).action_pipeline_set_stage("feedback")
        with self.assertRaisesRegex(UserError, "from 1 to 5"):
            self.order.with_user(self.customer_user).action_pipeline_leave_feedback(0)
        self.order.with_user(self.customer_user).action_pipeline_leave_feedback(3)
        self.assertEqual(self.order.pipeline_stage, "feedback")
        with self.assertRaisesRegex(UserError, "already has your feedback"):
            self.order.with_user(self.customer_user).action_pipeline_leave_feedback(5)

    def test_user_without_rights_cannot_advance(self):
        # Explicit groups: with demo data, new users inherit the default user's (sales) rights.
        stranger = new_test_user(self.env, login="pipeline_stranger", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.order.with_user(stranger).sudo().action_pipeline_advance()

    def test_staff_cannot_write_the_customer_feedback(self):
        self.order.action_pipeline_advance()
        self.order.action_pipeline_ship("TRK-4")
        self.order.action_pipeline_confirm_receipt()
        with self.assertRaises(AccessError):
            self.order.with_user(self.warehouse_user).action_pipeline_leave_feedback(5)

    def test_packing_slip_prints_the_transfers(self):
        action = self.order.with_user(self.warehouse_user).action_pipeline_print_packing_slip()
        self.assertEqual(action["report_name"], "stock.report_deliveryslip")

    def test_kanban_shows_working_columns_and_the_non_empty_others(self):
        columns = self.env["sale.order"]._group_expand_pipeline_stage(["cancelled"], [])
        self.assertEqual(columns, ["confirmed", "packaging", "shipping", "delivered", "cancelled"])
