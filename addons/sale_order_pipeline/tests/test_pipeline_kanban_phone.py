from odoo.tests import HttpCase, tagged

from .common import PipelineCase


@tagged("post_install", "-at_install")
class TestPipelineKanbanPhone(HttpCase, PipelineCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_warehouse_user_advances_and_ships_from_a_phone(self):
        partner = self.env["res.partner"].create({"name": "Tour Customer", "email": "tour@example.com"})
        order = self._order(partner=partner)
        order.action_confirm()
        action = self.env.ref("sale_order_pipeline.sale_order_action_pipeline")
        self.start_tour(f"/odoo/action-{action.id}", "sale_order_pipeline_kanban_phone", login="pipeline_warehouse")
        self.assertEqual(order.pipeline_stage, "shipping")
        self.assertEqual(order.pipeline_tracking_ref, "TOUR-123")
