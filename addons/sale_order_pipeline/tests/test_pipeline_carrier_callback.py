import hashlib
import hmac
import json
import random
import time

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from ..lib.transit import MAX_BODY_BYTES, sign
from .common import PipelineCase

CALLBACK = "/sale_order_pipeline/carrier/event"
SECRET = "s3cret"
QUIET = ("odoo.addons.sale_order_pipeline.controllers.carrier", "odoo.http", "werkzeug")


@tagged("post_install", "-at_install")
class TestCarrierCallback(HttpCase, PipelineCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls._shipped_order("TRK-77")
        cls.env["ir.config_parameter"].set_param("sale_order_pipeline.carrier_secret", SECRET)
        # Other addons' demo data (the stride demo) may hold carrier updates of their own: only new ones count.
        cls.last_event_id = max(cls.env["sale.order.transit.event"].search([]).ids, default=0)

    def _post(self, body, headers=None, method="POST"):
        return self.url_open(CALLBACK, data=body, headers=headers or {}, method=method, allow_redirects=False)

    def _callback(self, payload, secret=SECRET, timestamp=None, signature=None):
        """POST `payload` (a dict, or raw bytes) signed as the carrier would, or with the given header values."""
        body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        timestamp = int(time.time()) if timestamp is None else timestamp
        headers = {
            "Content-Type": "application/json",
            "X-Stride-Timestamp": str(timestamp),
            "X-Stride-Signature": signature if signature is not None else sign(secret, timestamp, body),
        }
        return self._post(body, headers)

    def _nothing_recorded(self):
        self.assertFalse(self.env["sale.order.transit.event"].search([("id", ">", self.last_event_id)]))
        self.assertFalse(self._transit_mails(self.order))
        self.assertEqual(self.order.pipeline_stage, "shipping")

    def test_signed_update_is_recorded_once(self):
        payload = {"tracking_ref": "TRK-77", "status": "out_for_delivery", "location": "Paris 11", "event_id": "C-1"}
        response = self._callback(payload)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["stage"], "shipping")
        self.assertFalse(response.json()["duplicate"])
        # The carrier retries with a fresh signature: the same update, nobody told twice.
        response = self._callback(payload)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertTrue(response.json()["duplicate"])
        self.assertEqual(len(self.order.pipeline_transit_event_ids), 1)
        self.assertEqual(len(self._transit_mails(self.order)), 1)
        response = self._callback({**payload, "status": "delivered", "event_id": "C-3"})
        self.assertEqual(response.json()["stage"], "delivered")

    def test_captured_call_replayed_creates_nothing(self):
        # No event id and no time: only the body tells this update apart, so a replay used to be a new one.
        body = json.dumps({"tracking_ref": "TRK-77", "status": "in_transit", "location": "Lyon"}).encode()
        timestamp = int(time.time())
        signature = sign(SECRET, timestamp, body)
        first = self._callback(body, timestamp=timestamp, signature=signature)
        self.assertEqual(first.status_code, 200, first.text)
        for _replay in range(3):
            again = self._callback(body, timestamp=timestamp, signature=signature)
            self.assertEqual(again.status_code, 200, again.text)
            self.assertEqual(again.json(), {**first.json(), "duplicate": True})
        self.assertEqual(len(self.order.pipeline_transit_event_ids), 1)
        self.assertEqual(len(self._transit_mails(self.order)), 1)
        # A delivered update replayed after the order moved on is still the same update.
        delivered = json.dumps({"tracking_ref": "TRK-77", "status": "delivered"}).encode()
        self.assertEqual(self._callback(delivered).json()["stage"], "delivered")
        replay = self._callback(delivered)
        self.assertEqual(replay.status_code, 200, replay.text)
        self.assertTrue(replay.json()["duplicate"])
        self.assertEqual(len(self.order.pipeline_transit_event_ids), 2)
        self.assertEqual(len(self.order.pipeline_history_ids.filtered(lambda h: h.stage == "delivered")), 1)

    @mute_logger(*QUIET)
    def test_signature_outside_five_minutes_is_refused(self):
        payload = {"tracking_ref": "TRK-77", "status": "in_transit", "event_id": "OLD"}
        for skew in (301, -301, 86400):
            response = self._callback(payload, timestamp=int(time.time()) - skew)
            self.assertEqual(response.status_code, 401, response.text)
            self.assertIn("5 minutes", response.json()["error"])
        self._nothing_recorded()

    @mute_logger(*QUIET)
    def test_body_only_signature_of_before_is_refused(self):
        body = json.dumps({"tracking_ref": "TRK-77", "status": "in_transit"}).encode()
        body_only = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
        response = self._callback(body, signature=body_only)
        self.assertEqual(response.status_code, 403)
        self._nothing_recorded()

    @mute_logger(*QUIET)
    def test_non_ascii_headers_answer_400(self):
        body = json.dumps({"tracking_ref": "TRK-77", "status": "in_transit"}).encode()
        timestamp = int(time.time())
        for headers, fragment in (
            ({"X-Stride-Timestamp": str(timestamp), "X-Stride-Signature": ("sha256=é" + "0" * 63).encode()}, "hex"),
            ({"X-Stride-Timestamp": str(timestamp), "X-Stride-Signature": ("sha256=" + "٣" * 64).encode()}, "hex"),
            ({"X-Stride-Timestamp": "١٧٨٠٠٠٠٠٠٠".encode(), "X-Stride-Signature": "sha256=" + "0" * 64}, "digits"),
            ({"X-Stride-Timestamp": f"{timestamp}²".encode(), "X-Stride-Signature": "sha256=" + "0" * 64}, "digits"),
        ):
            response = self._post(body, {"Content-Type": "application/json", **headers})
            self.assertEqual(response.status_code, 400, response.text)
            self.assertIn(fragment, response.json()["error"])
        self._nothing_recorded()

    @mute_logger(*QUIET)
    def test_non_string_fields_answer_400(self):
        for payload in (
            {"tracking_ref": 77, "status": "in_transit"},
            {"tracking_ref": "TRK-77", "status": ["in_transit"]},
            {"tracking_ref": "TRK-77", "status": "in_transit", "location": {"city": "Lyon"}},
            {"tracking_ref": "TRK-77", "status": "in_transit", "time": 1780000000},
            {"tracking_ref": "TRK-77", "status": "in_transit", "note": "nul\u0000byte"},
            ["TRK-77", "in_transit"],
            "TRK-77",
        ):
            response = self._callback(payload)
            self.assertEqual(response.status_code, 400, response.text)
            self.assertTrue(response.json()["error"])
        self._nothing_recorded()

    @mute_logger(*QUIET)
    def test_large_body_is_refused_before_it_is_read(self):
        payload = {"tracking_ref": "TRK-77", "status": "in_transit", "note": "x" * MAX_BODY_BYTES}
        response = self._callback(payload)
        self.assertEqual(response.status_code, 413)
        # Without a length (chunked), nothing would bound the read: refused unread.
        response = self._post((b"x" * 1024 for _chunk in range(64)), {"Content-Type": "application/json"})
        self.assertEqual(response.status_code, 411)
        # As a form, Odoo would parse it before the route runs: werkzeug refuses it first.
        response = self._post({"note": "x" * (MAX_BODY_BYTES + 1)})
        self.assertEqual(response.status_code, 413)
        self._nothing_recorded()

    @mute_logger(*QUIET)
    def test_unknown_tracking_number_and_status(self):
        self.assertEqual(self._callback({"tracking_ref": "NOPE", "status": "in_transit"}).status_code, 404)
        self.assertEqual(self._callback({"status": "in_transit"}).status_code, 400)
        response = self._callback({"tracking_ref": "TRK-77", "status": "lost", "event_id": "C-2"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("not a carrier update", response.json()["error"])
        response = self._callback({"tracking_ref": "TRK-77", "status": "in_transit", "time": "yesterday"})
        self.assertEqual(response.status_code, 400)
        self._nothing_recorded()

    def test_callback_is_closed_without_a_secret(self):
        self.env["ir.config_parameter"].set_param("sale_order_pipeline.carrier_secret", "")
        self.assertEqual(self._callback({"tracking_ref": "TRK-77", "status": "in_transit"}, secret="").status_code, 404)
        self._nothing_recorded()

    @mute_logger(*QUIET)
    def test_fuzz_malformed_and_forged_calls_record_nothing(self):
        """A few hundred hostile calls: every one answered 4xx, no update recorded, nobody e-mailed."""
        rng = random.Random(9)
        mails_before = self.env["mail.mail"].search_count([])
        # What the setup's transaction still has to log (tracking, other addons' checks) is logged at its commit, i.e.
        # by the first call below: log it now, so that only what the calls themselves write is counted.
        self.env.flush_all()
        self.env.cr.precommit.run()
        # Messages about this delivery (the order, its customer, carrier updates): other addons may log their own.
        about_the_delivery = [
            "|",
            "|",
            "&",
            ("model", "=", "sale.order"),
            ("res_id", "=", self.order.id),
            "&",
            ("model", "=", "res.partner"),
            ("res_id", "=", self.order.partner_id.id),
            ("model", "=", "sale.order.transit.event"),
        ]
        messages_before = self.env["mail.message"].search_count(about_the_delivery)
        statuses = []
        for body, headers in self._hostile_calls(rng):
            response = self._post(body, headers)
            statuses.append(response.status_code)
            self.assertLess(response.status_code, 500, (body[:200] if isinstance(body, bytes) else body, headers))
        self.assertGreaterEqual(len(statuses), 300)
        self.assertTrue(all(400 <= status < 500 for status in statuses), sorted(set(statuses)))
        self._nothing_recorded()
        self.assertEqual(self.env["mail.mail"].search_count([]), mails_before)
        self.assertEqual(self.env["mail.message"].search_count(about_the_delivery), messages_before)

    def _hostile_calls(self, rng):
        now = int(time.time())
        good = {"tracking_ref": "TRK-77", "status": "in_transit", "location": "Lyon", "event_id": "F-1"}
        junk_values = [
            None, 0, -1, 1.5, True, [], {}, ["TRK-77"], {"$ne": ""}, "", " ", "\u0000", "٣", "²", "𝟘",
            "<script>alert(1)</script>", "' OR 1=1 --", "x" * 600, "\ud800", "TRK-77\n", "\u202e77-KRT",
        ]  # fmt: skip
        bad_bodies = [
            b"", b"{", b"null", b"[]", b"42", b'"x"', b"\xff\xfe\x00", b"{" * 3000, b"[" * 8000 + b"]" * 8000,
            b'{"tracking_ref": "TRK-77", "status": "in_transit", "time": "9999-12-31T23:59:59-14:00"}',
            b'{"tracking_ref": "TRK-77", "status": "in_transit", "time": "2026-13-45T99:00:00"}',
            b'{"tracking_ref": "TRK-77", "status": "in_transit", "time": "0000-01-01"}',
            b'{"tracking_ref": "TRK-77", "status": "teleported"}',
            b'{"tracking_ref": "NOPE", "status": "in_transit"}',
            b'{"tracking_ref": "TRK-77", "status": "in_transit", "tracking_ref": 1}',
            b'{"tracking_ref": "TRK-77", "status": "in_transit", "location": NaN}',
            b'{"tracking_ref": "TRK-77", "status": "in_transit", "note": 1e999}',
        ]  # fmt: skip
        good_body = json.dumps(good).encode()
        # 1. Forged: the right body with a wrong, stale, malformed or missing signature.
        for _i in range(130):
            timestamp = now + rng.choice([0, -400, 400, -(10**6), 10**9])
            forged = rng.choice(
                [
                    sign("guess", timestamp, good_body),
                    sign(SECRET, timestamp + 1, good_body),
                    sign(SECRET, timestamp, good_body + b" "),
                    "sha256=" + "".join(rng.choice("0123456789abcdef") for _c in range(64)),
                    "sha256=" + "".join(rng.choice("0123456789abcdef") for _c in range(rng.randint(0, 80))),
                    "".join(chr(rng.randint(33, 0x2FF)) for _c in range(rng.randint(1, 90))),
                    sign(SECRET, timestamp, good_body).upper(),
                    "",
                ]
            )
            stamp = rng.choice(
                [str(timestamp), str(timestamp), "", "abc", "١٧٨٠", f"{timestamp}.5", "+1780000000", "0x6a0f"]
            )
            if abs(timestamp - now) <= 300 and forged == sign(SECRET, timestamp, good_body):
                continue
            headers = {"Content-Type": "application/json", "X-Stride-Timestamp": stamp.encode()}
            if forged or rng.random() < 0.5:
                headers["X-Stride-Signature"] = forged.encode()
            yield good_body, headers
        # 2. Signed correctly but malformed: junk in every field, broken JSON, unknown numbers and statuses.
        for _i in range(150):
            if rng.random() < 0.3:
                body = rng.choice(bad_bodies)
            else:
                payload = dict(good, event_id=None)
                for name in rng.sample(sorted(good) + ["time", "note"], rng.randint(1, 3)):
                    payload[name] = rng.choice(junk_values)
                if payload.get("tracking_ref") == "TRK-77" and payload.get("status") == "in_transit":
                    payload["status"] = rng.choice(junk_values)
                try:
                    body = json.dumps(payload).encode()
                except (UnicodeEncodeError, ValueError):
                    body = json.dumps(payload, ensure_ascii=False).encode("utf-8", "surrogatepass")
            timestamp = now + rng.randint(-60, 60)
            yield (
                body,
                {
                    "Content-Type": rng.choice(["application/json", "text/plain", "application/octet-stream"]),
                    "X-Stride-Timestamp": str(timestamp),
                    "X-Stride-Signature": sign(SECRET, timestamp, body),
                },
            )
        # 3. Too large, or of no declared length, whatever the signature.
        for size in (MAX_BODY_BYTES + 1, 2 * MAX_BODY_BYTES, 4 * MAX_BODY_BYTES):
            body = b'{"note": "' + b"x" * size + b'"}'
            yield body, {"X-Stride-Timestamp": str(now), "X-Stride-Signature": sign(SECRET, now, body)}
        yield (chunk for chunk in (good_body,)), {"X-Stride-Timestamp": str(now)}
        # 4. Forms, query strings and empty calls.
        for _i in range(30):
            yield {"tracking_ref": "TRK-77", "status": "in_transit", "x": rng.choice(["٣", "²", "<b>"])}, {}
