import json
import time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, HttpCase, tagged

from ..lib.transit import sign
from .common import PipelineCase

HOSTILE_LINKS = [
    "javascript:alert(document.cookie)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "ftp://track.example.com/1",
    "//evil.example.com/1",
]


@tagged("post_install", "-at_install")
class TestPipelineTracking(HttpCase, PipelineCase):
    def _packed_order(self):
        order = self._order()
        order.action_confirm()
        order.action_pipeline_advance()
        return order

    def test_tracking_number_lives_on_the_delivery_transfer(self):
        order = self._packed_order()
        order.action_pipeline_ship("TRK-1", self.carrier.id)
        delivery = order.picking_ids
        self.assertEqual(delivery.carrier_tracking_ref, "TRK-1")
        self.assertEqual(order.pipeline_tracking_ref, "TRK-1")
        self.assertFalse(order._fields["pipeline_tracking_ref"].store)
        # Corrected in Inventory: the order and the carrier callback follow, the old number is gone.
        delivery.carrier_tracking_ref = "TRK-2"
        self.assertEqual(order.pipeline_tracking_ref, "TRK-2")
        self.assertEqual(self.env["sale.order"].search([("pipeline_tracking_ref", "=", "TRK-2")]), order)
        self.assertFalse(self.env["sale.order"].search([("pipeline_tracking_ref", "=", "TRK-1")]))
        self.env["ir.config_parameter"].set_param("sale_order_pipeline.carrier_secret", "s3cret")
        for ref, status in (("TRK-2", 200), ("TRK-1", 404)):
            body = json.dumps({"tracking_ref": ref, "status": "in_transit", "event_id": ref}).encode()
            now = int(time.time())
            response = self.url_open(
                "/sale_order_pipeline/carrier/event",
                data=body,
                headers={"X-Stride-Timestamp": str(now), "X-Stride-Signature": sign("s3cret", now, body)},
            )
            self.assertEqual(response.status_code, status, response.text)
        self.assertEqual(len(order.pipeline_transit_event_ids), 1)

    def test_an_order_without_delivery_cannot_be_shipped(self):
        service = self.env["product.product"].create({"name": "Gift wrapping", "type": "service"})
        order = self.env["sale.order"].create(
            {"partner_id": self.customer.id, "order_line": [(0, 0, {"product_id": service.id})]}
        )
        order.action_confirm()
        order.action_pipeline_advance()
        with self.assertRaisesRegex(UserError, "no delivery to ship"):
            order.action_pipeline_ship("TRK-S")
        self.assertEqual(order.pipeline_stage, "packaging")

    def test_tracking_links_must_be_web_addresses(self):
        order = self._packed_order()
        for link in HOSTILE_LINKS:
            with self.subTest(link=link):
                with self.assertRaisesRegex(ValidationError, "http:// or https://"):
                    order.action_pipeline_ship("TRK-9", self.carrier.id, link)
                with self.assertRaisesRegex(ValidationError, "http:// or https://"):
                    order.write({"pipeline_tracking_url": link})
                wizard = Form(self.env["sale.order.pipeline.ship"].with_context(default_order_ids=order.ids))
                wizard.tracking_ref = "TRK-9"
                wizard.tracking_url = link
                with self.assertRaisesRegex(ValidationError, "http:// or https://"):
                    wizard.save().action_ship()
        self.assertEqual(order.pipeline_stage, "packaging")
        order.action_pipeline_ship("TRK-9", self.carrier.id, "https://track.example.com/TRK-9")
        self.assertEqual(order.pipeline_tracking_url, "https://track.example.com/TRK-9")

    def test_carrier_link_that_is_no_web_address_is_not_shown(self):
        self.carrier.write({"tracking_url": "javascript:alert('<shipmenttrackingnumber>')"})
        order = self._packed_order()
        order.action_pipeline_ship("TRK-J", self.carrier.id)
        self.assertEqual(order.pipeline_stage, "shipping")
        self.assertFalse(order.pipeline_tracking_url)
        self.carrier.write({"tracking_url": "https://carrier.example.com/track?n=<shipmenttrackingnumber>"})
        order = self._packed_order()
        order.action_pipeline_ship("TRK-K", self.carrier.id)
        self.assertEqual(order.pipeline_tracking_url, "https://carrier.example.com/track?n=TRK-K")

    def test_tracking_number_and_carrier_news_are_escaped_in_mails_and_portal(self):
        script = "<script>alert('x')</script>"
        order = self._packed_order()
        order.action_pipeline_ship(f"TRK{script}", self.carrier.id, 'https://track.example.com/?q="><b>')
        order.action_pipeline_add_transit_event("in_transit", location=f"Lyon{script}", note=f"<img src=x>{script}")
        mails = self._customer_mails(order)
        self.assertTrue(mails)
        for body in [*mails.mapped("body_html"), *order.message_ids.mapped("body")]:
            self.assertNotIn("<script>", body)
            self.assertNotIn("<img src=x>", body)
            self.assertNotIn('"><b>', body)
        self.assertIn("&lt;script&gt;", self._transit_mails(order).body_html)
        self.authenticate("pipeline_customer", "pipeline_customer")
        page = self.url_open(order.get_portal_url()).text
        self.assertIn("TRK&lt;script&gt;", page)
        self.assertNotIn(script, page)
        self.assertNotIn("<img src=x>", page)
