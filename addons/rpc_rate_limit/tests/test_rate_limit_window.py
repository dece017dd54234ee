import time
from datetime import UTC, datetime, timedelta

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

from ..lib.window import window_start


@tagged("post_install", "-at_install")
class TestRateLimitWindow(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(cls.env, login="rate_window_user", groups="base.group_user")
        cls.admin = new_test_user(cls.env, login="rate_window_admin", groups="base.group_user,base.group_system")
        cls.env["res.users.apikeys"].with_user(cls.user)._generate(
            "rpc", "sync", datetime.now() + timedelta(days=1),
        )
        cls.apikey = cls.env["res.users.apikeys"].search([("user_id", "=", cls.user.id)])
        this_hour = datetime.fromtimestamp(window_start(time.time()), UTC).replace(tzinfo=None)
        cls.current = cls._window(this_hour, 12)
        cls.ended = cls._window(this_hour - timedelta(hours=1), 1000)

    @classmethod
    def _window(cls, start, count):
        return cls.env["rpc.rate.limit.window"].create(
            {"key_id": cls.apikey.id, "window_start": start, "request_count": count},
        )

    def test_autovacuum_removes_the_hours_that_ended(self):
        self.env["rpc.rate.limit.window"]._gc_ended_windows()
        self.assertTrue(self.current.exists())
        self.assertFalse(self.ended.exists())

    def test_removing_a_key_removes_its_counts(self):
        self.apikey.with_user(self.user)._remove()
        self.assertFalse((self.current | self.ended).exists())

    def test_only_administrators_read_the_counts(self):
        self.assertEqual(self.current.with_user(self.admin).request_count, 12)
        self.assertEqual(self.current.with_user(self.admin).user_id, self.user)
        with self.assertRaises(AccessError):
            self.current.with_user(self.user).read(["request_count"])
        with self.assertRaises(AccessError):
            self.current.with_user(self.admin).write({"request_count": 0})

    def test_a_limit_that_is_not_a_number_falls_back_to_the_default(self):
        self.env["ir.config_parameter"].set_param("rpc_rate_limit.requests_per_hour", "lots")
        with self.assertLogs("odoo.addons.rpc_rate_limit.models.rpc_rate_limit_window", "WARNING"):
            self.assertEqual(self.env["rpc.rate.limit.window"]._rate_limit(), 1000)
