from odoo.tests import HttpCase, tagged

from .common import PipelineReturnCase


@tagged("post_install", "-at_install")
class TestPipelineReturnsPortal(HttpCase, PipelineReturnCase):
    """The pipeline's portal pages show the new stages."""

    def test_my_orders_and_the_order_page_show_refunded(self):
        order = self._delivered_order()
        order.action_pipeline_set_stage("returned")
        order.action_pipeline_set_stage("refunded")
        self.authenticate("pipeline_rma_ana", "pipeline_rma_ana")
        orders_page = self.url_open("/my/orders")
        self.assertEqual(orders_page.status_code, 200)
        self.assertRegex(orders_page.text, r'text-bg-danger"[^>]*>\s*Refunded')
        page = self.url_open(order.get_portal_url())
        self.assertEqual(page.status_code, 200)
        self.assertIn("Returned", page.text)
        self.assertIn("Refunded", page.text)
