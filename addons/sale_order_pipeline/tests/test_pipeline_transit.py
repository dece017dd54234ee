from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import PipelineCase


@tagged("post_install", "-at_install")
class TestPipelineTransit(HttpCase, PipelineCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls._shipped_order("TRK-77")

    def test_staff_records_an_update_and_the_customer_is_told_once(self):
        order = self.order.with_user(self.warehouse_user)
        [event_id] = order.action_pipeline_add_transit_event(
            "in_transit", "Lyon hub", "2026-05-04T14:30:00+02:00", carrier_ref="EV-1"
        )
        event = self.env["sale.order.transit.event"].browse(event_id)
        self.assertEqual(event.location, "Lyon hub")
        self.assertEqual(str(event.event_time), "2026-05-04 12:30:00")
        self.assertEqual(event.user_id, self.warehouse_user)
        mail = self._transit_mails(self.order)
        self.assertEqual(len(mail), 1)
        self.assertIn(self.order.name, mail.subject)
        self.assertIn("In transit", mail.body_html)
        self.assertIn("Lyon hub", mail.body_html)
        # The carrier retries: same update, nothing new, nobody told twice.
        self.assertEqual(order.action_pipeline_add_transit_event("in_transit", "Lyon", carrier_ref="EV-1"), [event_id])
        # Without a reference, the same status, time and place is the same update.
        [second_id] = order.action_pipeline_add_transit_event("in_transit", "lyon hub", "2026-05-04T12:30:00")
        self.assertNotEqual(second_id, event_id)
        again = order.action_pipeline_add_transit_event("in_transit", "Lyon Hub ", "2026-05-04 12:30:00")
        self.assertEqual(again, [second_id])
        self.assertEqual(len(self.order.pipeline_transit_event_ids), 2)
        self.assertEqual(len(self._transit_mails(self.order)), 2)
        self.assertEqual(self.order.pipeline_stage, "shipping")

    def test_delivered_update_moves_the_order_with_one_mail(self):
        self.order.action_pipeline_add_transit_event("delivered", "Front door", carrier_ref="EV-9")
        self.assertEqual(self.order.pipeline_stage, "delivered")
        self.assertEqual(self.order.pipeline_history_ids.sorted("id")[-1].source, "carrier")
        self.assertFalse(self._transit_mails(self.order))
        delivered = self._customer_mails(self.order).filtered(lambda m: "has been delivered" in m.subject)
        self.assertEqual(len(delivered), 1)

    def test_refusals(self):
        with self.assertRaisesRegex(UserError, "not a carrier update"):
            self.order.action_pipeline_add_transit_event("teleported")
        with self.assertRaisesRegex(UserError, "not a date and time"):
            self.order.action_pipeline_add_transit_event("in_transit", event_time="yesterday")
        quote = self._order()
        with self.assertRaisesRegex(UserError, "not on its way"):
            quote.action_pipeline_add_transit_event("in_transit")
        with self.assertRaises(AccessError):
            self.order.with_user(self.customer_user).action_pipeline_add_transit_event("in_transit")
        self.assertFalse(self.order.pipeline_transit_event_ids)

    def test_updates_show_in_the_portal_timeline(self):
        self.order.action_pipeline_add_transit_event("in_transit", "Lyon hub", carrier_ref="EV-P")
        self.authenticate("pipeline_customer", "pipeline_customer")
        page = self.url_open(self.order.get_portal_url())
        self.assertIn("o_pipeline_transit", page.text)
        self.assertIn("Lyon hub", page.text)
        self.assertIn("In transit", page.text)
