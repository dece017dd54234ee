from odoo import Command
from odoo.tests import TransactionCase, tagged

from odoo.addons.sale_order_pipeline.models.sale_order import replaying_history


@tagged("post_install", "-at_install")
class TestDemoBuilder(TransactionCase):
    """The demo shop is built from ordered steps that other addons extend, and its history replay stays quiet."""

    def test_steps_are_ordered_unique_and_implemented(self):
        Builder = self.env["stride.demo.builder"]
        steps = Builder._stride_demo_steps()
        names = [name for _sequence, name in steps]
        self.assertEqual(len(names), len(set(names)))
        self.assertEqual(len({sequence for sequence, _name in steps}), len(steps), "one step per sequence")
        self.assertTrue(all(callable(getattr(Builder, name, None)) for name in names))
        ordered = [name for _sequence, name in sorted(steps)]
        self.assertLess(ordered.index("_demo_shoes"), ordered.index("_demo_orders"))
        self.assertLess(ordered.index("_demo_orders"), ordered.index("_demo_stock_alerts"))

    def test_an_addon_step_runs_on_the_shared_shop(self):
        # What a later addon does from its own data: run its step, find the demo records by XML id.
        shop = self.env["stride.demo.builder"]._run_demo_steps(["_demo_customers"], {"today": None})
        self.assertEqual(len(shop["partners"]), 200)
        self.assertIn("_demo_customers", shop["timings"])

    def _order_with_mail(self):
        partner = self.env["res.partner"].create({"name": "Quiet Check", "email": "quiet.check@example.com"})
        product = self.env["product.product"].create({"name": "Quiet Check Shoe", "list_price": 80.0})
        return self.env["sale.order"].create({
            "partner_id": partner.id,
            "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 1})],
        })

    def _mails(self, order):
        return self.env["mail.mail"].sudo().search_count([("model", "=", "sale.order"), ("res_id", "=", order.id)])

    def test_the_old_context_key_no_longer_mutes_the_customer(self):
        # Any RPC caller could set this key: it must not silence the pipeline any more.
        order = self._order_with_mail()
        order.with_context(stride_demo_history=True).action_confirm()
        self.assertTrue(self._mails(order))

    def test_replaying_history_mutes_the_customer(self):
        order = self._order_with_mail()
        with replaying_history():
            order.action_confirm()
        self.assertFalse(self._mails(order))
        self.assertTrue(order.pipeline_history_ids, "the stage history is recorded as usual")
