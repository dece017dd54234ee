import json
import time
import xmlrpc.client
from datetime import UTC, datetime, timedelta
from unittest.mock import patch

from odoo.tests import HttpCase, get_db_name, new_test_user, tagged
from odoo.tools import mute_logger

from ..lib.window import window_start
from ..models import rpc_rate_limit_window

LIMIT = 3  # the system parameter, set low for the tests (1,000 in production)
DEPRECATED_RPC = ("odoo.addons.rpc.controllers.xmlrpc", "odoo.addons.rpc.controllers.jsonrpc")


@tagged("post_install", "-at_install")
class TestRateLimit(HttpCase):
    """The request after the limit in an hour answers 429 with Retry-After, whichever API carries it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param("rpc_rate_limit.requests_per_hour", LIMIT)
        cls.integrator = new_test_user(
            cls.env, login="rate_limit_integrator", password="rate_limit_integrator",
            groups="base.group_user,base.group_partner_manager",
        )
        cls.other = new_test_user(cls.env, login="rate_limit_other", password="rate_limit_other")
        expiry = datetime.now() + timedelta(days=1)
        keys = cls.env["res.users.apikeys"]
        cls.key = keys.with_user(cls.integrator)._generate("rpc", "shop sync", expiry)
        cls.second_key = keys.with_user(cls.integrator)._generate("rpc", "reports", expiry)
        cls.other_key = keys.with_user(cls.other)._generate("rpc", "other", expiry)

    def setUp(self):
        super().setUp()
        # Ten minutes into an hour, on the addon's clock only: the window and Retry-After are exact.
        self.now = window_start(time.time()) + 600
        self.clock = self.startPatcher(patch.object(rpc_rate_limit_window, "time"))
        self.clock.time.side_effect = lambda: self.now

    def _json2(self, key, model="res.partner", method="search_count", **params):
        return self.url_open(
            f"/json/2/{model}/{method}",
            data=json.dumps(params or {"domain": []}),
            headers={"Content-Type": "application/json", "Authorization": f"bearer {key}"},
        )

    def _execute(self, user, secret, model="res.partner", method="search_count", *args):
        with mute_logger(*DEPRECATED_RPC):
            return self.xmlrpc_object.execute_kw(get_db_name(), user.id, secret, model, method, list(args or [[]]))

    def _count(self, key_user):
        self.env.invalidate_all()  # the requests counted in the server's transactions
        return sum(self.env["rpc.rate.limit.window"].search([("key_id.user_id", "=", key_user.id)])
                   .mapped("request_count"))

    def _use_up(self, key):
        for _request in range(LIMIT):
            self.assertEqual(self._json2(key).status_code, 200)

    def test_json2_refuses_the_request_over_the_limit_before_any_work(self):
        self._use_up(self.key)
        response = self._json2(self.key, method="create", vals_list=[{"name": "Over The Limit Ltd"}])
        self.assertEqual(response.status_code, 429, response.text)
        self.assertEqual(response.headers["Retry-After"], "3000")
        self.assertEqual(
            response.json()["message"],
            "Too many requests with this API key: 3 per hour. Try again in 3000 seconds.",
        )
        self.assertFalse(self.env["res.partner"].search_count([("name", "=", "Over The Limit Ltd")]))

    def test_the_1001st_request_of_an_hour_is_refused_by_default(self):
        self.env["ir.config_parameter"].set_param("rpc_rate_limit.requests_per_hour", False)  # seed 002's 1,000
        apikey = self.env["res.users.apikeys"].search(
            [("user_id", "=", self.integrator.id), ("name", "=", "shop sync")],
        )
        self.env["rpc.rate.limit.window"].create({
            "key_id": apikey.id, "request_count": 999,
            "window_start": datetime.fromtimestamp(window_start(self.now), UTC).replace(tzinfo=None),
        })
        self.assertEqual(self._json2(self.key).status_code, 200, "the 1,000th")
        response = self._json2(self.key)
        self.assertEqual(response.status_code, 429, "the 1,001st")
        self.assertEqual(response.headers["Retry-After"], "3000")
        self.assertIn("1000 per hour", response.json()["message"])

    def test_json2_accepts_the_key_again_when_the_hour_ends(self):
        self._use_up(self.key)
        self.now += 2999
        response = self._json2(self.key)
        self.assertEqual(response.status_code, 429)
        self.assertEqual(response.headers["Retry-After"], "1")
        self.now += 1
        self.assertEqual(self._json2(self.key).status_code, 200)

    def test_another_key_keeps_its_own_count(self):
        self._use_up(self.key)
        self.assertEqual(self._json2(self.key).status_code, 429)
        self.assertEqual(self._json2(self.second_key).status_code, 200, "another key of the same user")
        self.assertEqual(self._json2(self.other_key).status_code, 200, "another user's key")

    def test_xmlrpc_refuses_the_call_over_the_limit(self):
        for _request in range(LIMIT):
            self.assertIsInstance(self._execute(self.integrator, self.key), int)
        with self.assertRaises(xmlrpc.client.ProtocolError) as refusal:
            self._execute(self.integrator, self.key, "res.partner", "create", [{"name": "Over The Limit Ltd"}])
        self.assertEqual(refusal.exception.errcode, 429)
        self.assertEqual(refusal.exception.headers["Retry-After"], "3000")
        self.assertFalse(self.env["res.partner"].search_count([("name", "=", "Over The Limit Ltd")]))

    def test_xmlrpc_refusal_carries_a_short_fault(self):
        self._use_up(self.key)
        body = xmlrpc.client.dumps(
            (get_db_name(), self.integrator.id, self.key, "res.partner", "search_count", [[]]), "execute_kw",
        )
        with mute_logger(*DEPRECATED_RPC):
            response = self.url_open("/xmlrpc/2/object", data=body, headers={"Content-Type": "text/xml"})
        self.assertEqual(response.status_code, 429)
        self.assertEqual(response.headers["Retry-After"], "3000")
        with self.assertRaises(xmlrpc.client.Fault) as fault:
            xmlrpc.client.loads(response.content)
        self.assertEqual(fault.exception.faultCode, 2)
        self.assertEqual(
            fault.exception.faultString,
            "Too many requests with this API key: 3 per hour. Try again in 3000 seconds.",
        )

    def test_legacy_xmlrpc_endpoint_refuses_with_429_too(self):
        # /xmlrpc/<service>, Odoo's older entry point (string fault codes), builds its fault inside the route too.
        self._use_up(self.key)
        body = xmlrpc.client.dumps(
            (get_db_name(), self.integrator.id, self.key, "res.partner", "search_count", [[]]), "execute_kw",
        )
        with mute_logger(*DEPRECATED_RPC):
            response = self.url_open("/xmlrpc/object", data=body, headers={"Content-Type": "text/xml"})
        self.assertEqual(response.status_code, 429)
        self.assertEqual(response.headers["Retry-After"], "3000")
        with self.assertRaises(xmlrpc.client.Fault) as fault:
            xmlrpc.client.loads(response.content)
        # This entry point puts the message in the fault code ("warning -- ..."), as Odoo does for any UserError.
        self.assertIn("Too many requests with this API key", str(fault.exception.faultCode))

    def test_jsonrpc_refuses_the_call_over_the_limit(self):
        self._use_up(self.key)
        payload = {"jsonrpc": "2.0", "method": "call", "id": 7, "params": {
            "service": "object", "method": "execute_kw",
            "args": [get_db_name(), self.integrator.id, self.key, "res.partner", "search_count", [[]]],
        }}
        with mute_logger(*DEPRECATED_RPC):
            response = self.url_open("/jsonrpc", data=json.dumps(payload), headers={"Content-Type": "application/json"})
        self.assertEqual(response.status_code, 429)
        self.assertEqual(response.headers["Retry-After"], "3000")
        self.assertIn("Too many requests with this API key", response.json()["error"]["data"]["message"])

    def test_json2_and_xmlrpc_share_the_count_of_a_key(self):
        self.assertEqual(self._json2(self.key).status_code, 200)
        self._execute(self.integrator, self.key)
        self.assertEqual(self._json2(self.key).status_code, 200)
        self.assertEqual(self._json2(self.key).status_code, 429)

    def test_password_logins_are_not_counted(self):
        for _request in range(LIMIT + 2):
            self._execute(self.integrator, "rate_limit_integrator")
        self.assertEqual(self._count(self.integrator), 0)

    def test_zero_turns_the_limit_off(self):
        self.env["ir.config_parameter"].set_param("rpc_rate_limit.requests_per_hour", 0)
        for _request in range(LIMIT + 2):
            self.assertEqual(self._json2(self.key).status_code, 200)
        self.assertEqual(self._count(self.integrator), 0)

    def test_counting_costs_one_query_on_a_json2_call(self):
        self.env["ir.config_parameter"].set_param("rpc_rate_limit.requests_per_hour", 100)

        def queries(key):
            before = self.cr.sql_log_count
            self.assertEqual(self._json2(key).status_code, 200)
            return self.cr.sql_log_count - before

        queries(self.key)  # warm the caches (system parameter, routing)
        limited = queries(self.key)
        self.env["ir.config_parameter"].set_param("rpc_rate_limit.requests_per_hour", 0)
        queries(self.key)
        unlimited = queries(self.key)
        self.assertEqual(limited - unlimited, 1, f"{limited} queries counted, {unlimited} not counted")
        self.env["ir.config_parameter"].set_param("rpc_rate_limit.requests_per_hour", 100)
        queries(self.key)
        with self.assertQueryCount(limited):
            self._json2(self.key)

    # Hostile input: never a 500, and nobody uses up someone else's requests.

    def test_a_huge_bearer_token_is_refused(self):
        response = self._json2("k" * 16_384)
        self.assertEqual(response.status_code, 401)

    def test_a_unicode_bearer_token_is_refused(self):
        response = self.url_open(
            "/json/2/res.partner/search_count", data=json.dumps({"domain": []}),
            headers={"Content-Type": "application/json", "Authorization": "bearer ٣٣٣٣²²²²éé☃".encode()},
        )
        self.assertEqual(response.status_code, 401)

    def test_a_guess_sharing_a_key_prefix_counts_nothing(self):
        self.assertEqual(self._json2(self.key[:8] + "0" * 32).status_code, 401)
        self.assertEqual(self._count(self.integrator), 0)

    def test_someone_elses_key_over_xmlrpc_is_refused_and_counts_nothing(self):
        with mute_logger("odoo.http"), self.assertRaises(xmlrpc.client.Fault) as fault:
            self._execute(self.integrator, self.other_key)
        self.assertEqual(fault.exception.faultCode, 3)  # access denied
        self.assertEqual(self._count(self.integrator) + self._count(self.other), 0)

    def test_someone_elses_key_beside_a_session_is_refused_and_counts_nothing(self):
        self.authenticate("rate_limit_integrator", "rate_limit_integrator")
        with mute_logger("odoo.http"):
            response = self._json2(self.other_key)
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self._count(self.integrator) + self._count(self.other), 0)
