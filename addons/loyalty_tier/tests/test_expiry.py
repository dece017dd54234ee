import logging
from datetime import timedelta

from odoo.tests import tagged

from .common import DAY_1, LoyaltyPointsCommon

_logger = logging.getLogger(__name__)

REMINDER_QUERIES = 47  # measured: 4 chunks of 5 cards, one language each


@tagged("post_install", "-at_install")
class TestLoyaltyExpiry(LoyaltyPointsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.program.write({"points_validity_days": 30, "expiry_reminder_days": 7})
        cls.expiry_day = DAY_1 + timedelta(days=30)

    def _expire(self, day, batch_size=10000):
        self.env["loyalty.program"]._cron_expire_points(batch_size=batch_size, today=day)

    def test_points_left_past_their_date_expire_as_a_dated_history_line(self):
        order = self._confirm(self._order(), DAY_1)
        card = self._card()
        self._expire(self.expiry_day)
        self.assertEqual(card.points, 100.0, "points are still valid on their expiry date")
        self._expire(self.expiry_day + timedelta(days=1))
        expiry = card.history_ids.filtered(lambda line: line.entry_kind == "expiry")
        self.assertEqual((expiry.entry_date, expiry.used), (self.expiry_day + timedelta(days=1), 100.0))
        self.assertEqual(self._lines(order, "value").points_remaining, 0.0)
        self.assertEqual((card.points, card.next_expiry_date, card.next_expiry_points), (0.0, False, 0.0))
        self.assertBalanceIsHistory(card)
        self._expire(self.expiry_day + timedelta(days=2))
        self.assertEqual(len(card.history_ids.filtered(lambda line: line.entry_kind == "expiry")), 1)

    def test_only_what_was_not_spent_expires_and_newer_points_stay(self):
        first = self._confirm(self._order(), DAY_1)
        spend = self._order(price=40.0)
        spend._update_programs_and_rewards()
        spend._apply_program_reward(self.program.reward_ids, self._card())
        cost = spend.order_line.filtered("reward_id").points_cost
        self._confirm(spend, DAY_1 + timedelta(days=5))
        later = self._confirm(self._order(price=60.0), DAY_1 + timedelta(days=20))
        card = self._card()
        self._expire(self.expiry_day + timedelta(days=1))
        expiry = card.history_ids.filtered(lambda line: line.entry_kind == "expiry")
        self.assertEqual(expiry.used, 100.0 - cost)
        self.assertEqual(self._lines(first, "value").points_remaining, 0.0)
        self.assertEqual(self._lines(later, "value").points_remaining, 60.0)
        self.assertEqual(card.next_expiry_date, DAY_1 + timedelta(days=50))
        self.assertBalanceIsHistory(card)

    def test_reminder_is_queued_once_in_the_customer_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["loyalty_tier"], ["fr_FR"], overwrite=True)
        self.customer.lang = "fr_FR"
        self._confirm(self._order(), DAY_1)
        mails = self.env["mail.mail"].search([("model", "=", "loyalty.card")])
        self._expire(self.expiry_day - timedelta(days=8))
        self.assertFalse(self.env["mail.mail"].search([("model", "=", "loyalty.card")]) - mails, "too early")
        self._expire(self.expiry_day - timedelta(days=7))
        reminder = self.env["mail.mail"].search([("model", "=", "loyalty.card")]) - mails
        self.assertEqual(len(reminder), 1)
        self.assertEqual(reminder.state, "outgoing", "through Odoo's mail queue")
        self.assertIn("expirent bientôt", reminder.subject)
        self.assertIn("<strong>100 Points</strong>", reminder.body_html)
        self.assertIn("<strong>09/04/2026</strong>", reminder.body_html, "the expiry date in the French format")
        self.assertIn(self.customer, reminder.recipient_ids)
        self._expire(self.expiry_day - timedelta(days=6))
        self.assertEqual(len(self.env["mail.mail"].search([("model", "=", "loyalty.card")]) - mails), 1)

    def test_reminder_template_reads_only_field_paths_in_every_language(self):
        # Odoo renders such a template with its regex renderer; any other expression makes it compile the QWeb body
        # once per card (tens of milliseconds each, most of the nightly reminders' time at 100,000 members).
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["loyalty_tier"], ["fr_FR"], overwrite=True)
        template = self.env.ref("loyalty_tier.mail_template_points_expiry_reminder")
        for lang in ("en_US", "fr_FR"):
            self.assertFalse(template.with_context(lang=lang)._has_unsafe_expression(), lang)

    def test_reminders_cost_queries_per_chunk_of_one_language_not_per_card(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        # Odoo's send_mail_batch renders mail.batch_size cards at a time, each language of a chunk apart.
        self.env["ir.config_parameter"].sudo().set_param("mail.batch_size", 5)
        partners = self.env["res.partner"].create(
            [
                {"name": f"Member {i}", "email": f"member{i}@example.com", "lang": ("en_US", "fr_FR")[i % 2]}
                for i in range(20)
            ]
        )
        cards = self.env["loyalty.card"].create(
            [{"program_id": self.program.id, "partner_id": partner.id, "points": 10.0} for partner in partners]
        )
        self.env["loyalty.history"].create(
            [
                {
                    "card_id": card.id,
                    "description": "Points",
                    "entry_kind": "adjustment",
                    "issued": 10.0,
                    "expiry_date": DAY_1 + timedelta(days=3),
                }
                for card in cards
            ]
        )
        mails = self.env["mail.mail"].search([("model", "=", "loyalty.card")])
        # Odoo's mail reads OdooBot's address once per transaction (the recipients it never mails): read here, as
        # any earlier mail of the transaction would, so that the budget counts the reminders.
        self.env.ref("base.partner_root").fetch(["email_normalized"])
        self.env.flush_all()
        # 20 cards, 4 chunks of one language each: the cards alternate languages, so unsorted chunks have two.
        with self.assertQueryCount(REMINDER_QUERIES):
            reminded = self.env["loyalty.program"]._loyalty_remind_batch(DAY_1, 1000)
        self.assertEqual(reminded, 20)
        reminders = self.env["mail.mail"].search([("model", "=", "loyalty.card")]) - mails
        self.assertEqual(len(reminders), 20)
        self.assertEqual(set(reminders.mapped("res_id")), set(cards.ids))

    def test_expiry_costs_the_same_queries_for_few_or_many_cards(self):
        def make_cards(count):
            partners = self.env["res.partner"].create([{"name": f"Member {i}"} for i in range(count)])
            cards = self.env["loyalty.card"].create(
                [{"program_id": self.program.id, "partner_id": partner.id} for partner in partners]
            )
            self.env["loyalty.history"].create(
                [
                    {
                        "card_id": card.id,
                        "description": "Points",
                        "entry_kind": "adjustment",
                        "issued": 10.0,
                        "expiry_date": DAY_1,
                    }
                    for card in cards
                ]
            )
            cards.points = 10.0
            return cards

        counts = []
        for count in (3, 30):
            cards = make_cards(count)
            self.env.flush_all()
            before = self.env.cr.sql_log_count
            self._expire(DAY_1 + timedelta(days=1))
            counts.append(self.env.cr.sql_log_count - before)
            self.assertEqual(set(cards.mapped("points")), {0.0})
        _logger.info("Expiry run of 3 and 30 cards (one batch each): %s queries", counts)
        self.assertEqual(counts[0], counts[1], counts)
        self.assertEqual(counts[0], 8)  # 7, and 1 to find cards holding points without a history line
        # Three batches of 10 cards: 5 queries more per batch.
        cards = make_cards(30)
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        self._expire(DAY_1 + timedelta(days=1), batch_size=10)
        self.assertEqual(self.env.cr.sql_log_count - before, 8 + 2 * 5)
        self.assertEqual(set(cards.mapped("points")), {0.0})
