import json
import time
from datetime import timedelta
from unittest.mock import call, patch

from odoo import fields
from odoo.tests import tagged

from odoo.addons.webhook_subscription.lib.backoff import MAX_ATTEMPTS

from .common import WebhookCase


class Rollback(Exception):
    pass


@tagged("post_install", "-at_install")
class TestWebhookDelivery(WebhookCase):
    def test_delivery_is_signed_and_verified_by_the_receiver(self):
        subscription = self.subscribe("customer.created", "/crm")
        partner = self.customer()
        delivery = subscription.delivery_ids
        self.assertEqual(delivery.state, "pending")
        self.assertFalse(self.receiver.requests, "nothing is sent in the user's transaction")

        self.send_all()

        [request] = self.receiver.requests
        self.assertEqual(request["verified_with"], [subscription.secret])
        self.assertEqual(request["event_id"], delivery.event_id)
        self.assertEqual(request["event"], "customer.created")
        self.assertEqual(request["body"], delivery.payload.encode())
        payload = request["json"]
        self.assertEqual(set(payload), {"event", "id", "timestamp", "data"})
        self.assertEqual(payload["id"], delivery.event_id)
        self.assertEqual(payload["data"]["id"], partner.id)
        self.assertEqual(payload["data"]["name"], "Lan Nguyễn")
        self.assertRecordValues(delivery, [{"state": "done", "attempts": 1, "last_status_code": 200,
                                            "last_error": False, "next_attempt_at": False}])

    def test_retry_after_a_500_sends_the_same_event_again(self):
        subscription = self.subscribe("customer.created", "/flaky")
        self.receiver.plans["/flaky"] = [(500, 0)]
        self.customer()
        delivery = subscription.delivery_ids

        before = fields.Datetime.now()
        self.send_all()
        self.assertRecordValues(delivery, [{"state": "failed", "attempts": 1, "last_status_code": 500}])
        self.assertIn("500", delivery.last_error)
        self.assertGreaterEqual(delivery.next_attempt_at, before + timedelta(seconds=60))
        self.assertLessEqual(delivery.next_attempt_at, fields.Datetime.now() + timedelta(seconds=61))

        self.assertFalse(self.send_all(), "not due before its backoff")
        self.send_all(now=fields.Datetime.now() + timedelta(minutes=2))
        self.assertRecordValues(delivery, [{"state": "done", "attempts": 2, "last_status_code": 200}])
        first, second = self.receiver.requests
        self.assertEqual(first["event_id"], second["event_id"])
        self.assertEqual(first["body"], second["body"])
        self.assertEqual(second["verified_with"], [subscription.secret])

    def test_retry_after_a_timeout(self):
        subscription = self.subscribe("customer.created", "/slow")
        self.receiver.plans["/slow"] = [(200, 1.5)]
        self.customer()
        delivery = subscription.delivery_ids

        self.send_all(timeout=0.3)
        self.assertRecordValues(delivery, [{"state": "failed", "attempts": 1, "last_status_code": 0}])
        self.assertIn("0.3", delivery.last_error)

        self.send_all(now=fields.Datetime.now() + timedelta(minutes=2), timeout=0.3)
        self.assertRecordValues(delivery, [{"state": "done", "attempts": 2}])
        self.assertEqual(len({request["event_id"] for request in self.receiver.requests}), 1)

    def test_an_answer_dripped_slowly_is_cut_at_the_timeout(self):
        subscription = self.subscribe("customer.created", "/drip")
        self.receiver.plans["/drip"] = [("drip", 3)]
        self.customer()
        started = time.monotonic()
        self.send_all(timeout=0.5)
        self.assertLess(time.monotonic() - started, 2, "the request is cut at its timeout, not at each read's")
        self.assertRecordValues(subscription.delivery_ids, [{"state": "failed", "last_status_code": 0}])
        self.assertIn("0.5", subscription.delivery_ids.last_error)

    def test_giving_up_pauses_the_subscription_until_sent_again(self):
        subscription = self.subscribe("customer.created", "/gone")
        self.receiver.plans["/gone"] = [(410, 0)]
        self.customer("Lost")
        delivery = subscription.delivery_ids
        delivery.attempts = MAX_ATTEMPTS - 1

        self.send_all()
        self.assertEqual(delivery.state, "dead")
        self.assertFalse(subscription.active, "a target failing for a day no longer gathers new events")
        self.assertIn(delivery.event_id, subscription.message_ids[0].body)
        self.customer("While paused")
        self.assertEqual(subscription.delivery_ids, delivery)

        delivery.action_send_again()
        self.assertTrue(subscription.active)
        self.send_all()
        self.assertEqual(delivery.state, "done")

    def test_dead_after_the_last_attempt_and_send_again(self):
        subscription = self.subscribe("customer.created", "/down")
        self.receiver.plans["/down"] = [(503, 0)]
        self.customer()
        delivery = subscription.delivery_ids
        delivery.attempts = MAX_ATTEMPTS - 1

        self.send_all()
        self.assertRecordValues(delivery, [{"state": "dead", "attempts": MAX_ATTEMPTS, "next_attempt_at": False}])

        delivery.action_send_again()
        self.assertRecordValues(delivery, [{"state": "pending", "attempts": 0, "last_error": False}])
        self.send_all()
        self.assertRecordValues(delivery, [{"state": "done", "attempts": 1}])
        self.assertEqual([r["event_id"] for r in self.receiver.requests], [delivery.event_id] * 2)

    def test_a_subscription_receives_its_events_in_order(self):
        ordered = self.subscribe("customer.created", "/ordered")
        other = self.subscribe("customer.created", "/other")
        self.receiver.plans["/ordered"] = [(500, 0)]
        partners = self.customer("A") | self.customer("B") | self.customer("C")

        self.send_all()
        # The first event failed: the two newer ones wait behind it; the other subscription is not held up.
        self.assertEqual([r["json"]["data"]["name"] for r in self.receiver.of_path("/ordered")], ["A"])
        self.assertEqual([r["json"]["data"]["name"] for r in self.receiver.of_path("/other")], ["A", "B", "C"])
        self.assertEqual(ordered.delivery_ids.sorted("id").mapped("state"), ["failed", "pending", "pending"])

        self.send_all(now=fields.Datetime.now() + timedelta(minutes=5))
        received = [r["json"]["data"]["id"] for r in self.receiver.of_path("/ordered")]
        self.assertEqual(received, [partners[0].id] + partners.ids)
        self.assertEqual(set(ordered.delivery_ids.mapped("state")), {"done"})
        self.assertEqual(set(other.delivery_ids.mapped("state")), {"done"})

    def test_a_queue_waiting_for_a_retry_does_not_hold_up_the_batch(self):
        waiting = self.subscribe("customer.created", "/waiting")
        self.receiver.plans["/waiting"] = [(500, 0)]
        self.customer("First")
        self.send_all()
        self.assertEqual(waiting.delivery_ids.state, "failed")
        ready = self.subscribe("customer.created", "/ready")
        self.customer("Second")
        # A batch of one: the due head of the second queue is found behind the first queue's head not yet due.
        self.assertEqual(self.Delivery._send_due(limit=1).subscription_id, ready)

    def test_an_archived_subscription_pauses_its_queue(self):
        subscription = self.subscribe("customer.created", "/paused")
        self.customer()
        subscription.active = False
        self.send_all()
        self.assertFalse(self.receiver.requests)
        subscription.active = True
        self.send_all()
        self.assertEqual(subscription.delivery_ids.state, "done")

    def test_a_dead_target_does_not_slow_the_users_write(self):
        subscription = self.subscribe("customer.updated", "/hanging")
        self.receiver.plans["/hanging"] = [(200, 3)]
        partner = self.customer()
        started = time.monotonic()
        partner.write({"phone": "+84 90 000 0000"})
        self.env.flush_all()
        self.assertLess(time.monotonic() - started, 3, "the write did not wait for the receiver")
        self.assertFalse(self.receiver.requests)
        self.assertRecordValues(subscription.delivery_ids, [{"state": "pending", "attempts": 0}])

    def test_no_delivery_for_a_rolled_back_transaction(self):
        subscription = self.subscribe("customer.created", "/rollback")
        with self.assertRaises(Rollback), self.env.cr.savepoint():
            self.customer()
            self.assertEqual(len(subscription.delivery_ids), 1)
            raise Rollback
        subscription.invalidate_recordset()
        self.assertFalse(subscription.delivery_ids)
        self.send_all()
        self.assertFalse(self.receiver.requests)

    def test_secret_rotation_keeps_the_previous_secret_during_the_grace_period(self):
        subscription = self.subscribe("customer.created", "/rotate")
        old_secret = subscription.secret
        action = subscription.action_rotate_secret()
        new_secret = subscription.secret
        self.assertNotEqual(new_secret, old_secret)
        self.assertEqual(action["params"]["message"], new_secret, "the new secret is shown once")
        self.receiver.secrets["/rotate"] = [old_secret, new_secret]

        self.customer("During grace")
        self.send_all()
        self.assertEqual(self.receiver.requests[-1]["verified_with"], [old_secret, new_secret])

        subscription.previous_secret_until = fields.Datetime.now() - timedelta(seconds=1)
        self.customer("After grace")
        self.send_all()
        self.assertEqual(self.receiver.requests[-1]["verified_with"], [new_secret])

    def test_cron_sends_then_wakes_up_at_the_next_retry(self):
        subscription = self.subscribe("customer.created", "/cron")
        self.receiver.plans["/cron"] = [(500, 0)]
        self.customer()
        cron = self.env.ref("webhook_subscription.ir_cron_send_deliveries")
        triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])
        self.assertTrue(triggers, "queuing an event wakes the cron")

        with patch.object(type(self.env["ir.cron"]), "_commit_progress", return_value=60.0) as commit:
            self.Delivery._cron_send()
        commit.assert_called_once_with(1)
        delivery = subscription.delivery_ids
        self.assertEqual(delivery.state, "failed")
        new_triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]) - triggers
        self.assertEqual(new_triggers.call_at, delivery.next_attempt_at)

    def test_cron_commits_after_each_attempt(self):
        self.subscribe("customer.created", "/first")
        self.subscribe("customer.created", "/second")
        self.customer()
        with patch.object(type(self.env["ir.cron"]), "_commit_progress", return_value=60.0) as commit:
            self.Delivery._cron_send()
        self.assertEqual(len(self.receiver.requests), 2)
        self.assertEqual(commit.call_args_list, [call(1), call(1)], "each request's outcome committed at once")

    def test_a_host_resolving_to_a_refused_address_is_not_contacted(self):
        subscription = self.subscribe("customer.created", "/rebind")
        subscription.target_url = subscription.target_url.replace("127.0.0.1", "localhost")
        self.customer()
        with patch.object(type(self.Subscription), "_webhook_allow_loopback", return_value=False):
            self.send_all()
        self.assertFalse(self.receiver.requests)
        self.assertEqual(subscription.delivery_ids.state, "failed")
        self.assertIn("localhost resolves to a refused address", subscription.delivery_ids.last_error)

    def test_payload_is_json_with_the_documented_keys(self):
        subscription = self.subscribe("customer.created", "/doc")
        country = self.env.ref("base.vn")
        partner = self.customer(street="1 Lê Lợi", city="Huế", country_id=country.id, phone="0901")
        data = json.loads(subscription.delivery_ids.payload)["data"]
        self.assertEqual(data, {
            "id": partner.id, "name": "Lan Nguyễn", "email": "lan@example.com", "phone": "0901",
            "is_company": False, "company_id": None,
            "address": {"street": "1 Lê Lợi", "street2": None, "city": "Huế", "zip": None, "state_code": None,
                        "country_code": "VN"},
            "lang": partner.lang or None, "vat": None, "ref": None, "active": True,
        })
