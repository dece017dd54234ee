from odoo.tests import tagged

from .common import PipelineCase

STAGE_CHANGE_BUDGET = 105
# With stride_audit installed (in the whole suite), the stage change is audited: auditlog reads the order's logged
# fields before and after the write in a cache of its own (cold, with their names) and writes the log (measured
# 2026-12-02: 126).
AUDIT_EXTRA = 21

STAGE_SUBJECTS = {
    "confirmed": "Order (Ref",  # Odoo's own order confirmation
    "packaging": "is being packed",
    "shipping": "is on its way",
    "delivered": "has been delivered",
    "feedback": "Thank you for your feedback",
}


@tagged("post_install", "-at_install")
class TestPipelineNotifications(PipelineCase):
    def _walk_to_feedback(self, order):
        order.action_confirm()
        order.action_pipeline_advance()
        order.action_pipeline_ship("TRK-9", self.carrier.id, "https://track.example.com/TRK-9")
        order.action_pipeline_confirm_receipt()
        order.with_user(self.customer_user).action_pipeline_leave_feedback(5, "Perfect fit")

    def test_customer_and_team_are_told_once_at_every_stage(self):
        order = self._order()
        self._walk_to_feedback(order)
        mails = self._customer_mails(order)
        for stage, subject in STAGE_SUBJECTS.items():
            with self.subTest(stage=stage):
                self.assertEqual(len(mails.filtered(lambda m, s=subject: s in m.subject)), 1)
        self.assertEqual(len(mails), len(STAGE_SUBJECTS))
        notices = self._team_notices(order, self.manager)
        self.assertEqual(len(notices), len(STAGE_SUBJECTS))
        self.assertIn("moved from Delivered to Feedback received", notices[0].body)

    def test_cancellation_is_announced(self):
        order = self._order()
        order.action_confirm()
        order._action_cancel()
        self.assertEqual(len(self._customer_mails(order).filtered(lambda m: "cancelled" in m.subject)), 1)

    def test_mail_carries_order_summary_portal_link_and_tracking(self):
        order = self._order()
        order.action_confirm()
        order.action_pipeline_advance()
        order.action_pipeline_ship("TRK-9", self.carrier.id, "https://track.example.com/TRK-9")
        body = self._customer_mails(order).filtered(lambda m: "on its way" in m.subject).body_html
        self.assertIn("Trail Runner 42", body)
        self.assertIn(order.get_portal_url(), body)
        self.assertIn("https://track.example.com/TRK-9", body)
        self.assertIn("TRK-9", body)

    def test_side_exits_and_reopening_are_announced_once_each(self):
        for subject, walk in (
            ("has been cancelled", lambda o: o._action_cancel()),
            ("waiting for your confirmation", lambda o: (o._action_cancel(), o.action_draft())),
            (
                "return for",
                lambda o: (
                    o.action_pipeline_advance(),
                    o.action_pipeline_ship("TRK-R"),
                    o.with_user(self.manager).action_pipeline_set_stage("returned"),
                ),
            ),
        ):
            with self.subTest(subject=subject):
                order = self._order()
                order.action_confirm()
                walk(order)
                walk_mails = self._customer_mails(order).filtered(lambda m, s=subject: s in m.subject)
                self.assertEqual(len(walk_mails), 1)
                self.assertEqual(len(self._team_notices(order, self.manager)), len(order.pipeline_history_ids))

    def test_repeated_transition_sends_nothing_twice(self):
        order = self._order()
        order.action_confirm()
        order._pipeline_follow("confirmed")
        order._on_pipeline_stage_changed("awaiting", "confirmed", order.pipeline_history_ids)
        self.assertEqual(len(self._customer_mails(order)), 1)
        self.assertEqual(len(self._team_notices(order, self.manager)), 1)
        self.assertEqual(len(order.pipeline_history_ids), 1)

    def test_mail_is_in_the_customer_language(self):
        # The translations shipped in i18n/fr.po, loaded as when French is installed.
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["sale_order_pipeline"], ["fr_FR"], overwrite=True)
        self.customer.lang = "fr_FR"
        order = self._order()
        order.action_confirm()
        order.action_pipeline_advance()
        mail = self._customer_mails(order).filtered(lambda m: "emballage" in m.subject)
        self.assertEqual(mail.subject, f"Votre commande {order.name} est en cours d'emballage")
        self.assertIn("Bonne nouvelle : notre entrepôt emballe votre commande.", mail.body_html)
        self.assertIn("Voir votre commande", mail.body_html)
        self.assertIn("Emballage", mail.body_html)

    def test_confirmed_mail_is_odoo_order_confirmation_in_the_chatter(self):
        order = self._order()
        order.action_confirm()
        mail = self._customer_mails(order)
        self.assertEqual(len(mail), 1)
        confirmation = order._get_confirmation_template()
        self.assertEqual(mail.mail_message_id.subject, confirmation._render_field("subject", order.ids)[order.id])
        # Posted on the order: in its chatter, as a comment sent to the customer, and in the mail queue.
        self.assertIn(mail.mail_message_id, order.message_ids)
        self.assertEqual(mail.mail_message_id.subtype_id, self.env.ref("mail.mt_comment"))
        self.assertEqual(mail.state, "outgoing")
        self.assertFalse(self.env.ref("sale_order_pipeline.mail_template_pipeline_confirmed", raise_if_not_found=False))

    def test_confirming_with_sale_own_mail_sends_one_confirmation(self):
        order = self._order()
        # How a payment or a signature confirms: sale sends its confirmation itself.
        order.with_context(send_email=True).action_confirm()
        self.assertEqual(len(self._customer_mails(order)), 1)
        self.assertEqual(len(self._team_notices(order, self.manager)), 1)

    def test_every_stage_and_carrier_mail_is_in_the_chatter(self):
        order = self._order()
        self._walk_to_feedback(order)
        mails = self._customer_mails(order)
        self.assertEqual(len(mails), len(STAGE_SUBJECTS))
        self.assertEqual(mails.mail_message_id, mails.mail_message_id & order.message_ids)
        self.assertEqual(set(mails.mail_message_id.subtype_id.mapped("name")), {"Discussions"})

    def test_editable_templates_are_kept_on_upgrade(self):
        templates = self.env["ir.model.data"].search(
            [("module", "=", "sale_order_pipeline"), ("model", "=", "mail.template")]
        )
        self.assertEqual(len(templates), 8)
        self.assertTrue(all(templates.mapped("noupdate")), templates.filtered(lambda d: not d.noupdate).mapped("name"))

    def test_team_recipients_follow_the_setting(self):
        group = self.env["res.groups"].create({"name": "Fulfilment watchers", "user_ids": [(4, self.salesman.id)]})
        self.env["res.config.settings"].create({"pipeline_notify_group_id": group.id}).execute()
        order = self._order()
        order.action_confirm()
        self.assertEqual(len(self._team_notices(order, self.salesman)), 1)
        self.assertFalse(self._team_notices(order, self.manager))

    def test_stage_change_query_budget(self):
        order = self._order()
        order.action_confirm()
        self.env.flush_all()
        self.env.invalidate_all()
        # 100 measured, cold cache: history, tracking, the mail posted in the chatter through sale's path, the notice
        with self.assertQueryCount(STAGE_CHANGE_BUDGET + AUDIT_EXTRA):
            order.with_user(self.warehouse_user).action_pipeline_advance()
            self.env.flush_all()
